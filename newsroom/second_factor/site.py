"""The admin site, closed to sessions that still owe their second factor."""

from django.contrib import admin
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from . import views
from .rules import second_factor_satisfied


class NewsroomAdminSite(admin.AdminSite):
    """Django's admin site plus the second factor: a signed-in staff member who owes one is
    sent to enrol or to enter a code instead of seeing the admin."""

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_satisfied(request.user)

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and not second_factor_satisfied(user):
            return views.redirect_to_second_factor(request, request.GET.get("next", ""))
        return super().login(request, extra_context)

    def get_urls(self):
        own = [
            # Logging out must work before the second factor: admin_view would refuse it.
            path("logout/", never_cache(self.logout), name="logout"),
            path("second-factor/", views.verify_view, name="second_factor_verify"),
            path("second-factor/setup/", views.setup_view, name="second_factor_setup"),
            path(
                "second-factor/recovery-codes/",
                self.admin_view(views.recovery_codes_view),
                name="second_factor_recovery_codes",
            ),
        ]
        return own + super().get_urls()
