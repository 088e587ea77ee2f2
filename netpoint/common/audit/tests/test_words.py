"""Every action an app records has words on the auditor's page (netpoint.common.audit.words):
the source is read for the codes, so a code recorded without words fails here."""

import re
from pathlib import Path

from netpoint.common.audit.words import ACTIONS

ROOT = Path(__file__).resolve().parents[3]  # the netpoint package
# record("code", …) / record(\n "code", …), and the codes chosen before the call
# (`action = "a" if … else "b"`) or built from a state ("violation_" + state).
RECORDED = re.compile(r'\brecord\(\s*"([\w.]+)"\s*[,)]')
CHOSEN = re.compile(r'\baction = "([\w.]+)"(?: if .+ else "([\w.]+)")?')
BUILT = {"violation_": ("acknowledged", "resolved")}


def recorded_codes() -> set[str]:
    codes: set[str] = set()
    for source in ROOT.rglob("*.py"):
        if "tests" in source.parts:
            continue
        text = source.read_text(encoding="utf-8")
        if "audit" not in text:
            continue
        codes |= set(RECORDED.findall(text))
        for chosen in CHOSEN.findall(text):
            codes |= {code for code in chosen if code}
        viewed = re.findall(r'^\s+viewed = "(\w+)"', text, re.MULTILINE)
        codes |= set(viewed)
    for prefix, states in BUILT.items():
        codes |= {prefix + state for state in states}
    return codes


def test_every_recorded_action_has_words():
    codes = recorded_codes()
    assert {"search", "request_approved", "games_token_issued", "login"} <= codes
    assert codes - ACTIONS.keys() == set()
