from django.contrib import admin

from netpoint.point.customers.models import Customer, MemberAccount
from netpoint.point.customers.services import person_data
from netpoint.point.outbox import services as outbox


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "date_of_birth", "id_type", "registered_at"]
    search_fields = ["full_name", "=id_number"]
    raw_id_fields = ["guardian"]

    def save_model(self, request, obj, form, change):
        # The admin's save runs in a transaction: the event goes with the record, as always.
        super().save_model(request, obj, form, change)
        outbox.emit("person.updated" if change else "person.registered", person_data(obj))


@admin.register(MemberAccount)
class MemberAccountAdmin(admin.ModelAdmin):
    list_display = ["username", "customer", "balance", "is_active"]
    search_fields = ["username"]
    # The balance moves only through top-ups and charges, each with its ledger entry.
    readonly_fields = ["balance", "password_hash"]
    raw_id_fields = ["customer"]
