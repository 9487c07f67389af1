"""Password reset by e-mail with Django's own views, under /admin/, in Chinese.

The request page answers the same for every address, known or not (Django's view redirects
to the same "sent" page either way); the link's token is bound to the password hash and the
last login, so it stops working once used, and expires after PASSWORD_RESET_TIMEOUT.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path


class AdminSiteContextMixin:
    """The admin's header and title on Django's registration pages, which extend its base."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class NewsroomPasswordResetView(AdminSiteContextMixin, auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        self.extra_email_context = {
            "site_name": settings.NEWSROOM_SITE_NAME,
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        return super().form_valid(form)


def _with_site(view):
    return type(view.__name__, (AdminSiteContextMixin, view), {})


urlpatterns = [
    path(
        "admin/password_reset/",
        NewsroomPasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        _with_site(auth_views.PasswordResetDoneView).as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        _with_site(auth_views.PasswordResetConfirmView).as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        _with_site(auth_views.PasswordResetCompleteView).as_view(),
        name="password_reset_complete",
    ),
]
