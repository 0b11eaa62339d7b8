"""Showing an operation's refusal on the form that asked for it, or beside the button, and
rendering a form page with the status its errors call for (422 when it has any).

Every view that shows a form goes through these: `show_refusal` binds a `DomainError` to the
form, `form_status` / `render_form` answer 200 or 422.
"""

from collections.abc import Callable

from flask import flash, render_template

from operations.errors import DomainError

#: What a button that switches a user on or off did, as the flash after it says.
ACTIVE_CHANGED = {True: "有効にしました", False: "無効にしました"}


def bind_problems(form, problems: dict[str, str]) -> None:
    """Put each message beside its field (keys are field names as posted, e.g. advance-amount).

    A message about a group of fields goes to the form's `group_errors` (when it has them),
    anything else to `form_errors`. A field that already says why it could not be read keeps
    its first message: a rule's message (e.g. 請負金額を入力してください) would only contradict it.
    """
    for name, message in problems.items():
        field = _field(form, name)
        if field is not None:
            if not field.errors:
                field.errors = [*field.errors, message]
        elif hasattr(form, "group_errors"):
            form.group_errors[name] = message
        else:
            form.form_errors.append(message)


def show_refusal(form, error: DomainError) -> None:
    """Bind the error to the form: its problems beside their fields, its message on top."""
    bind_problems(form, error.problems)
    form.form_errors.append(error.message)


def has_errors(form) -> bool:
    """True when the form says anything is wrong: a field, a group of fields, or the whole."""
    return bool(form.errors or form.form_errors or getattr(form, "group_errors", None))


def form_status(*forms) -> int:
    """422 when any of the forms has errors (every refused form answers it), else 200."""
    return 422 if any(has_errors(form) for form in forms) else 200


def render_form(template: str, form, **context):
    """The page showing `form`, with the status its errors call for."""
    return render_template(template, form=form, **context), form_status(form)


def flash_outcome(change: Callable[[], object], done: str) -> None:
    """Run the state change a button asked for: flash its refusal, or `done` when it went."""
    try:
        change()
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(done)


def _field(form, name: str):
    """The field posted as `name`, a nested one (block-item) through the form's own lookup."""
    if hasattr(form, "field_by_name"):
        return form.field_by_name(name)
    return form._fields.get(name)
