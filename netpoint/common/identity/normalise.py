"""One way of reading what people type for a document number and a name, shared by
registration, check-in and search, so that a number typed as the card prints it
("001 095 012345") or a name typed without accents ("nguyen van an") finds the customer."""

import re
import unicodedata

# Cards print numbers in groups; people type them with spaces, dots or hyphens.
NUMBER_SEPARATORS = re.compile(r"[\s.\-]")
# Student cards keep their hyphens (many schools' numbers have them): only spaces are dropped.
KEEPS_HYPHENS = frozenset({"student_card"})


def compact_number(text: str) -> str:
    return NUMBER_SEPARATORS.sub("", text or "")


def normalise_id_number(id_type: str, text: str) -> str:
    """The number as stored for this kind of document (what the validators return for a valid
    one): separators dropped, letters in upper case."""
    if id_type in KEEPS_HYPHENS:
        return "".join((text or "").split()).upper()
    return compact_number(text).upper()


def fold_name(text: str) -> str:
    """A name without accents, in lower case, single-spaced: "Đỗ Thị Hạnh" → "do thi hanh".

    Đ/đ is a letter of its own, not D with a mark, so NFD does not split it."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
