import pytest
from django.contrib.auth.models import Permission


@pytest.fixture
def staff(django_user_model):
    """Provider staff who keep the points and may add enterprises."""
    user = django_user_model.objects.create_user("vanhanh", password="mat-khau-van-hanh-1")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="registry", codename__contains="point")
        | Permission.objects.filter(codename__in=["view_enterprise", "add_enterprise"])
    )
    return user
