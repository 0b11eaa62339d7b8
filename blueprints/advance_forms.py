"""Forms of the advance after issuance, for the contractor and the branch: the use statement
(rows added and removed on the server), the deposit, the 払出依頼書 and the branch's return."""

import re

from werkzeug.datastructures import MultiDict
from wtforms import FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from blueprints.fields import JapaneseDateField, JapaneseForm, JapaneseSubform, YenField, options
from domain.advance_uses import (
    PAYEE_MAX,
    UseCategory,
    UseRow,
    WithdrawalRequest,
    row_problems,
    statement_problems,
)

#: The most rows a statement has (one per use).
MAX_ROWS = len(UseCategory)
_ROW_FIELD = re.compile(r"rows-(\d+)-(category|description|amount)")
USE_CHOICES = [("", "選択してください"), *((c.value, c.label) for c in UseCategory)]


def _use(value: str | None) -> UseCategory | None:
    try:
        return UseCategory(value) if value else None
    except ValueError:
        return None


class UseRowForm(JapaneseSubform):
    """One row: the use, what it is (内訳), the amount."""

    category = SelectField(
        "使途", [Optional()], choices=options(USE_CHOICES),
        invalid_choice_message="使途は一覧から選んでください。",
    )  # fmt: skip
    description = StringField("内訳", [Optional()])
    amount = YenField("金額", [Optional()])


class UseStatementForm(JapaneseForm):
    """前払金使途内訳明細書: rows, their total, messages per cell and for the total."""

    rows = FieldList(FormField(UseRowForm), min_entries=1, max_entries=MAX_ROWS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: Messages about the rows together (the total), shown below the total.
        self.group_errors: dict[str, str] = {}

    def use_rows(self) -> list[UseRow]:
        return [
            UseRow(_use(row.category.data), (row.description.data or "").strip(), row.amount.data)
            for row in (entry.form for entry in self.rows)
        ]

    @property
    def total(self) -> int:
        return sum(entry.form.amount.data or 0 for entry in self.rows)

    def rule_problems(self, advance: int, submitting: bool) -> dict[str, str]:
        """The rules' messages for the cells that could be read (a draft's rows; a submitted
        statement's rows and total)."""
        rows = self.use_rows()
        return statement_problems(rows, advance) if submitting else row_problems(rows)

    def field_by_name(self, name: str):
        """The cell posted as `name` (rows-N-amount …), or None (a message about the total)."""
        cell = _ROW_FIELD.fullmatch(name)
        if cell and int(cell.group(1)) < len(self.rows.entries):
            return self.rows.entries[int(cell.group(1))].form[cell.group(2)]
        return None


def statement_form_data(rows: list[UseRow]) -> MultiDict:
    """The posted shape of a saved statement's rows (to fill the form for editing)."""
    data = MultiDict()
    for index, row in enumerate(rows):
        data[f"rows-{index}-category"] = row.category.value if row.category else ""
        data[f"rows-{index}-description"] = row.description
        data[f"rows-{index}-amount"] = f"{row.amount:,}" if row.amount is not None else ""
    return data


def rows_edited(posted: MultiDict, action: str) -> MultiDict:
    """The posted rows with one added (`add_row`) or one removed (`remove_row-N`), numbered
    0, 1, 2 … again; everything typed so far is kept."""
    rows: dict[int, dict[str, str]] = {}
    for name, value in posted.items():
        if cell := _ROW_FIELD.fullmatch(name):
            rows.setdefault(int(cell.group(1)), {})[cell.group(2)] = value
    kept = [rows[i] for i in sorted(rows)]
    if action.startswith("remove_row-") and action[11:].isdigit():
        position = sorted(rows).index(int(action[11:])) if int(action[11:]) in rows else None
        if position is not None and len(kept) > 1:
            del kept[position]
    elif action == "add_row" and len(kept) < MAX_ROWS:
        kept.append({})
    edited = MultiDict([("csrf_token", posted.get("csrf_token", ""))])
    for index, row in enumerate(kept):
        for name in ("category", "description", "amount"):
            edited[f"rows-{index}-{name}"] = row.get(name, "")
    return edited


class DepositForm(JapaneseForm):
    """前払金の受入: the date and the amount paid into the account."""

    received_on = JapaneseDateField("受入日", [Optional()])
    amount = YenField("受入金額", [Optional()])


class WithdrawalForm(JapaneseForm):
    """払出依頼書: payee, use (one of the accepted ones), amount, wished date."""

    payee = StringField("払出先（支払先）", [Optional()])
    category = SelectField(
        "使途", [Optional()], choices=[], invalid_choice_message="使途は一覧から選んでください。"
    )
    amount = YenField("金額", [Optional()])
    wished_on = JapaneseDateField("払出希望日", [Optional()])

    def request(self) -> WithdrawalRequest:
        return WithdrawalRequest(
            (self.payee.data or "").strip()[: PAYEE_MAX + 1],
            _use(self.category.data),
            self.amount.data,
            self.wished_on.data,
        )


class UseReturnForm(JapaneseForm):
    """差戻し of a statement, with 弊社からお客様へのお知らせ."""

    message = TextAreaField(
        "お客様へのお知らせ（差戻しの理由）",
        [
            DataRequired("お客様へのお知らせを入力してください。"),
            Length(max=2000, message="お知らせは2000文字以内で入力してください。"),
        ],
    )


class ButtonForm(JapaneseForm):
    """A button that changes state: only its CSRF token is posted."""
