from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.calendar_files import calendar_file

from .documents import serve_document

# The site's own failure: its page with the helpline (home.views.server_error).
handler500 = home_views.server_error

urlpatterns = [
    path(settings.ADMIN_PATH_PREFIX.strip("/") + "/", include(wagtailadmin_urls)),
    # Wagtail's document URLs, its serve view wrapped so that no cache keeps a document.
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("site-address.css", home_views.site_address_css, name="site_address_css"),
    # An event's calendar file, and the events index's (home/calendar_files.py).
    re_path(r"^((?:[\w\-]+/)+)(event\.ics|events\.ics)$", calendar_file, name="calendar_file"),
]

if settings.DEBUG:
    # As nginx does in production (deploy/nginx/sendias.conf): only public images come
    # straight from MEDIA_ROOT; documents only ever through /documents/, which checks who asks.
    from django.conf.urls.static import static

    urlpatterns += static(
        settings.MEDIA_URL + "images/", document_root=f"{settings.MEDIA_ROOT}/images"
    )

# Wagtail's page serving last: it matches every other path.
urlpatterns += [path("", include(wagtail_urls))]
