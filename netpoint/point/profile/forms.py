from django import forms

from netpoint.point.profile.models import PointProfile


class ProfileForm(forms.ModelForm):
    """The owner's own details of the point. Its type and province are only the owner's wish
    once the provider's policy came: the policy applies (netpoint.point.uplink.policy)."""

    class Meta:
        model = PointProfile
        fields = ["name", "address", "rules", "point_type", "province_code"]
