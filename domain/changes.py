"""Changes to an issued guarantee: what each kind may change, and the labels of versions."""

import enum
from datetime import date


class VersionKind(enum.StrEnum):
    """Why a certificate version exists."""

    NEW = "new"
    INCREASE = "increase"
    DECREASE = "decrease"
    EXTENSION = "extension"
    CORRECTION = "correction"
    UNDO = "undo"

    @property
    def label(self) -> str:
        """The Japanese name of the action, e.g. 増額."""
        return _LABELS[self]

    @property
    def is_change(self) -> bool:
        """A change counted as 変更-N (増額, 減額, 保証期限変更)."""
        return self in CHANGE_KINDS

    @property
    def visible(self) -> bool:
        """Shown in the history list; 訂正 and 変更取消 are hidden (the content reflects them)."""
        return self not in (VersionKind.CORRECTION, VersionKind.UNDO)


CHANGE_KINDS = (VersionKind.INCREASE, VersionKind.DECREASE, VersionKind.EXTENSION)

_LABELS = {
    VersionKind.NEW: "新規",
    VersionKind.INCREASE: "増額",
    VersionKind.DECREASE: "減額",
    VersionKind.EXTENSION: "保証期限変更",
    VersionKind.CORRECTION: "訂正",
    VersionKind.UNDO: "変更取消",
}


def version_label(kind: VersionKind, change_number: int) -> str:
    """The label printed on a version: 新規, 変更-N, 訂正 or 変更取消."""
    if kind is VersionKind.NEW:
        return "新規"
    if kind.is_change:
        return f"変更-{change_number}"
    return kind.label


def check_change(
    kind: VersionKind,
    current_amount: int,
    current_end: date,
    new_amount: int | None,
    new_end: date | None,
    contract_price: int,
    work_start: date,
) -> dict[str, str]:
    """Messages (keyed new_amount / new_end) for a change that cannot be made."""
    problems: dict[str, str] = {}
    if kind in (VersionKind.INCREASE, VersionKind.DECREASE, VersionKind.CORRECTION):
        problems |= _check_amount(kind, current_amount, new_amount, contract_price)
    if kind in (VersionKind.EXTENSION, VersionKind.CORRECTION):
        problems |= _check_end(kind, current_end, new_end, work_start)
    return problems


def _check_amount(
    kind: VersionKind, current: int, new: int | None, contract_price: int
) -> dict[str, str]:
    if new is None:
        return {"new_amount": "変更後の保証金額を入力してください。"}
    if new <= 0:
        return {"new_amount": "変更後の保証金額は1円以上で入力してください。"}
    if new > contract_price:
        return {"new_amount": f"保証金額は請負金額（{contract_price:,}円）以下にしてください。"}
    if kind is VersionKind.INCREASE and new <= current:
        return {
            "new_amount": f"増額では現在の保証金額（{current:,}円）より大きい額にしてください。"
        }
    if kind is VersionKind.DECREASE and new >= current:
        return {
            "new_amount": f"減額では現在の保証金額（{current:,}円）より小さい額にしてください。"
        }
    return {}


def _check_end(
    kind: VersionKind, current: date, new: date | None, work_start: date
) -> dict[str, str]:
    if new is None:
        return {"new_end": "変更後の保証期限を入力してください。"}
    if new < work_start:
        return {"new_end": "保証期限は工期の着工日以降の日付にしてください。"}
    if kind is VersionKind.EXTENSION and new == current:
        return {"new_end": "現在の保証期限と同じ日付です。変更後の日付を入力してください。"}
    return {}
