"""Notices of a guarantee's changes to the orderer who checked it, and of the orderer's check
to the contractor: their kinds, and when a 保証期限 counts as near."""

import enum
from datetime import date, timedelta

#: The orderer is told this long before a checked guarantee's 保証期限.
EXPIRY_NOTICE = timedelta(days=30)


class NoticeKind(enum.StrEnum):
    """A kind of notice that an orderer or a contractor company can switch off."""

    CHANGED = "changed"
    CANCELLED = "cancelled"
    KEY_REISSUED = "key_reissued"
    EXPIRING = "expiring"
    COVERAGE = "coverage"
    CONFIRMED = "confirmed"

    @property
    def label(self) -> str:
        return {
            "changed": "保証内容の変更（変更-N）",
            "cancelled": "解約",
            "key_reissued": "認証キーの再発行",
            "expiring": "保証期限の30日前",
            "coverage": "監視中の契約内容を保証が満たさなくなったとき",
            "confirmed": "発注者が電子保証を確認したとき",
        }[self.value]


#: What an orderer's contract mailbox is told, and what a contractor company is told.
ORDERER_NOTICES = (
    NoticeKind.CHANGED,
    NoticeKind.CANCELLED,
    NoticeKind.KEY_REISSUED,
    NoticeKind.EXPIRING,
    NoticeKind.COVERAGE,
)
CONTRACTOR_NOTICES = (NoticeKind.CONFIRMED,)


def expires_soon(guarantee_end: date, today: date) -> bool:
    """The 保証期限 is today or within EXPIRY_NOTICE from today (期限間近)."""
    return today <= guarantee_end <= today + EXPIRY_NOTICE
