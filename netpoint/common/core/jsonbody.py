"""JSON request bodies read with a limit on their nesting (every API and the hotspots' reports)."""

import json
import re

# No request of ours nests deeper; a deeper body only makes json, pydantic or our own code
# recurse until Python gives up (RecursionError, a 500).
MAX_JSON_DEPTH = 32
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_AS_PARENS = bytes.maketrans(b"[]{}", b"()()")


class TooDeep(ValueError):
    pass


def loads(body: bytes | str, max_depth: int = MAX_JSON_DEPTH):
    """json.loads, refusing (ValueError) a body nested deeper than `max_depth`."""
    try:
        value = json.loads(body)
    except RecursionError:
        raise TooDeep(f"JSON nested deeper than {max_depth}") from None
    if isinstance(value, dict | list):
        raw = body.encode() if isinstance(body, str) else body
        # The body parsed, so every quote outside a string opens one that closes: without the
        # strings only the brackets count, and each pass removes the innermost pairs.
        brackets = _STRING.sub(b"", raw).translate(_AS_PARENS, _NOT_BRACKET)
        for _level in range(max_depth):
            brackets = brackets.replace(b"()", b"")
        if brackets:
            raise TooDeep(f"JSON nested deeper than {max_depth}")
    return value
