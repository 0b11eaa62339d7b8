"""契約保証予約 (the bid bond): its rules, its 予約手数料 and the consumption tax on it.

A 予約 certifies, before the award, that a contract guarantee will be available; the bidder
hands it in with the bid so the bid deposit can be waived. Unlike guarantee fees, the
予約手数料 is subject to consumption tax. Every surety that publishes terms issues it on paper
only (none delivers it electronically).
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from domain.identifiers import format_contract_number
from domain.ratios import AmountRules, contract_minimum

#: Why the 予約 has no 電子保証, as the form says it.
PAPER_ONLY_REASON = (
    "契約保証予約は証書(紙)のみの取扱いです。保証会社の公表する規約では、"
    "契約保証予約はどの保証会社も電子交付（電子保証）の対象外です。"
)

#: A 予約手数料 table: the fee (yen, before tax) by 入札金額, as (upper bound inclusive, fee)
#: in rising order; the last band's bound is None (no upper bound).
FeeBands = tuple[tuple[int | None, int], ...]

#: SAMPLE DATA, not a surety's tariff (real 予約手数料 tables are not public): in force until
#: head office sets a table of its own (operations.reservation_fees).
SAMPLE_RESERVATION_FEES: FeeBands = (
    (10_000_000, 3_000),
    (50_000_000, 5_000),
    (100_000_000, 8_000),
    (500_000_000, 12_000),
    (None, 20_000),
)

#: The fields of the 予約 form, keyed as the application form keys them.
RESERVED_AMOUNT = "reserved_amount"
LABELS = {
    "orderer_id": "発注者",
    "work_name": "工事名",
    "work_place": "工事場所",
    "contract_price": "入札金額",
    "work_start": "工期（着工予定日）",
    "work_end": "工期（完成予定日）",
    "announcement_date": "入札公告日",
    "jv_name": "JV名",
    RESERVED_AMOUNT: "予約する契約保証金額",
    "branch_id": "申込送信先",
    "contact_name": "担当者名",
    "contact_phone": "連絡先電話番号",
}
_REQUIRED = ("work_name", "contract_price", "work_start", "work_end", RESERVED_AMOUNT)
_REQUIRED_CONTACT = ("contact_name", "contact_phone")
_REQUIRED_CHOICES = ("orderer_id", "branch_id")


@dataclass(frozen=True)
class ReservationCharge:
    """予約手数料 with the consumption tax shown separately."""

    fee: int
    tax_rate: Decimal
    tax: int
    is_sample: bool = True

    @property
    def total(self) -> int:
        return self.fee + self.tax


#: The most bands a 予約手数料 table has.
MAX_FEE_BANDS = 10
#: The highest fee or bound a band may carry (yen).
FEE_BAND_LIMIT = 10**12
FEE_BANDS_KEY = "bands"


def reservation_fee(bid_price: int, bands: FeeBands = SAMPLE_RESERVATION_FEES) -> int:
    """The 予約手数料 (before tax) of a bid of `bid_price` yen, from the table `bands`."""
    for upper, fee in bands:
        if upper is None or bid_price <= upper:
            return fee
    raise AssertionError("the last band has no upper bound")


def check_fee_bands(rows: list[tuple[int | None, int | None]]) -> dict[str, str]:
    """Every problem of a 予約手数料 table as entered, keyed `bands-N-upper` / `bands-N-fee`
    (N the row as shown) or FEE_BANDS_KEY for the table as a whole. Empty rows are left
    out; the filled rows, in order, rise in 上限額 and the last has none (上限なし)."""
    problems = {}
    filled = [
        (n, upper, fee) for n, (upper, fee) in enumerate(rows) if (upper, fee) != (None, None)
    ]
    if not filled:
        return {FEE_BANDS_KEY: "予約手数料の行を1行以上入力してください。"}
    previous = None
    for position, (n, upper, fee) in enumerate(filled):
        last = position == len(filled) - 1
        if fee is None:
            problems[f"bands-{n}-fee"] = "予約手数料を入力してください。"
        elif not 1 <= fee <= FEE_BAND_LIMIT:
            problems[f"bands-{n}-fee"] = "予約手数料は1円以上で入力してください。"
        if last and upper is not None:
            problems[f"bands-{n}-upper"] = "最後の行の上限額は空欄（上限なし）にしてください。"
        elif not last and upper is None:
            problems[f"bands-{n}-upper"] = (
                "上限額を入力してください（上限なしにできるのは最後の行だけです）。"
            )
        elif upper is not None and not 1 <= upper <= FEE_BAND_LIMIT:
            problems[f"bands-{n}-upper"] = "上限額は1円以上で入力してください。"
        elif upper is not None and previous is not None and upper <= previous:
            problems[f"bands-{n}-upper"] = (
                f"上限額は前の行の上限額（{previous:,}円）より大きくしてください。"
            )
        if upper is not None:
            previous = upper
    return problems


def fee_bands_of(rows: list[tuple[int | None, int | None]]) -> FeeBands:
    """The filled rows of a table that `check_fee_bands` found right, as its bands."""
    return tuple((upper, fee) for upper, fee in rows if (upper, fee) != (None, None))


def describe_fee_bands(bands: FeeBands) -> str:
    """A table in one line, for the audit trail: 〜10,000,000円 3,000円、…、超 20,000円."""
    parts = []
    for upper, fee in bands:
        parts.append(f"〜{upper:,}円 {fee:,}円" if upper is not None else f"それ以上 {fee:,}円")
    return "、".join(parts)


def consumption_tax(amount: int, rate: Decimal) -> int:
    """Consumption tax on `amount` yen at `rate` (e.g. 0.10), yen fractions cut."""
    return int((Decimal(amount) * rate).to_integral_value(rounding=ROUND_FLOOR))


def reservation_charge(
    bid_price: int,
    tax_rate: Decimal,
    bands: FeeBands = SAMPLE_RESERVATION_FEES,
    is_sample: bool = True,
) -> ReservationCharge:
    """予約手数料 from the table `bands`, the tax on it at `tax_rate`, and (as `total`) what
    the bidder pays."""
    fee = reservation_fee(bid_price, bands)
    return ReservationCharge(fee, tax_rate, consumption_tax(fee, tax_rate), is_sample)


def check_reservation(
    values: dict, rules: AmountRules | None, has_guarantees: bool
) -> dict[str, str]:
    """Every problem that stops a 予約 from being sent, keyed by form field.

    `values` maps the field names of LABELS to what was entered; `contract_min_ratio` is the
    `rules` the orderer's amount rules (None before an orderer is chosen): the reserved amount
    is at least its minimum contract guarantee of the bid.
    """
    problems = {}
    for name in (*_REQUIRED, *_REQUIRED_CONTACT):
        if values.get(name) in (None, ""):
            problems[name] = f"{LABELS[name]}を入力してください。"
    for name in _REQUIRED_CHOICES:
        if values.get(name) is None:
            problems[name] = f"{LABELS[name]}を選択してください。"
    start, end = values.get("work_start"), values.get("work_end")
    if start and end and end < start:
        problems["work_end"] = "工期の完成予定日は着工予定日以降の日付にしてください。"
    price, amount = values.get("contract_price"), values.get(RESERVED_AMOUNT)
    if price is not None and price <= 0:
        problems["contract_price"] = "入札金額は1円以上で入力してください。"
    elif amount is not None:
        problems |= _amount_problems(price, amount, rules)
    if has_guarantees:
        problems["guarantees"] = (
            "契約保証予約は他の保証と同じ申込にできません。落札後に「契約保証へ切替」から"
            "契約保証を申し込んでください。"
        )
    return problems


def _amount_problems(price: int | None, amount: int, rules: AmountRules | None) -> dict[str, str]:
    label = LABELS[RESERVED_AMOUNT]
    if amount <= 0:
        return {RESERVED_AMOUNT: f"{label}は1円以上で入力してください。"}
    if price is None:
        return {}
    if amount > price:
        return {RESERVED_AMOUNT: f"{label}は入札金額以下で入力してください。"}
    if rules is not None:
        minimum = contract_minimum(price, rules)
        if amount < minimum:
            percent = f"{rules.contract_min_ratio * 100:.0f}"
            return {
                RESERVED_AMOUNT: f"{label}は入札金額の{percent}%（{minimum:,}円）以上で"
                "入力してください。"
            }
    return {}


def format_reservation_number(branch_code: str, serial: int) -> str:
    """予約番号 such as 予12345-000042: the branch code and the serial of its own 予約 series
    (the 予 keeps it apart from every 保証契約番号)."""
    return f"予{format_contract_number(branch_code, serial)}"
