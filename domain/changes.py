"""Changes to an issued guarantee: what each kind may change, and the labels of versions."""

import enum
from dataclasses import dataclass, replace
from datetime import date

from domain.japan_time import day_text
from domain.kinds import GuaranteeKind
from domain.ratios import AmountRules, check_guarantee_amount, combined_problem


class VersionKind(enum.StrEnum):
    """Why a certificate version exists."""

    NEW = "new"
    INCREASE = "increase"
    DECREASE = "decrease"
    EXTENSION = "extension"
    CORRECTION = "correction"
    UNDO = "undo"
    #: 請負契約の変更: only the contract facts change (the seed's note 2: no guarantee change).
    CONTRACT_FACTS = "contract_facts"

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


CHANGE_KINDS = (
    VersionKind.INCREASE,
    VersionKind.DECREASE,
    VersionKind.EXTENSION,
    VersionKind.CONTRACT_FACTS,
)

_LABELS = {
    VersionKind.NEW: "新規",
    VersionKind.INCREASE: "増額",
    VersionKind.DECREASE: "減額",
    VersionKind.EXTENSION: "保証期限変更",
    VersionKind.CORRECTION: "訂正",
    VersionKind.UNDO: "変更取消",
    VersionKind.CONTRACT_FACTS: "請負契約の変更",
}


def version_label(kind: VersionKind, change_number: int) -> str:
    """The label printed on a version: 新規, 変更-N, 訂正 or 変更取消."""
    if kind is VersionKind.NEW:
        return "新規"
    if kind.is_change:
        return f"変更-{change_number}"
    return kind.label


@dataclass(frozen=True)
class ContractFacts:
    """The facts of the works contract a guarantee rests on: 請負金額 and 工期."""

    contract_price: int
    work_start: date
    work_end: date

    def updated(
        self,
        contract_price: int | None = None,
        work_start: date | None = None,
        work_end: date | None = None,
    ) -> "ContractFacts":
        """These facts with the given ones put in; None keeps a fact as it is."""
        given = {"contract_price": contract_price, "work_start": work_start, "work_end": work_end}
        return replace(self, **{name: value for name, value in given.items() if value is not None})


@dataclass(frozen=True)
class CertificateTerms:
    """What a certificate states: the guarantee's amount and 保証期限, and the contract facts."""

    amount: int
    end: date
    facts: ContractFacts


@dataclass(frozen=True)
class RequestedChange:
    """A change as entered: None for every field left empty."""

    kind: VersionKind
    new_amount: int | None = None
    new_end: date | None = None
    new_contract_price: int | None = None
    new_work_start: date | None = None
    new_work_end: date | None = None


#: Which guarantee terms each kind sets (the facts may change with any kind).
_SETS_AMOUNT = (VersionKind.INCREASE, VersionKind.DECREASE, VersionKind.CORRECTION)
_SETS_END = (VersionKind.EXTENSION, VersionKind.CORRECTION)


def changed_terms(current: CertificateTerms, change: RequestedChange) -> CertificateTerms:
    """The terms after the change: empty fields and terms the kind does not set stay."""
    amount = change.new_amount if change.kind in _SETS_AMOUNT else None
    end = change.new_end if change.kind in _SETS_END else None
    return CertificateTerms(
        amount=current.amount if amount is None else amount,
        end=current.end if end is None else end,
        facts=current.facts.updated(
            change.new_contract_price, change.new_work_start, change.new_work_end
        ),
    )


