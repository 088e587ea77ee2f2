from django import forms
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from netpoint.point.customers.models import Customer, MemberAccount
from netpoint.point.customers.services import emit_person, with_id_number, with_phone

FIELDS = [
    "full_name",
    "date_of_birth",
    "gender",
    "id_type",
    "id_number",
    "id_issued_on",
    "id_issued_by",
    "address",
    "phone",
    "guardian",
    "guardian_relation",
]


class CustomerAdminForm(forms.ModelForm):
    """The numbers shown opened and sealed again on save (the model keeps only sealed values)."""

    id_number = forms.CharField(label=capfirst(_("số giấy tờ")), max_length=20)
    phone = forms.CharField(label=capfirst(_("số điện thoại")), max_length=16, required=False)

    class Meta:
        model = Customer
        fields = FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["id_number"] = self.instance.id_number
            self.initial["phone"] = self.instance.phone

    def save(self, commit=True):
        self.instance.id_number = self.cleaned_data["id_number"]
        self.instance.phone = self.cleaned_data["phone"]
        return super().save(commit)


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    form = CustomerAdminForm
    fields = FIELDS
    list_display = ["full_name", "date_of_birth", "id_type", "registered_at"]
    search_fields = ["full_name"]
    raw_id_fields = ["guardian"]

    def get_search_results(self, request, queryset, search_term):
        # Numbers are found by their blind indexes, the only form of them the database holds.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            found |= queryset.filter(with_id_number(term) | with_phone(term))
        return found, duplicates

    def save_model(self, request, obj, form, change):
        # The admin's save runs in a transaction: the event goes with the record, as always.
        super().save_model(request, obj, form, change)
        emit_person("person.updated" if change else "person.registered", obj)


@admin.register(MemberAccount)
class MemberAccountAdmin(admin.ModelAdmin):
    list_display = ["username", "customer", "balance", "is_active"]
    search_fields = ["username"]
    # The balance moves only through top-ups and charges, each with its ledger entry.
    readonly_fields = ["balance", "password_hash"]
    raw_id_fields = ["customer"]
