from django.urls import path

from netpoint.point.billing import views

urlpatterns = [
    path("shift/", views.shift_report, name="shift-report"),
    path("shift/<int:pk>/", views.shift_closed, name="shift-closed"),
    path("shift/<int:pk>/float/", views.shift_float, name="shift-float"),
    path("receipts/<int:pk>/", views.receipt, name="receipt"),
    path("till/refund/", views.refund, name="till-refund"),
    path("till/balance/", views.correct_balance, name="till-balance"),
    path("top-up/<int:account_pk>/<int:amount>/", views.top_up_pay, name="top-up-pay"),
    path("receipts/<int:pk>/print/", views.print_receipt, name="receipt-print"),
]
