"""Template filters for the editors' desk."""

from datetime import timedelta

from django import template
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(value, now):
    """How long ago, as editors say it: 刚刚 under a minute, else "5 分钟前"."""
    if now - value < timedelta(minutes=1):
        return "刚刚"
    return f"{timesince(value, now)}前"
