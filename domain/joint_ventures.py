"""共同企業体 (JV): the members' shares (出資比率) must make a whole."""

from decimal import Decimal

WHOLE = Decimal(100)
SHARE_PLACES = 2


def check_shares(shares: list[Decimal], member_ids: list[int]) -> str | None:
    """Return why these members and shares (in %) cannot form a JV (Japanese), or None.

    The first member is the representative (代表者).
    """
    if len(member_ids) < 2:
        return "共同企業体は代表者と1社以上の構成員で登録してください。"
    if len(set(member_ids)) != len(member_ids):
        return "同じ会社を2回以上選ぶことはできません。"
    if any(not Decimal(0) < share <= WHOLE for share in shares):
        return "出資比率は0より大きく100以下の数（%）で入力してください。"
    if any(share != share.quantize(Decimal(1).scaleb(-SHARE_PLACES)) for share in shares):
        return f"出資比率は小数点以下{SHARE_PLACES}桁までで入力してください。"
    if sum(shares) != WHOLE:
        return (
            f"出資比率の合計が100%になるようにしてください（現在 {sum(shares).normalize():f}%）。"
        )
    return None
