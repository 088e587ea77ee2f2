"""Every answer to an authority, and every file exported for one, carries the audit log's
signed head over its own audit entry (issue 24): the authority keeps it as a witness."""

import io
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from openpyxl import load_workbook

from netpoint.common.audit import heads, merkle
from netpoint.common.audit import services as audit
from netpoint.common.audit.models import AuditEntry
from netpoint.provider.authority import services
from netpoint.provider.authority.exports import HEAD_LABEL, export
from netpoint.provider.authority.search import search

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# Committed as in service (no request runs in a transaction): the heads are signed at once.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("netpoint.provider.urls"),
]


def covers(head: heads.SignedHead, entry: AuditEntry) -> bool:
    """The head is signed by the log's key and proves the entry is in its tree."""
    proof = audit.inclusion_proof(entry.seq, head.tree_size)
    leaf = bytes.fromhex(entry.hash)
    return heads.signed_by(head, audit.public_key()) and merkle.verify_inclusion(
        leaf, entry.seq - 1, head.tree_size, proof, head.root_hash
    )


def test_a_search_answer_carries_a_signed_head_over_the_search(client, world):
    services.decide(world["request"], world["officer"], approve=True)
    client.force_login(world["investigator"])
    url = f"/api/v1/authority/requests/{world['request'].pk}/searches"
    body = {"kind": "id_number", "value": world["somebody"].cccd}
    answer = client.post(url, json.dumps(body), content_type="application/json").json()
    head = heads.SignedHead.from_dict(answer["audit_head"])
    assert covers(head, AuditEntry.objects.get(action="search"))


def test_an_access_search_answer_carries_a_signed_head(client, world):
    services.decide(world["request"], world["officer"], approve=True)
    client.force_login(world["investigator"])
    url = f"/api/v1/authority/requests/{world['request'].pk}/access-searches"
    body = {"kind": "id_number", "value": world["somebody"].cccd}
    answer = client.post(url, json.dumps(body), content_type="application/json").json()
    head = heads.SignedHead.from_dict(answer["audit_head"])
    assert heads.signed_by(head, audit.public_key())
    assert head.tree_size == AuditEntry.objects.count()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_exported_file_carries_a_signed_head_over_the_export(world, fmt):
    request = services.decide(world["request"], world["officer"], approve=True)
    found = search(request, world["investigator"], "id_number", world["somebody"].cccd, None)
    data = export(request, world["investigator"], found, fmt)
    if fmt == "xlsx":
        text = load_workbook(io.BytesIO(data)).properties.description
    else:
        last = Document(io.BytesIO(data)).paragraphs[-1].text
        text = last.removeprefix(HEAD_LABEL)
    head = heads.SignedHead.from_json(text)
    assert covers(head, AuditEntry.objects.get(action="export"))


def test_the_word_export_says_the_signed_head_in_words_before_its_code(world):
    """An officer reads what the code is: how many records the log held, until when (Vietnam
    time) and by which key, before the code itself."""
    request = services.decide(world["request"], world["officer"], approve=True)
    found = search(request, world["investigator"], "id_number", world["somebody"].cccd, None)
    paragraphs = Document(io.BytesIO(export(request, world["investigator"], found, "docx")))
    words, code = [p.text for p in paragraphs.paragraphs[-2:]]
    head = heads.SignedHead.from_json(code.removeprefix(HEAD_LABEL))
    at = datetime.fromtimestamp(head.timestamp / 1000, UTC).astimezone(VIETNAM)
    assert words.startswith(
        f"Nhật ký kiểm toán của doanh nghiệp khi xuất: {head.tree_size} bản ghi"
    )
    assert f"đến {at:%H:%M:%S %d/%m/%Y} (giờ Việt Nam)" in words
    assert f"ký bằng khóa {head.key_id}" in words
    assert "{" not in words
