"""The advance after issuance: the declared uses (前払金使途内訳明細書) and the withdrawals.

Pure rules over int yen. The advance sits in a dedicated account at the 預託金融機関; the
contractor may take money out only for the uses its accepted statement declares, never more
than a use's declared amount and never more than the account holds.
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

#: A use at or beyond this share of its declared amount is "near its limit" for 使途監査.
NEAR_LIMIT_PERCENT = 90
#: The longest 内訳 (description) of one row, and the longest 払出先.
DESCRIPTION_MAX = 100
PAYEE_MAX = 100


class UseCategory(enum.StrEnum):
    """A use of the advance, as the sureties' 前払金使途内訳明細書 lists them."""

    MATERIALS = "materials"
    LABOUR = "labour"
    MACHINERY = "machinery"
    SUBCONTRACT = "subcontract"
    UTILITIES = "utilities"
    SITE = "site"
    OVERHEAD = "overhead"
    GUARANTEE_FEE = "guarantee_fee"
    UNDECIDED = "undecided"

    @property
    def label(self) -> str:
        return _USE_LABELS[self]


_USE_LABELS = {
    UseCategory.MATERIALS: "材料費",
    UseCategory.LABOUR: "労務費",
    UseCategory.MACHINERY: "機械器具費",
    UseCategory.SUBCONTRACT: "外注費（下請負代金）",
    UseCategory.UTILITIES: "動力・用水光熱費",
    UseCategory.SITE: "現場管理費",
    UseCategory.OVERHEAD: "一般管理費等",
    UseCategory.GUARANTEE_FEE: "保証料",
    UseCategory.UNDECIDED: "未定",
}


@dataclass(frozen=True)
class UseRow:
    """One row of a statement: a use, what it is (内訳), and its amount."""

    category: UseCategory | None
    description: str
    amount: int | None


def row_problems(rows: list[UseRow]) -> dict[str, str]:
    """Messages per cell (`rows-N-category`, `rows-N-description`, `rows-N-amount`): what a
    draft must satisfy already. Each use appears once, so withdrawals name it unambiguously."""
    problems: dict[str, str] = {}
    seen: set[UseCategory] = set()
    for index, row in enumerate(rows):
        cell = f"rows-{index}-"
        if row.category is None:
            problems[cell + "category"] = "使途を選んでください。"
        elif row.category in seen:
            problems[cell + "category"] = f"{row.category.label}は1行にまとめてください。"
        else:
            seen.add(row.category)
        if len(row.description) > DESCRIPTION_MAX:
            problems[cell + "description"] = f"内訳は{DESCRIPTION_MAX}文字以内で入力してください。"
        if row.amount is None:
            problems[cell + "amount"] = "金額を入力してください。"
    return problems


def statement_problems(
    rows: list[UseRow], advance: int, used: Mapping[UseCategory, int] | None = None
) -> dict[str, str]:
    """Messages per cell and for the whole (`total`) of a statement sent for review: every row
    complete, the total equal to the advance, and no use declared below what was already
    taken out for it (`used`: requested or paid, per use)."""
    problems = row_problems(rows)
    if not rows:
        problems["total"] = "使途を1行以上入力してください。"
        return problems
    total = declared_total(rows)
    if total != advance:
        difference = advance - total
        more_or_less = f"あと{difference:,}円" if difference > 0 else f"{-difference:,}円多く"
        problems["total"] = (
            f"合計（{total:,}円）が前払金額（{advance:,}円）と一致しません（{more_or_less}）。"
        )
    declared = declared_by_use(rows)
    for category, amount in (used or {}).items():
        if amount and declared.get(category, 0) < amount:
            index = next((i for i, r in enumerate(rows) if r.category is category), None)
            message = f"{category.label}は既に{amount:,}円払出済み（払出依頼中を含む）です。"
            problems["total" if index is None else f"rows-{index}-amount"] = message
    return problems


def declared_total(rows: Iterable[UseRow]) -> int:
    return sum(row.amount or 0 for row in rows)


def declared_by_use(rows: Iterable[UseRow]) -> dict[UseCategory, int]:
    """The declared amount of each use (rows without a use or an amount left out)."""
    declared: dict[UseCategory, int] = {}
    for row in rows:
        if row.category is not None and row.amount is not None:
            declared[row.category] = declared.get(row.category, 0) + row.amount
    return declared


