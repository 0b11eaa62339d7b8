"""Full-width text (全角), as some fields require (e.g. 預託金融機関)."""

import re
import unicodedata

#: ASCII printable characters to their full-width forms; the space to the ideographic space.
_ASCII_TO_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)} | {0x20: 0x3000}
#: Half-width katakana and punctuation (U+FF61–U+FF9F), whose NFKC forms are full-width.
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")
#: Voiced sound marks left uncombined by NFKC, as their spacing full-width forms.
_SPACING_MARKS = str.maketrans("\u3099\u309a", "\u309b\u309c")


def to_fullwidth(text: str) -> str:
    """Convert half-width katakana (ｶﾞ → ガ) and ASCII to full-width; leave the rest unchanged."""
    text = _HALFWIDTH_KANA.sub(_kana_to_fullwidth, text)
    return text.translate(_ASCII_TO_FULLWIDTH)


def is_fullwidth(text: str) -> bool:
    """Tell whether every character is full-width or wide."""
    return _first_not_fullwidth(text) is None


def normalise_fullwidth(text: str) -> str:
    """Strip and convert text to full-width, or raise ValueError naming the first bad char
    (「全角で入力してください（…）。」: the field puts its own name in front)."""
    converted = to_fullwidth(text.strip())
    bad = _first_not_fullwidth(converted)
    if bad is not None:
        shown = bad if bad.isprintable() else f"U+{ord(bad):04X}"
        raise ValueError(f"全角で入力してください（変換できない文字: {shown}）。")
    return converted


def _kana_to_fullwidth(match: re.Match[str]) -> str:
    """Convert a run of half-width katakana, joining voiced sound marks to their kana."""
    return unicodedata.normalize("NFKC", match.group()).translate(_SPACING_MARKS)


def _first_not_fullwidth(text: str) -> str | None:
    """Return the first character that is not full-width, if any."""
    return next((ch for ch in text if not _is_fullwidth_char(ch)), None)


def _is_fullwidth_char(ch: str) -> bool:
    """Full-width or wide; or ambiguous (× ○ ※ ①) and double-byte in Japanese text (cp932)."""
    width = unicodedata.east_asian_width(ch)
    if width in ("F", "W"):
        return True
    return width == "A" and len(ch.encode("cp932", errors="ignore")) == 2
