"""Public pages for reporters and the people articles mention."""

from django.urls import path

from articles.page_cache import cached_page

from . import views

app_name = "people"

urlpatterns = [
    path("reporter/<slug:slug>/", cached_page(views.ReporterView.as_view()), name="reporter"),
    path("people/<int:pk>/", cached_page(views.PersonView.as_view()), name="person"),
]
