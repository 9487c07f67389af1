"""Second-factor test helpers: a TOTP device per user, its current code, a verified session."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.second_factor.rules import needs_second_factor


def totp_device(user) -> TOTPDevice:
    """The user's confirmed authenticator, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="测试验证器", confirmed=True)


def current_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's phone shows now, computed by django-otp itself."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def mark_session_verified(client, user) -> None:
    """What a correct code does: the session remembers the device that verified it."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()


def force_login_verified(original):
    """Client.force_login that also passes the second factor when the user needs one."""

    def force_login(client, user, backend=None):
        original(client, user, backend)
        if needs_second_factor(user):
            mark_session_verified(client, user)

    return force_login
