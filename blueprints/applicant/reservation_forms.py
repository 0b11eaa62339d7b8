"""The 契約保証予約 form: the work as bid for, the amount reserved, the branch and the contact."""

from wtforms import StringField
from wtforms.validators import Length, Optional

from blueprints.applicant.forms import ApplicationFormBase, _chosen_id, _select, orderer_select
from blueprints.fields import JapaneseDateField, YenField, options
from domain.application_rules import LABELS as APPLICATION_LABELS
from domain.application_rules import ApplicationTerms
from domain.kinds import ApplicationKind
from domain.reservations import LABELS, RESERVED_AMOUNT

_TEXTS = ("work_name", "work_place", "jv_name", "contact_department", "contact_title",
          "contact_name", "contact_phone", "message_to_branch")  # fmt: skip
_VALUES = ("contract_price", "work_start", "work_end", "announcement_date", RESERVED_AMOUNT)


def _text(name: str, max_length: int = 100) -> StringField:
    label = LABELS.get(name) or APPLICATION_LABELS[name]
    message = f"{label}は{max_length}文字以内で入力してください。"
    return StringField(label, [Optional(), Length(max=max_length, message=message)])


class ReservationForm(ApplicationFormBase):
    """契約保証予約の申込: paper only (the template says why)."""

    orderer_id = orderer_select()
    work_name = _text("work_name", 200)
    work_place = _text("work_place", 200)
    contract_price = YenField(LABELS["contract_price"])
    work_start = JapaneseDateField(LABELS["work_start"])
    work_end = JapaneseDateField(LABELS["work_end"])
    announcement_date = JapaneseDateField(LABELS["announcement_date"])
    jv_name = _text("jv_name", 200)
    reserved_amount = YenField(LABELS[RESERVED_AMOUNT])

    branch_id = _select("branch_id")

    def __init__(self, *args, orderers=(), branches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.orderer_id.offer(orderers)
        self.branch_id.choices = options(
            [("", "選択してください")] + [(str(b.id), b.name) for b in branches]
        )

    def terms(self) -> ApplicationTerms:
        """The form's values as the terms of a 契約保証予約 (call after validate)."""
        return ApplicationTerms(
            kind=ApplicationKind.RESERVATION,
            orderer_id=_chosen_id(self.orderer_id),
            branch_id=_chosen_id(self.branch_id),
            **{name: (self[name].data or "").strip() for name in _TEXTS},
            **{name: self[name].data for name in _VALUES},
        )


def reservation_data(terms: ApplicationTerms) -> dict:
    """Terms as the `data` that fills the 予約 form again."""
    data = {name: getattr(terms, name) for name in (*_TEXTS, *_VALUES)}
    data["orderer_id"] = str(terms.orderer_id or "")
    data["branch_id"] = str(terms.branch_id or "")
    return data
