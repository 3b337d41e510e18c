"""Documents as the site serves them: Wagtail's view (which checks a collection's view
restriction, so evidence opens only for those allowed), and never kept by a cache."""

from django.utils.cache import patch_cache_control
from wagtail.documents.views.serve import serve


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, with two headers put right: `Cache-Control: private,
    no-store`, so that no browser's disk or shared cache keeps a confidential document (and
    nothing here tells one kind from the other), and no `Content-Encoding: None`, which
    Wagtail's file sender writes when the type has no encoding."""
    response = serve(request, document_id, document_filename)
    if response.get("Content-Encoding") in ("None", ""):
        del response["Content-Encoding"]
    patch_cache_control(response, private=True, no_store=True)
    return response
