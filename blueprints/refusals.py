"""Showing an operation's refusal on the form that asked for it, or beside the button."""

from collections.abc import Callable

from flask import flash

from operations.errors import DomainError

#: What a button that switches a user on or off did, as the flash after it says.
ACTIVE_CHANGED = {True: "有効にしました", False: "無効にしました"}


def show_refusal(form, error: DomainError) -> None:
    """Put each of the error's messages beside its field, and the general message on top.

    A message about a group of fields goes to the form's `group_errors`, when it has them.
    """
    for name, message in error.problems.items():
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, message]
        elif hasattr(form, "group_errors"):
            form.group_errors[name] = message
        else:
            form.form_errors.append(message)
    form.form_errors.append(error.message)


def flash_outcome(change: Callable[[], object], done: str) -> None:
    """Run the state change a button asked for: flash its refusal, or `done` when it went."""
    try:
        change()
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(done)
