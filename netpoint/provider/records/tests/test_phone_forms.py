"""A phone a point sends is indexed by its E.164 form, however the point wrote it (issue 24):
an authority search by any way of writing it finds the person."""

import random
from dataclasses import replace

import pytest

from netpoint.common.identity.fake import fake_person
from netpoint.common.sealing.indexes import key_ring, phone_index
from netpoint.provider.records.models import Person
from netpoint.provider.records.tests.conftest import signed_post

pytestmark = [pytest.mark.urls("netpoint.provider.urls"), pytest.mark.django_db]


@pytest.mark.parametrize("written", ["0987654321", "0987 654 321", "84987654321"])
def test_a_phone_sent_as_people_write_it_is_indexed_as_its_e164_form(client, hanoi, written):
    point, key, events = hanoi
    person = replace(fake_person(random.Random(3)), phone=written)
    answer = signed_post(client, point.code, key, [events.person(1, person)])[0]
    assert answer.status_code == 200, answer.json()
    stored = Person.objects.get()
    assert stored.phone_index == phone_index("+84987654321", key_ring())
