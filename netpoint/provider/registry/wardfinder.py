"""A ward as staff type it: its name with or without accents ("phu thuong"), part of it, or its
code, inside the chosen province (the point form's type-ahead and the bulk import)."""

import re
from functools import cache
from typing import NamedTuple

from django.utils.translation import gettext as _

from netpoint.common.identity.normalise import fold_name
from netpoint.provider.registry import divisions

# "Phường Ba Đình (00004)": how a ward is offered, and read back.
LABELLED = re.compile(r"\(([0-9]{1,6})\)\s*$")
# Words every ward's name begins with: "ba dinh" finds "Phường Ba Đình".
KINDS = ("phuong ", "xa ", "dac khu ")
SHOWN = 20


class Ward(NamedTuple):
    code: int
    name: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code:05d})"


class WardNotFound(ValueError):
    """What was typed names no ward of the province, or several: the message says which."""


@cache
def _folded(province_code: int) -> tuple[tuple[Ward, str], ...]:
    return tuple((Ward(c, n), fold_name(n)) for c, n in divisions.wards_of(province_code))


def _bare(folded: str) -> str:
    for kind in KINDS:
        if folded.startswith(kind):
            return folded[len(kind) :]
    return folded


def matches(province_code: int, text: str, limit: int = SHOWN) -> list[Ward]:
    """The province's wards that `text` names: by code (its digits), or by the words of the name
    without accents; the names that begin so first (after "Phường", "Xã"), then the others."""
    text = text.strip()
    wards = _folded(province_code)
    if not text:
        return [w for w, _folded_name in wards][:limit]
    labelled = LABELLED.search(text)
    if labelled or (text.isascii() and text.isdigit()):
        code = int(labelled.group(1) if labelled else text)
        return [w for w, _folded_name in wards if w.code == code]
    wanted = fold_name(text)
    # "phu" is not "phuong": the kind of ward counts only when it is typed.
    named = [(w, f if _bare(wanted) != wanted else _bare(f)) for w, f in wards]
    starting = [w for w, f in named if f.startswith(wanted)]
    inside = [w for w, f in named if wanted in f and not f.startswith(wanted)]
    return (starting + inside)[:limit]


def resolve(province_code: int, text: str) -> int:
    """The code of the one ward of the province that `text` names; WardNotFound otherwise."""
    text = text.strip()
    labelled = LABELLED.search(text)
    if labelled or (text.isascii() and text.isdigit()):
        code = int(labelled.group(1) if labelled else text)
        if divisions.ward_in_province(code, province_code):
            return code
        raise WardNotFound(_("Phường, xã này không thuộc tỉnh, thành phố đã chọn."))
    wanted = fold_name(text)
    exact = [w for w, f in _folded(province_code) if wanted in (f, _bare(f))]
    found = exact or matches(province_code, text, limit=SHOWN + 1)
    if len(found) == 1:
        return found[0].code
    if not found:
        raise WardNotFound(_("Không có phường, xã nào như vậy trong tỉnh, thành phố đã chọn."))
    shown = "; ".join(w.label for w in found[:5])
    raise WardNotFound(
        _("Có nhiều phường, xã khớp (%(wards)s…); hãy chọn một trong danh sách.") % {"wards": shown}
    )
