"""Vietnamese alphabetical order, as a dictionary sorts: a ă â b c d đ e ê g … o ô ơ … u ư v x y,
each of ă â đ ê ô ơ ư a letter of its own, then the tones in the order ngang, huyền, hỏi, ngã,
sắc, nặng; case last. The default orders of Python and of most databases put "Đ" after "Z"."""

import unicodedata

# The Vietnamese alphabet, with f, j, w and z (foreign names) where the Latin one has them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
PLACE = {letter: n for n, letter in enumerate(ALPHABET)}
# A letter and a combining mark that make a letter of its own (breve, circumflex, horn).
MADE = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# The tones after the unmarked one (ngang), in the dictionary's order.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_key(text: str) -> tuple:
    """A sort key: `sorted(names, key=vietnamese_key)`. Digits, spaces and signs come before
    the letters."""
    letters: list[str] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if letters and (letters[-1], char) in MADE:
            letters[-1] = MADE[letters[-1], char]
        elif letters and char in TONES:
            tones[-1] = TONES[char]
        elif not unicodedata.combining(char):
            letters.append(char)
            tones.append(0)
    primary = tuple((1, PLACE[c]) if c in PLACE else (0, ord(c)) for c in letters)
    return primary, tuple(tones), text
