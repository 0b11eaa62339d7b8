"""Error pages in Japanese, for every status a user can meet."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

MESSAGES = {
    400: ("リクエストを処理できません", "入力内容を確認して、もう一度お試しください。"),
    403: ("このページを表示する権限がありません", "ログインしているアカウントをご確認ください。"),
    404: ("ページが見つかりません", "URLが正しいか、ご利用の権限があるかご確認ください。"),
    405: ("この操作はできません", "画面の操作からやり直してください。"),
    413: (
        "送信されたデータが大きすぎます",
        "一度に送信できるのは1MBまでです。入力内容を短くしてから、もう一度お試しください。",
    ),
    422: (
        "送信内容を受け付けられません",
        "ファイルは受け付けていません。各項目は文字で入力してください。",
    ),
    429: ("操作の回数が多すぎます", "しばらく時間をおいてから、もう一度お試しください。"),
    500: ("システムエラーが発生しました", "時間をおいてもう一度お試しください。"),
}


def error_page(status: int, detail: str | None = None):
    """errors/error.html for `status`, with its words (or `detail`)."""
    title, text = MESSAGES[status]
    return render_template("errors/error.html", title=title, text=detail or text), status


def register_error_handlers(app: Flask) -> None:
    """Render errors/error.html for each known status; CSRF failures get their own words."""
    for status in MESSAGES:
        app.register_error_handler(status, lambda error, status=status: error_page(status))
    app.register_error_handler(
        CSRFError,
        lambda error: error_page(
            400,
            "画面の有効期限が切れたか、不正な送信です。ページを読み込み直して操作してください。",
        ),
    )
