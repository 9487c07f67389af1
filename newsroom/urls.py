"""Root URL configuration: the admin, then the public site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles.admin.desk import desk_view
from articles.admin.statistics import statistics_view
from articles.api import api
from newsroom import password_reset
from newsroom.ops import health

admin.site.site_header = "新民晚报 编辑系统"
admin.site.site_title = "编辑系统"
admin.site.index_title = "编辑台"

urlpatterns = [
    # Ahead of admin.site.urls, so /admin/ is the desk (still named admin:index for links).
    path("admin/", admin.site.admin_view(desk_view), name="admin-desk"),
    path("admin/statistics/", admin.site.admin_view(statistics_view), name="admin-statistics"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    *password_reset.urlpatterns,
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("people.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "newsroom.ops.outage.server_error_or_outage"
