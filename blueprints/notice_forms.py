"""The form that switches kinds of notice on and off (an orderer's or a company's)."""

from collections.abc import Iterable

from wtforms import BooleanField

from blueprints.fields import JapaneseForm
from domain.notices import NoticeKind


def notice_switches(kinds: Iterable[NoticeKind], on: set[NoticeKind]) -> JapaneseForm:
    """A checkbox per kind, ticked when it is on; a posted form reads the ticks."""

    class NoticeSwitches(JapaneseForm):
        pass

    for kind in kinds:
        setattr(NoticeSwitches, kind.value, BooleanField(kind.label, default=kind in on))
    return NoticeSwitches()


def wanted(form: JapaneseForm, kinds: Iterable[NoticeKind]) -> set[NoticeKind]:
    """The kinds ticked on a posted switches form."""
    return {kind for kind in kinds if form[kind.value].data}
