"""Forms of the orderer's pages: the lookup and the cross-check."""

from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, StringField
from wtforms.validators import InputRequired, Length, Optional

from blueprints.fields import JapaneseDateField, JapaneseForm, YenField
from domain.verification import OrdererRecord


class KeyField(StringField):
    """A 認証キー typed in plain sight (copied by hand from a PDF), never written back into
    the page: a refused lookup shows an empty field, not the key."""

    def _value(self) -> str:
        return ""


class LookupForm(JapaneseForm):
    """電子証書の確認: 保証契約番号 and 認証キー, as read from the contractor's notice."""

    number = StringField(
        "保証契約番号",
        [
            InputRequired("保証契約番号を入力してください。"),
            Length(max=40, message="保証契約番号が長すぎます。"),
        ],
    )
    key = KeyField(
        "認証キー",
        [
            InputRequired("認証キーを入力してください。"),
            Length(max=60, message="認証キーが長すぎます。"),
        ],
    )


class CrossCheckForm(JapaneseForm):
    """The values of the orderer's own contract record, to compare with the certificate."""

    work_name = StringField("工事名", [Optional(), Length(max=200, message="工事名が長すぎます。")])
    contract_price = YenField("請負金額")
    work_start = JapaneseDateField("工期（着工日）")
    work_end = JapaneseDateField("工期（完成日）")
    amount = YenField("保証金額")
    keep = BooleanField("この値を保存して監視する")

    def typed(self) -> OrdererRecord:
        """The values typed (None where a field is left empty)."""
        return OrdererRecord(
            work_name=self.work_name.data or None,
            contract_price=self.contract_price.data,
            work_start=self.work_start.data,
            work_end=self.work_end.data,
            amount=self.amount.data,
        )


class PdfCheckForm(JapaneseForm):
    """「PDFを検証」: a certificate PDF filed with the orderer's contract record."""

    pdf = FileField("保証証券の PDF", [FileRequired("PDF ファイルを選んでください。")])
