from django.urls import path

from netpoint.point.customers import views

urlpatterns = [
    path("customers/", views.customer_list, name="customer-list"),
    path("customers/new/", views.customer_new, name="customer-new"),
    path("customers/<int:pk>/", views.customer_detail, name="customer-detail"),
]
