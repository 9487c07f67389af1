"""The code a staff member types: six TOTP digits, or one of their recovery codes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("验证码"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
        help_text=_("身份验证器应用里的 6 位数字；手机不在身边时，可用一个恢复码。"),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").lower()
