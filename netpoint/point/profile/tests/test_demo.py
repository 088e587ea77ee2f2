from datetime import date

import pytest
from django.core.management import call_command

from netpoint.point.customers.models import Customer, MemberAccount
from netpoint.point.stations.models import Station

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_cafe_once_with_generated_people(clock):
    call_command("demo", no_serve=True)
    call_command("demo", no_serve=True)
    assert Station.objects.count() == 12
    assert MemberAccount.objects.filter(balance__gt=0).count() == 3
    child = Customer.objects.get(account__username="demo3")
    assert child.guardian is not None
    assert child.date_of_birth > date(2009, 1, 1)
