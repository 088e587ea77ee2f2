from django.urls import path

from netpoint.provider.accounts import views

urlpatterns = [
    path("login/", views.PasswordLoginView.as_view(), name="login"),
    path("login/ma-xac-thuc/", views.login_code, name="login-code"),
    path("", views.home, name="home"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.second_factor, name="account-second-factor"),
]
