"""Change-list filters that offer a reporter only the rows `scoping` lets them see."""

from django.contrib import admin
from taggit.models import Tag

from .scoping import visible_programs, visible_tags


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A related-field filter whose choices come from `choices_for(user)`, not the whole table."""

    def choices_for(self, user):
        raise NotImplementedError

    def field_choices(self, field, request, model_admin):
        return [(row.pk, str(row)) for row in self.choices_for(request.user)]


class ProgramListFilter(ScopedRelatedFieldListFilter):
    def choices_for(self, user):
        return visible_programs(user).order_by("name")


class TagListFilter(ScopedRelatedFieldListFilter):
    def choices_for(self, user):
        return visible_tags(user, Tag.objects.order_by("name"))
