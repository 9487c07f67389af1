"""One-time recovery codes: django-otp's static device, ten codes, replaced as a set."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

RECOVERY_DEVICE_NAME = "恢复码"
RECOVERY_CODE_COUNT = 10


@transaction.atomic
def recovery_codes_replace(*, user) -> list[str]:
    """A fresh set of codes for `user`; the old ones stop working. Returns them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
