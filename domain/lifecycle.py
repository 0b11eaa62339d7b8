"""What anyone outside the branch sees of an issued guarantee: the versions still shown, each
with the version whose content it now shows, and the guarantee's standing (有効, 期限満了, 解約)."""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain.changes import VersionKind


@dataclass(frozen=True)
class Shown:
    """A visible version (新規 or 変更-N: its label and its first-view stamp) and the version
    whose content it shows now (itself, or the latest 訂正 or 変更取消 that replaced it)."""

    seq: int
    content_seq: int


def shown_versions(versions: Iterable[tuple[int, VersionKind]]) -> list[Shown]:
    """The visible versions, in order, from every version's (seq, kind) in the order made.

    A 訂正 hides itself: its content shows under the version it corrects. A 変更取消 hides
    itself and the change it undoes: the version before that change shows again, with the
    content the 変更取消 put back.
    """
    shown: list[Shown] = []
    for seq, kind in versions:
        if kind is VersionKind.UNDO:
            shown.pop()
        if kind.visible:
            shown.append(Shown(seq, seq))
        else:
            shown[-1] = Shown(shown[-1].seq, seq)
    return shown


def next_change_number(versions: Iterable[tuple[int, VersionKind]]) -> int:
    """N of the next 変更-N: undone changes are gone, so their numbers are given again."""
    versions = list(versions)
    kinds = dict(versions)
    return 1 + sum(1 for shown in shown_versions(versions) if kinds[shown.seq].is_change)


class Standing(enum.StrEnum):
    """Where a guarantee stands for every party, or where a version of it stands (変更あり:
    a later version replaced the one on the screen). Shown as a status badge: `label` in it,
    `badge` its colour (the CSS class status-<badge>, shared with applications' statuses)."""

    ACTIVE = "active"
    CHANGED = "changed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _STANDING_LABELS[self.value]

    @property
    def badge(self) -> str:
        return _STANDING_BADGES[self.value]


_STANDING_LABELS = {
    "active": "有効",
    "changed": "変更あり",
    "expired": "期限満了",
    "cancelled": "解約",
}
#: The badge colours (static/app.css .status-<badge>): green, amber, amber, red.
_STANDING_BADGES = {
    "active": "issued",
    "changed": "returned",
    "expired": "returned",
    "cancelled": "declined",
}


@dataclass(frozen=True)
class Flag:
    """A word beside a contract in a list (期限間近, 認証キー再発行…), as a status badge."""

    label: str
    badge: str = "returned"


def version_standing(standing: Standing, shown_seq: int, latest_seq: int) -> Standing:
    """How a version stands: 変更あり when the guarantee is 有効 and a later version was
    issued; otherwise as the guarantee stands."""
    if standing is Standing.ACTIVE and shown_seq < latest_seq:
        return Standing.CHANGED
    return standing


def contract_standing(cancelled: bool, guarantee_end: date, today: date) -> Standing:
    """解約 once cancelled; 期限満了 from the day after the 保証期限 (dates in Japan); else 有効."""
    if cancelled:
        return Standing.CANCELLED
    if today > guarantee_end:
        return Standing.EXPIRED
    return Standing.ACTIVE


def application_progress(status_label: str, cancelled: int, issued: int) -> str:
    """手続状況 of an application: 解約 when all its issued guarantees are cancelled, 一部解約
    when some are, otherwise its own status."""
    if issued and cancelled == issued:
        return "解約"
    if cancelled:
        return "一部解約"
    return status_label
