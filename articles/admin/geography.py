"""Districts, their 街道/镇, and former district names (shipped as data, kept by editors)."""

from django.contrib import admin

from ..models import District, FormerDistrictName, Subdistrict


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "code"]
    search_fields = ["name", "short_name", "slug"]


@admin.register(Subdistrict)
class SubdistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district", "code"]
    list_filter = ["district", "kind"]
    list_select_related = ["district"]
    search_fields = ["name", "slug", "district__name"]


@admin.register(FormerDistrictName)
class FormerDistrictNameAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "district"]
    list_select_related = ["district"]
    search_fields = ["name", "short_name"]
