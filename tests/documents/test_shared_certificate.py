"""One certificate for everybody: the branch, the applicant and the orderer see the same
保証証券 markup for a version (the PDF renders the same view object)."""

import re

import pytest

from operations.keys import reveal_key


@pytest.fixture(autouse=True)
def fixed_time(clock):
    return clock


def _certificate(page: str) -> str:
    """The certificate element of a page, as markup."""
    return re.search(r'<article class="certificate".*?</article>', page, re.S).group(0)


def test_branch_applicant_and_orderer_see_the_same_certificate(
    app, client, login_as, post, contract
):
    with app.test_request_context():
        key = reveal_key(contract)
    login_as("verifier")
    post("/verifier/", {"number": contract.number, "key": key})
    orderer = _certificate(client.get(f"/verifier/certificates/{contract.id}/versions/1").text)
    login_as("applicant")
    applicant = _certificate(client.get(f"/applicant/contracts/{contract.id}/versions/1").text)
    login_as("branch")
    branch_page = client.get(f"/branch/contracts/{contract.id}/versions/1").text
    branch = _certificate(branch_page)

    assert branch == applicant == orderer
    assert contract.number in branch and "前払金保証約款に基づき" in branch
    assert "保証契約約款に基づき保証します" not in branch_page  # the branch's own wording is gone
