"""The error every operation raises when a change is not allowed."""

#: The message on top of a form whose fields each say what is wrong.
INVALID_INPUT = "入力内容に誤りがあります。各項目のメッセージをご確認ください。"


class DomainError(Exception):
    """A refused change; `message` is Japanese and shown to the user as it is."""

    def __init__(self, message: str, problems: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        #: Messages per form field, when the refusal is about what was entered.
        self.problems = problems or {}


class StaleError(DomainError):
    """The record changed since the user's form was drawn."""

    def __init__(self, what: str = "申込"):
        super().__init__(
            f"この{what}は別の画面で更新されています。最新の内容を読み込み直してから操作してください。"
        )
