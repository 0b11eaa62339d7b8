"""The mail texts that the outbox will send: they render in Japanese with their link."""

from sqlalchemy import select

from extensions import db
from models import LinkPurpose, User
from operations.links import issue_link, set_password_mail
from tests.builders import link_in


def test_the_link_mails_render_with_the_link_and_no_password(app, world):
    user = db.session.scalar(select(User).where(User.login_id == "applicant"))
    with app.test_request_context():
        for purpose in LinkPurpose:
            mail = set_password_mail(user, issue_link(user, purpose), purpose)
            text = mail.body_text
            assert mail.to == "applicant@demo.example.jp"
            assert "/password/link/" in link_in(mail) and "ログインID：applicant" in text
            assert "大曲建設株式会社" in text and "esurety-demo" not in text
            assert ("7日間有効" in text) is (purpose is LinkPurpose.SET_PASSWORD)
