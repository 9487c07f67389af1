"""Enrol a TOTP device, enter a code after the password, and replace the recovery codes."""

from base64 import b32encode

import django_otp
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import TokenForm
from .recovery import recovery_codes_left, recovery_codes_replace
from .rules import second_factor_satisfied

TOTP_DEVICE_NAME = "身份验证器"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def redirect_to_second_factor(request, next_url: str):
    """To the code page, or to enrolment for someone with no authenticator yet."""
    has_totp = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    name = "admin:second_factor_verify" if has_totp else "admin:second_factor_setup"
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return redirect(reverse(name) + query)


def _staff_signed_in(view):
    """Signed in with a password, second factor or not (admin_view would need it)."""

    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return never_cache(sensitive_post_parameters("token")(wrapped))


def _render(request, template, title, **context):
    context = {"title": title, "issuer": settings.OTP_TOTP_ISSUER, **context}
    return render(request, template, {**admin.site.each_context(request), **context})


@_staff_signed_in
def verify_view(request):
    """After the password: a TOTP code, or a recovery code (used up on the spot)."""
    user = request.user
    if second_factor_satisfied(user):
        return redirect(_next_url(request))
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect_to_second_factor(request, _next_url(request))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                notice = _("您用了一个恢复码，还剩 %d 个。用完前请重新生成。")
                messages.warning(request, notice % recovery_codes_left(user))
            return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确、已过期或已用过；连续出错后需稍等再试。"))
    return _render(
        request, "second_factor/verify.html", _("两步验证"), form=form, next=_next_url(request)
    )


@_staff_signed_in
def setup_view(request):
    """Enrol an authenticator app: show its key, confirm with a first code, hand out codes."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect_to_second_factor(request, _next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            codes = recovery_codes_replace(user=user)
            return _render(
                request,
                "second_factor/recovery_codes.html",
                _("您的恢复码"),
                codes=codes,
                next=_next_url(request),
            )
        form.add_error(
            "token", _("验证码不正确：请确认手机时间准确，再输入应用里最新的 6 位数字。")
        )
    key = b32encode(device.bin_key).decode()
    return _render(
        request,
        "second_factor/setup.html",
        _("设置两步验证"),
        form=form,
        key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        config_url=device.config_url,
        next=_next_url(request),
    )


def recovery_codes_view(request):
    """Verified staff replace their recovery codes; the new set is shown once."""
    if request.method == "POST":
        codes = recovery_codes_replace(user=request.user)
        return _render(
            request,
            "second_factor/recovery_codes.html",
            _("新的恢复码"),
            codes=codes,
            next=reverse("admin:index"),
        )
    return _render(
        request,
        "second_factor/recovery_codes.html",
        _("恢复码"),
        codes_left=recovery_codes_left(request.user),
    )
