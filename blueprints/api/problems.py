"""application/problem+json answers (RFC 9457), titled in Japanese."""

from flask import Response, json

#: The title of each status the API answers with, and a plain word on what to do.
TITLES = {
    400: ("リクエストを処理できません", "JSON の形式を確認してください。"),
    401: ("認証が必要です", "Authorization ヘッダーに有効な API トークンを指定してください。"),
    403: ("この操作はできません", "API トークンの権限を確認してください。"),
    404: ("確認できません", "保証契約番号と認証キーを確認してください。"),
    405: ("この方法では呼び出せません", "API の説明にある HTTP メソッドを使ってください。"),
    413: ("リクエストが大きすぎます", "送信する内容を小さくしてください。"),
    415: ("JSON で送信してください", "Content-Type: application/json で送信してください。"),
    422: ("入力内容に誤りがあります", "各項目の誤りを確認してください。"),
    423: ("この保証契約番号の確認を停止しています", "時間をおいてもう一度お試しください。"),
    429: ("呼び出しの回数が多すぎます", "時間をおいてもう一度お試しください。"),
    500: ("システムエラーが発生しました", "時間をおいてもう一度お試しください。"),
}
CONTENT_TYPE = "application/problem+json"


def problem(
    status: int,
    detail: str | None = None,
    *,
    errors: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    title, hint = TITLES.get(status, TITLES[400 if status < 500 else 500])
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail or hint}
    if errors:
        body["errors"] = errors
    response = Response(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    response.headers.update(headers or {})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="e-Surety"'
    return response
