"""Reading a number as people type it (domain/numbers.py), which every number field uses."""

from decimal import Decimal

import pytest

from domain.numbers import decimals, read_number


@pytest.mark.parametrize(
    ("text", "unit", "number"),
    [
        ("２０，０００，０００円", "円", Decimal(20_000_000)),
        (" 1,500 円　", "円", Decimal(1500)),
        ("０．４５％", "%", Decimal("0.45")),
        ("0.45 %", "%", Decimal("0.45")),
        ("−5", "", Decimal(-5)),
        ("－５", "", Decimal(-5)),
        ("0.4", "", Decimal("0.4")),
        ("", "円", None),
        ("　", "", None),
        (None, "%", None),
    ],
)
def test_a_number_is_read_as_people_type_it(text, unit, number) -> None:
    assert read_number(text, unit) == number


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("1 000", ""),
        ("1e3", ""),
        ("NaN", ""),
        ("Infinity", ""),
        ("5円", "%"),
        ("1億", "円"),
        (".5", ""),
    ],
)
def test_what_is_not_a_number_is_refused(text, unit) -> None:
    with pytest.raises(ValueError):
        read_number(text, unit)


def test_decimals_counts_the_digits_typed_after_the_point() -> None:
    assert [decimals(Decimal(t)) for t in ("5", "5.0", "0.4500", "-1.25")] == [0, 1, 4, 2]
