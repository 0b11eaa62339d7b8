"""The confirmation box of a decisive button (取り下げ, 謝絶, 解約, 認証キー再発行, 発行): the page
says what will happen, the box must be ticked. A `required` checkbox stops the form in the
browser without any script; the server checks it again for anything else that posts."""

from flask import request

#: The checkbox's name, and its value when ticked (macros/forms.html `confirm_box`).
FIELD, TICKED = "confirmed", "yes"
NOT_CONFIRMED = "実行する前に、内容を確認してチェックを入れてください。"


def confirmed() -> bool:
    """Whether the posted form carries the ticked confirmation box."""
    return request.form.get(FIELD) == TICKED
