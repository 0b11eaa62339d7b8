"""What a URL names beyond a record's id: a version of a contract, a value of an enum. Either
it exists, or the page is 404 (the records themselves: each audience's `…_or_404` / `own_…`
helpers, with ownership a condition of the query)."""

import enum
from typing import TypeVar

from flask import abort
from sqlalchemy import select

from extensions import db
from models import GuaranteeContract, ShownVersion, UseStatement, Withdrawal

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


def use_statement_or_404(contract: GuaranteeContract, seq: int) -> UseStatement:
    """Get a version of the contract's 前払金使途内訳明細書 by its sequence number.

    :param contract: the contract, already checked to be the user's
    :raise 404: if the contract has no such version
    """
    return db.first_or_404(
        select(UseStatement).where(UseStatement.contract_id == contract.id, UseStatement.seq == seq)
    )


def withdrawal_or_404(contract: GuaranteeContract, withdrawal_id: int) -> Withdrawal:
    """Get a 払出依頼書 of the contract by id.

    :param contract: the contract, already checked to be the user's
    :raise 404: if there is no such request or it is another contract's
    """
    return db.first_or_404(
        select(Withdrawal).where(
            Withdrawal.id == withdrawal_id, Withdrawal.contract_id == contract.id
        )
    )
