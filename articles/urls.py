"""Public pages of the articles app."""

from django.urls import path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "<int:year>/<str:month>/<str:day>/<int:pk>/",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("district/<slug:slug>/", views.DistrictView.as_view(), name="district"),
    path("program/<slug:slug>/", views.ProgramView.as_view(), name="program"),
    path("preview/<str:token>/", preview.preview_view, name="preview"),
]
