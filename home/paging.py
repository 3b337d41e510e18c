"""Lists split into pages: a page of a list that does not exist is not found."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def page_or_404(items, per_page: int, number):
    """The page of `items` asked for (the first if none is); any other is a 404."""
    try:
        return Paginator(items, per_page).page(number or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("There is no such page of this list.") from None
