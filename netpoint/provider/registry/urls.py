from django.urls import path

from netpoint.provider.registry import policy_views, views

urlpatterns = [
    path("diem/", views.point_list, name="registry-points"),
    path("diem/moi/", views.point_new, name="registry-point-new"),
    path("diem/nhap/", views.point_import, name="registry-point-import"),
    path("diem/nhap/mau.<str:fmt>", views.import_template, name="registry-import-template"),
    path("diem/<int:pk>/", views.point_detail, name="registry-point"),
    path("diem/<int:pk>/sua/", views.point_edit, name="registry-point-edit"),
    path("diem/<int:pk>/ma-dang-ky/", views.enrollment_code, name="registry-enrollment-code"),
    path("diem/<int:pk>/chinh-sach/", policy_views.point_policy, name="registry-point-policy"),
    path("quy-dinh-tinh/", policy_views.province_rules, name="registry-province-rules"),
    path("phuong-xa/", views.wards, name="registry-wards"),
    path("doanh-nghiep/", views.enterprise_list, name="registry-enterprises"),
    path("doanh-nghiep/moi/", views.enterprise_new, name="registry-enterprise-new"),
    path("doanh-nghiep/<int:pk>/sua/", views.enterprise_edit, name="registry-enterprise-edit"),
]