@dataclass(frozen=True)
class WithdrawalRequest:
    """A 払出依頼書 as entered: to whom, for which use, how much, on which day."""

    payee: str
    category: UseCategory | None
    amount: int | None
    wished_on: date | None


def withdrawal_problems(
    request: WithdrawalRequest,
    declared: Mapping[UseCategory, int],
    used: Mapping[UseCategory, int],
    available: int,
) -> dict[str, str]:
    """Messages per field of a 払出依頼書: the use must be declared (and not 未定), the amount
    within the use's remaining amount and within the account's balance not yet requested."""
    problems: dict[str, str] = {}
    if not request.payee.strip():
        problems["payee"] = "払出先（支払先）を入力してください。"
    elif len(request.payee) > PAYEE_MAX:
        problems["payee"] = f"払出先は{PAYEE_MAX}文字以内で入力してください。"
    if request.wished_on is None:
        problems["wished_on"] = "払出希望日を入力してください。"
    category = request.category
    if category is None:
        problems["category"] = "使途を選んでください。"
    elif category is UseCategory.UNDECIDED:
        problems["category"] = (
            "未定の使途からは払い出せません。使途変更で使途を確定してから依頼してください。"
        )
    elif category not in declared:
        problems["category"] = f"{category.label}は承諾された使途内訳明細書にありません。"
    if request.amount is None:
        problems.setdefault("amount", "金額を入力してください。")
        return problems
    if category is not None and "category" not in problems:
        remaining = declared[category] - used.get(category, 0)
        if request.amount > remaining:
            problems["amount"] = f"{category.label}の残額（{remaining:,}円）を超えています。"
            return problems
    if request.amount > available:
        problems["amount"] = f"預託金の払出可能額（{available:,}円）を超えています。"
    return problems


def used_percent(declared: int, used: int) -> int:
    """How much of a use was taken out, in whole percent (rounded down)."""
    return used * 100 // declared if declared else 0


def near_limit(declared: int, used: int) -> bool:
    """At or beyond NEAR_LIMIT_PERCENT of the declared amount (使途監査 flags it)."""
    return declared > 0 and used_percent(declared, used) >= NEAR_LIMIT_PERCENT


@dataclass(frozen=True)
class UseBalance:
    """One declared use: declared, requested (払出依頼中), paid, and what is left of it."""

    category: UseCategory
    declared: int
    requested: int
    paid: int

    @property
    def used(self) -> int:
        return self.requested + self.paid

    @property
    def remaining(self) -> int:
        return self.declared - self.used

    @property
    def percent(self) -> int:
        return used_percent(self.declared, self.used)

    @property
    def near_limit(self) -> bool:
        return near_limit(self.declared, self.used)


@dataclass(frozen=True)
class Ledger:
    """The account of one advance: the deposit, and per use what was declared and taken."""

    deposit: int
    uses: list[UseBalance]

    @property
    def paid(self) -> int:
        return sum(u.paid for u in self.uses)

    @property
    def requested(self) -> int:
        return sum(u.requested for u in self.uses)

    @property
    def balance(self) -> int:
        """残高: what the account still holds (deposit less what the bank paid out)."""
        return self.deposit - self.paid

    @property
    def available(self) -> int:
        """払出可能額: the balance less what is already requested and not yet paid."""
        return self.balance - self.requested

    def used_by_use(self) -> dict[UseCategory, int]:
        return {u.category: u.used for u in self.uses if u.used}


def ledger(
    deposit: int,
    declared: Mapping[UseCategory, int],
    withdrawals: Iterable[tuple[UseCategory, int, bool]],
) -> Ledger:
    """The ledger from the deposit, the accepted declaration and (use, amount, paid) of each
    withdrawal. A use withdrawn from but no longer declared stays listed with 0 declared."""
    requested: dict[UseCategory, int] = {}
    paid: dict[UseCategory, int] = {}
    for category, amount, is_paid in withdrawals:
        bucket = paid if is_paid else requested
        bucket[category] = bucket.get(category, 0) + amount
    categories = [c for c in UseCategory if c in declared or c in requested or c in paid]
    return Ledger(
        deposit,
        [
            UseBalance(c, declared.get(c, 0), requested.get(c, 0), paid.get(c, 0))
            for c in categories
        ],
    )
