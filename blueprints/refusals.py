"""Showing an operation's refusal on the form that asked for it."""

from operations.errors import DomainError


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
