"""A <select> for long lists of choices (reporters, tags): its options are rendered once.

Django renders each <option> through the template engine, about 0.1 ms apiece: the search
form's reporters and tags made that 150 ms a page. Here the options of a set of choices become
HTML once (kept per process, keyed by the choices themselves, so a new district shows at once);
each request only marks its selected option.
"""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


@lru_cache(maxsize=64)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """(value, option HTML, selected option HTML) per choice."""
    return tuple(
        (
            value,
            format_html('<option value="{}">{}</option>', value, label),
            format_html('<option value="{}" selected>{}</option>', value, label),
        )
        for value, label in choices
    )


class CachedOptionsSelect(forms.Select):
    """A single-choice <select> whose option HTML is built once per set of choices."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = tuple((str(v), str(label)) for v, label in self.choices)
        selected = (self.format_value(value) or [""])[0]
        options = "".join(
            chosen if option_value == selected else plain
            for option_value, plain, chosen in _options(choices)
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            "<select{}>{}</select>",
            flatatt({**final_attrs, "name": name}),
            mark_safe(options),  # noqa: S308 - built by format_html above  # nosec B308 B703
        )
