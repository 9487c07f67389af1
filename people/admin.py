"""Reporters and people in the admin; editors manage them, reporters may look them up."""

from django.contrib import admin

from newsroom.admin_columns import ChineseBooleansMixin

from .models import Person, Reporter


@admin.register(Reporter)
class ReporterAdmin(ChineseBooleansMixin, admin.ModelAdmin):
    list_display = ["name", "pinyin", "default_role", "user", "is_active_text"]
    list_filter = ["is_active", "default_role"]
    list_select_related = ["user"]
    search_fields = ["name", "pinyin", "slug"]
    autocomplete_fields = ["user"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "disambiguation", "pinyin"]
    search_fields = ["name", "pinyin", "disambiguation"]
