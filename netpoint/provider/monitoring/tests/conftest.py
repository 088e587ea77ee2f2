import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group

from netpoint.common.identity.fake import fake_person

PASSWORD = "mat-khau-rat-dai-1"


@pytest.fixture
def customer(db):
    """A generated person registered at a point (sealed as ingest stores them)."""
    from netpoint.common.sealing.crypto import seal
    from netpoint.common.sealing.indexes import ID_COLUMN, id_index, key_ring
    from netpoint.provider.records.models import Person, PointPerson

    rng = random.Random(11)

    def make(point, local_id, registered_at, born=date(1995, 5, 5), id_type="cccd", guardian=None):
        who = fake_person(rng, date_of_birth=born)
        ring = key_ring()
        person = Person.objects.create(
            id_index=id_index(id_type, who.cccd, ring),
            id_type=id_type,
            id_number_sealed=seal(who.cccd, ID_COLUMN, ring),
            full_name=who.full_name,
            date_of_birth=born,
            first_seen_at=registered_at,
            last_seen_at=registered_at,
        )
        PointPerson.objects.create(
            point=point,
            local_id=local_id,
            person=person,
            guardian=guardian,
            registered_at=registered_at,
        )
        return person

    return make


@pytest.fixture
def session(db):
    from netpoint.provider.records.models import SessionRecord

    def make(point, person, local_id, started_at, minutes=None, station="M01"):
        return SessionRecord.objects.create(
            point=point,
            local_id=local_id,
            person=person,
            station=station,
            kind="walk_in",
            started_at=started_at,
            ended_at=started_at + timedelta(minutes=minutes) if minutes is not None else None,
        )

    return make


@pytest.fixture
def heartbeat(db):
    from netpoint.provider.records.models import Heartbeat

    def make(point, at, in_use=3, total=10, version="1.2.0", software_hash="a" * 64):
        return Heartbeat.objects.create(
            point=point,
            at=at,
            software_version=version,
            software_hash=software_hash,
            stations_in_use=in_use,
            stations_total=total,
        )

    return make


@pytest.fixture
def department(django_user_model):
    """A Sở member of the given province (1 = Hà Nội unless told)."""
    from netpoint.provider.authority.models import Member, Organisation
    from netpoint.provider.reports import agencies

    def make(username="sohanoi", province_code=1, email=""):
        organisation, _ = Organisation.objects.get_or_create(
            kind="ict",
            province_code=province_code,
            defaults={"name": agencies.department("internet", province_code)},
        )
        user = django_user_model.objects.create_user(username, password=PASSWORD, email=email)
        Member.objects.create(user=user, organisation=organisation)
        return user

    return make


@pytest.fixture
def staff(django_user_model):
    def make(username, role):
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def police(django_user_model):
    """A member of Hà Nội's police: an authority, but not the Sở."""
    from netpoint.provider.authority.models import Member, Organisation

    organisation = Organisation.objects.create(name="Công an", kind="police", province_code=1)
    user = django_user_model.objects.create_user("congan", password=PASSWORD)
    Member.objects.create(user=user, organisation=organisation)
    return user
