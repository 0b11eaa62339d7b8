"""What a URL names beyond a record's id: a version of a contract, a value of an enum. Either
it exists, or the page is 404 (the records themselves: each audience's `…_or_404` / `own_…`
helpers, with ownership a condition of the query)."""

import enum
from typing import TypeVar

from flask import abort

from models import GuaranteeContract, ShownVersion

E = TypeVar("E", bound=enum.Enum)


def shown_version_or_404(contract: GuaranteeContract, seq: int) -> ShownVersion:
    """Get a version of the contract that every party may see, by its sequence number.

    :param contract: the contract, already checked to be the user's
    :param seq: the version's sequence number in the URL
    :return: the version with its current content
    :raise 404: if the contract has no such visible version (a hidden 訂正 included)
    """
    shown = contract.shown_version(seq)
    if shown is None:
        abort(404)
    return shown


def enum_or_404(kind: type[E], value: str) -> E:
    """The member of `kind` whose value the URL names; 404 for any other text."""
    try:
        return kind(value)
    except ValueError:
        abort(404)
