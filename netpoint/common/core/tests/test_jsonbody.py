"""JSON bodies nested deeper than any request of ours are refused before anything recurses."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netpoint.common.core.jsonbody import MAX_JSON_DEPTH, TooDeep, loads


def nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


def test_a_body_as_deep_as_the_limit_is_read():
    assert loads(nested(MAX_JSON_DEPTH)) == json.loads(nested(MAX_JSON_DEPTH))


@pytest.mark.parametrize(
    "body",
    [
        nested(MAX_JSON_DEPTH + 1),
        '{"a":' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1),
        nested(100_000),  # deeper than Python's own recursion limit
        b"[" * 5000 + b"]" * 5000,
    ],
)
def test_a_body_deeper_than_the_limit_is_refused(body):
    with pytest.raises(TooDeep):
        loads(body)


def test_brackets_inside_strings_do_not_count():
    body = json.dumps({"a": ["[" * 100 + '\\"{' * 50, "]]]"]})
    assert loads(body) == json.loads(body)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab', max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=40,
)


def depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


@given(JSON, st.integers(1, 8))
def test_the_limit_is_the_depth_of_the_value(value, limit):
    body = json.dumps(value)
    if depth(value) <= limit:
        assert loads(body, max_depth=limit) == value
    else:
        with pytest.raises(TooDeep):
            loads(body, max_depth=limit)
