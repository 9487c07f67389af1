"""The admin app with our admin site as `admin.site`, so every registration lands on it."""

from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.second_factor.site.NewsroomAdminSite"
