"""The API's request and response bodies (marshmallow): they also make the OpenAPI document."""

from marshmallow import Schema, fields, validate

from blueprints.fields import strip_control_characters

STATUSES = ("有効", "変更あり", "解約", "期限満了")


def _text(label: str, longest: int) -> dict:
    """A required text field whose errors are said in Japanese."""
    return {
        "required": True,
        "validate": validate.Length(
            min=1, max=longest, error=f"{label}は1〜{longest}文字で指定してください。"
        ),
        "error_messages": {
            "required": f"{label}を指定してください。",
            "null": f"{label}を指定してください。",
            "invalid": f"{label}は文字列で指定してください。",
        },
    }


class Text(fields.String):
    """Text with control characters dropped, as every form field of the pages does (NUL
    would not even reach PostgreSQL)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return strip_control_characters(super()._deserialize(value, attr, data, **kwargs))


class VerificationRequest(Schema):
    error_messages = {
        "unknown": "この項目は受け付けていません。",
        "type": "JSON オブジェクトで指定してください。",
    }

    number = Text(
        **_text("保証契約番号", 40),
        metadata={"description": "保証契約番号（全角・空白・ハイフンの違いは問いません）"},
    )
    key = Text(
        **_text("認証キー", 60),
        metadata={"description": "認証キー（保証契約者から受け取ったもの）"},
    )


class CertificateFacts(Schema):
    contractor = fields.String(required=True, metadata={"description": "保証契約者"})
    orderer = fields.String(required=True, metadata={"description": "発注者（保証債権者）"})
    surety = fields.String(required=True, metadata={"description": "保証事業会社"})
    work_name = fields.String(required=True, metadata={"description": "工事名"})
    contract_price = fields.Integer(required=True, metadata={"description": "請負金額（円）"})
    contract_date = fields.Date(required=True, metadata={"description": "請負契約日"})
    work_start = fields.Date(required=True, metadata={"description": "工期（着工日）"})
    work_end = fields.Date(required=True, metadata={"description": "工期（完成日）"})
    amount = fields.Integer(required=True, metadata={"description": "保証金額（円）"})
    guarantee_end = fields.Date(required=True, metadata={"description": "保証期限"})


class Verification(Schema):
    number = fields.String(required=True, metadata={"description": "保証契約番号"})
    kind = fields.String(required=True, metadata={"description": "保証の種類（例: 前払金保証）"})
    status = fields.String(
        required=True,
        validate=validate.OneOf(STATUSES),
        metadata={"description": "状態: 有効 / 変更あり / 解約 / 期限満了"},
    )
    version = fields.String(required=True, metadata={"description": "版（例: 新規、変更1）"})
    issued_at = fields.AwareDateTime(
        required=True,
        metadata={"description": "電子保証発行日時（発注者に初めて届いた日時、日本時間）"},
    )
    certificate = fields.Nested(CertificateFacts, required=True)


class Problem(Schema):
    """RFC 9457 problem details; `title` and `detail` are Japanese."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(
        keys=fields.String(),
        metadata={"description": "項目ごとの誤り（入力の誤りのとき）"},
    )