def check_change(
    guarantee: GuaranteeKind,
    current: CertificateTerms,
    change: RequestedChange,
    rules: AmountRules,
    base_this_year: int | None = None,
    companion: int | None = None,
) -> dict[str, str]:
    """Messages (keyed by the form's field names) for a change that cannot be made.

    The orderer's ratios and the 工期 are checked against the facts the change records, for
    the guarantee terms the change sets. A change of the contract facts alone forces no
    guarantee change (the seed's note 2); the guarantee still may not exceed the price.
    `companion` is the amount of the other advance of the same work (the 中間前払金保証 of a
    前払金保証, or the reverse): a change that sets the amount keeps the two within the combined
    ratio (6/10) of the price it records.
    """
    after = changed_terms(current, change)
    problems = _check_facts(current, change, after)
    if change.kind in _SETS_AMOUNT and "new_contract_price" not in problems:
        problems |= _check_amount(
            change.kind, guarantee, current.amount, change.new_amount, after, rules, base_this_year
        )
    elif after.amount > after.facts.contract_price:
        problems.setdefault(
            "new_contract_price",
            f"請負金額は保証金額（{after.amount:,}円）以上にしてください。",
        )
    if not problems and companion is not None and change.kind in _SETS_AMOUNT:
        message = combined_problem_of(guarantee, after, companion, rules, base_this_year)
        if message:
            problems["new_amount"] = message
    if change.kind in _SETS_END and "new_work_end" not in problems:
        problems |= _check_end(change.kind, current.end, change.new_end, after.facts)
    return problems


#: The two advances of one work, each the other's companion: the combined ratio bounds their sum.
COMPANION_ADVANCE = {
    GuaranteeKind.ADVANCE: GuaranteeKind.INTERIM,
    GuaranteeKind.INTERIM: GuaranteeKind.ADVANCE,
}


def combined_problem_of(
    guarantee: GuaranteeKind,
    terms: CertificateTerms,
    companion: int,
    rules: AmountRules,
    base_this_year: int | None = None,
) -> str | None:
    """The combined ratio's message for one advance's terms beside its companion's amount."""
    if guarantee not in COMPANION_ADVANCE:
        return None
    advance, interim = (
        (terms.amount, companion)
        if guarantee is GuaranteeKind.ADVANCE
        else (companion, terms.amount)
    )
    return combined_problem(advance, interim, terms.facts.contract_price, rules, base_this_year)


def _check_facts(
    current: CertificateTerms, change: RequestedChange, after: CertificateTerms
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if change.new_contract_price is not None and change.new_contract_price <= 0:
        problems["new_contract_price"] = "変更後の請負金額は1円以上で入力してください。"
    if after.facts.work_end < after.facts.work_start:
        problems["new_work_end"] = (
            f"工期の完成日は着工日（{day_text(after.facts.work_start)}）以降にしてください。"
        )
    if change.kind is VersionKind.CONTRACT_FACTS and after.facts == current.facts and not problems:
        problems["new_contract_price"] = "変更後の請負金額または工期を入力してください。"
    return problems


def _check_amount(
    kind: VersionKind,
    guarantee: GuaranteeKind,
    current: int,
    new: int | None,
    after: CertificateTerms,
    rules: AmountRules,
    base_this_year: int | None,
) -> dict[str, str]:
    price = after.facts.contract_price
    if new is None:
        return {"new_amount": "変更後の保証金額を入力してください。"}
    if new <= 0:
        return {"new_amount": "変更後の保証金額は1円以上で入力してください。"}
    if new > price:
        return {"new_amount": f"保証金額は請負金額（{price:,}円）以下にしてください。"}
    if kind is VersionKind.INCREASE and new <= current:
        return {
            "new_amount": f"増額では現在の保証金額（{current:,}円）より大きい額にしてください。"
        }
    if kind is VersionKind.DECREASE and new >= current:
        return {
            "new_amount": f"減額では現在の保証金額（{current:,}円）より小さい額にしてください。"
        }
    if message := check_guarantee_amount(guarantee, new, price, base_this_year, rules):
        return {"new_amount": message}
    return {}


def _check_end(
    kind: VersionKind, current: date, new: date | None, facts: ContractFacts
) -> dict[str, str]:
    if new is None:
        return {"new_end": "変更後の保証期限を入力してください。"}
    if new < facts.work_start:
        return {"new_end": "保証期限は工期の着工日以降の日付にしてください。"}
    if new > facts.work_end:
        return {
            "new_end": f"保証期限は工期の完成日（{day_text(facts.work_end)}）以前にしてください。"
            "工期が延びたときは、変更後の工期（完成日）もあわせて入力してください。"
        }
    if kind is VersionKind.EXTENSION and new == current:
        return {"new_end": "現在の保証期限と同じ日付です。変更後の日付を入力してください。"}
    return {}
