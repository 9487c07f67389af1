"""Boolean fields in the admin as 是/否, for the apps' model admins.

Django draws a boolean as an icon whose alt text is the English "True"/"False", on changelists
and on view-only change pages alike; `<field>_text` shows the same value in Chinese.
"""

from django.db.models import BooleanField

SUFFIX = "_text"


class ChineseBooleansMixin:
    """Resolve `<boolean field>_text` to a 是/否 column, and use it on view-only pages."""

    def __getattr__(self, name):
        # Only reached for names the admin does not define itself.
        field = self._boolean_field(name.removesuffix(SUFFIX)) if name.endswith(SUFFIX) else None
        if field is None:
            raise AttributeError(name)

        def column(obj):
            return "是" if getattr(obj, field.name) else "否"

        column.short_description = field.verbose_name
        column.admin_order_field = field.name
        return column

    def _boolean_field(self, name):
        model = self.__dict__.get("model") or type(self).model
        field = next((f for f in model._meta.fields if f.name == name), None)
        return field if isinstance(field, BooleanField) else None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (
                title,
                {
                    **options,
                    "fields": [
                        f"{f}{SUFFIX}" if isinstance(f, str) and self._boolean_field(f) else f
                        for f in options["fields"]
                    ],
                },
            )
            for title, options in fieldsets
        ]
