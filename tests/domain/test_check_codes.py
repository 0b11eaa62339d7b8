"""確認記録票 codes derived from a record's nonce and a secret: the same each time, readable
as typed, and nothing without the secret."""

from domain.check_records import (
    CODE_ALPHABET,
    CODE_LENGTH,
    derived_code,
    new_nonce,
    normalise_code,
)


def test_a_code_is_the_same_for_the_same_secret_and_nonce():
    nonce = new_nonce()
    code = derived_code("secret", nonce)
    assert code == derived_code("secret", nonce)
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    assert normalise_code(code.lower()) == code


def test_another_secret_or_nonce_gives_another_code():
    nonce = new_nonce()
    assert derived_code("secret", nonce) != derived_code("secret2", nonce)
    assert derived_code("secret", nonce) != derived_code("secret", new_nonce())
    assert new_nonce() != new_nonce() and len(new_nonce()) == 32


def test_codes_use_every_symbol_of_the_alphabet():
    symbols = {ch for _ in range(200) for ch in derived_code("secret", new_nonce())}
    assert symbols == set(CODE_ALPHABET)  # 5 bits a symbol, none left out
