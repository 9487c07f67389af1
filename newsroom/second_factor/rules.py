"""Who must pass a second factor, and whether this session has."""

from django.conf import settings


def needs_second_factor(user) -> bool:
    """Everyone who may publish (the 编辑 group, superusers) always; the other staff (记者)
    when SECOND_FACTOR_FOR_REPORTERS is on. Asked through the permission cache the admin
    fills anyway, so it costs no query."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return settings.SECOND_FACTOR_FOR_REPORTERS or user.has_perm("articles.publish_article")


def is_verified(user) -> bool:
    """This session passed a second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_satisfied(user) -> bool:
    return is_verified(user) or not needs_second_factor(user)
