from django.contrib import admin

from netpoint.point.billing.models import LedgerEntry, Shift


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["cashier", "opened_at", "closed_at", "opening_cash", "counted_cash"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """The ledger is append-only: the owner reads it, nobody edits it."""

    list_display = ["at", "kind", "cash", "balance_change", "cashier", "station"]
    list_filter = ["kind", "cashier"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
