"""What anyone outside the branch sees of an issued guarantee: its visible versions (a 訂正
shows under the label it corrects, a 変更取消 removes the change it undoes), and its standing."""

from datetime import date

from domain.changes import VersionKind
from domain.lifecycle import (
    Shown,
    Standing,
    application_progress,
    contract_standing,
    shown_versions,
    version_standing,
)

NEW, UP, DOWN, FIX, UNDO = (
    VersionKind.NEW,
    VersionKind.INCREASE,
    VersionKind.DECREASE,
    VersionKind.CORRECTION,
    VersionKind.UNDO,
)


def test_every_new_and_change_shows_its_own_content():
    assert shown_versions([(1, NEW), (2, UP), (3, DOWN)]) == [
        Shown(1, 1), Shown(2, 2), Shown(3, 3)
    ]  # fmt: skip


def test_a_correction_shows_under_the_label_it_corrects():
    assert shown_versions([(1, NEW), (2, FIX)]) == [Shown(1, 2)]
    assert shown_versions([(1, NEW), (2, UP), (3, FIX), (4, FIX)]) == [Shown(1, 1), Shown(2, 4)]


def test_an_undo_removes_the_change_and_shows_the_content_before_it():
    assert shown_versions([(1, NEW), (2, UP), (3, UP), (4, UNDO)]) == [
        Shown(1, 1), Shown(2, 4)
    ]  # fmt: skip
    assert shown_versions([(1, NEW), (2, FIX), (3, UP), (4, UNDO), (5, DOWN)]) == [
        Shown(1, 4), Shown(5, 5)
    ]  # fmt: skip


def test_a_change_counts_only_the_changes_still_shown():
    from domain.lifecycle import next_change_number

    assert next_change_number([(1, NEW)]) == 1
    assert next_change_number([(1, NEW), (2, UP), (3, FIX)]) == 2
    assert next_change_number([(1, NEW), (2, UP), (3, UP), (4, UNDO)]) == 2


def test_a_contract_is_expired_the_day_after_its_guarantee_end_in_japan():
    end = date(2027, 3, 31)
    assert contract_standing(False, end, date(2027, 3, 31)) is Standing.ACTIVE
    assert contract_standing(False, end, date(2027, 4, 1)) is Standing.EXPIRED
    assert contract_standing(True, end, date(2027, 4, 1)) is Standing.CANCELLED
    assert contract_standing(True, end, date(2027, 1, 1)) is Standing.CANCELLED
    assert [s.label for s in Standing] == ["有効", "変更あり", "期限満了", "解約"]


def test_a_version_shows_changed_only_while_the_guarantee_is_active():
    assert version_standing(Standing.ACTIVE, 1, 2) is Standing.CHANGED
    assert version_standing(Standing.ACTIVE, 2, 2) is Standing.ACTIVE
    assert version_standing(Standing.CANCELLED, 1, 2) is Standing.CANCELLED
    assert version_standing(Standing.EXPIRED, 1, 2) is Standing.EXPIRED


def test_an_issued_application_follows_the_cancellation_of_its_guarantees():
    assert application_progress("発行済", cancelled=0, issued=2) == "発行済"
    assert application_progress("発行済", cancelled=1, issued=2) == "一部解約"
    assert application_progress("発行済", cancelled=2, issued=2) == "解約"
    assert application_progress("審査中", cancelled=0, issued=0) == "審査中"
