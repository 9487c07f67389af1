"""Public pages for reporters and the people articles mention."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("reporter/<slug:slug>/", views.ReporterView.as_view(), name="reporter"),
    path("people/<int:pk>/", views.PersonView.as_view(), name="person"),
]
