import pytest


@pytest.fixture
def owner(django_user_model):
    """The café's owner: a user given the owner's permission (as the demo's superuser has)."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("chuquan", password="mat-khau-chu-quan-1")
    user.user_permissions.add(Permission.objects.get(codename="manage_point"))
    return user


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client
