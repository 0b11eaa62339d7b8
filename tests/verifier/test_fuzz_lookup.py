"""Property-based fuzzing of the lookup form: any number and key typed get an answer, never a
500, and never anything but the one attempt recorded."""

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from extensions import db
from models import LookupAttempt, VersionConfirmation
from tests.builders import examples

TYPED = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", " ", "\x00", "10501-000001", "１０５０１－０００００１", "-" * 40,
                     "' OR 1=1 --", "<script>", "😀" * 20, "ABCDEFGHJKMN", "a" * 61]),
)  # fmt: skip


@settings(max_examples=examples(60))
@given(number=TYPED, key=TYPED)
def test_any_number_and_key_are_answered_without_error(login_as, look_up, number, key):
    login_as("verifier")
    before = db.session.scalar(select(func.count()).select_from(LookupAttempt))
    response = look_up(number, key)
    after = db.session.scalar(select(func.count()).select_from(LookupAttempt))
    assert response.status_code == 422, (number, key)
    assert after - before in (0, 1)  # one attempt, or none when a field was refused
    assert db.session.scalar(select(func.count()).select_from(VersionConfirmation)) == 0
