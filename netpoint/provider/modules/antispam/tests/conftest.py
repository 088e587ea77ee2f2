import pytest


@pytest.fixture
def advertiser(db):
    from netpoint.provider.modules.antispam.models import Customer

    return Customer.objects.create(
        name="Công ty Quảng Cáo Thử", management_code="QC-001", brandnames="THUSHOP\nTHU"
    )


@pytest.fixture
def token(advertiser):
    from netpoint.provider.modules.antispam import services

    return services.issue_token(advertiser, "máy gửi 1")


@pytest.fixture
def api(client, token):
    """Posts JSON to the anti-spam API as the advertiser's sending system."""

    def post(path, body, auth=token, **extra):
        headers = {"Authorization": f"Bearer {auth}"} if auth else {}
        if isinstance(body, (bytes, str)):
            data = body
        else:
            import json

            data = json.dumps(body)
        return client.post(
            f"/api/v1/antispam/{path}",
            data,
            content_type="application/json",
            headers=headers,
            **extra,
        )

    return post


@pytest.fixture
def reporter(client, django_user_model):
    """A logged-in member of antispam_reporter: makes the reports."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("baocao", password="mat-khau-dai-8")
    user.groups.add(Group.objects.get(name="antispam_reporter"))
    client.force_login(user)
    return user
