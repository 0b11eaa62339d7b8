"""Whether 電子保証 may be chosen for a guarantee, and why not."""

from dataclasses import dataclass
from datetime import date

from domain.kinds import GuaranteeKind, StartBasis
from domain.wareki import to_wareki


@dataclass(frozen=True)
class ESuretyRules:
    """An orderer's acceptance of 電子保証: the kinds, and the works it starts from."""

    accepted_kinds: frozenset[GuaranteeKind]
    start_date: date | None
    start_basis: StartBasis | None

    def __post_init__(self) -> None:
        """Refuse a start date without its basis, or the reverse."""
        if (self.start_date is None) != (self.start_basis is None):
            raise ValueError("start_date and start_basis must be given together")


@dataclass(frozen=True)
class WorkDates:
    """The dates of a public work that an orderer may count from."""

    announcement: date | None
    nomination: date | None
    contract: date | None

    def on(self, basis: StartBasis) -> date | None:
        """Return the date the basis names."""
        match basis:
            case StartBasis.ANNOUNCEMENT:
                return self.announcement
            case StartBasis.NOMINATION:
                return self.nomination
            case StartBasis.CONTRACT:
                return self.contract


def e_surety_refusal(
    rules: ESuretyRules, kind: GuaranteeKind, dates: WorkDates, orderer_name: str
) -> str | None:
    """Return None when 電子保証 may be chosen, else the Japanese reason it may not."""
    if not rules.accepted_kinds:
        return f"{orderer_name}は電子保証に対応していません。証書(紙)をお選びください。"
    if kind not in rules.accepted_kinds:
        return (
            f"{orderer_name}は{kind.label}の電子保証に対応していません。証書(紙)をお選びください。"
        )
    if rules.start_date is None or rules.start_basis is None:
        return None
    basis = rules.start_basis
    work_date = dates.on(basis)
    start = to_wareki(rules.start_date)
    target = f"{orderer_name}の電子保証は{basis.label}が{start}以降の工事が対象です。"
    if work_date is None:
        return f"{target}電子保証を選ぶには{basis.label}を入力してください。"
    if work_date < rules.start_date:
        return f"{target}証書(紙)をお選びください。"
    return None
