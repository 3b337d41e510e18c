"""Lists split into pages: a page of a list that does not exist is not found."""

import re

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404

PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")  # as a page number is written in our own links


def page_or_404(items, per_page: int, number):
    """The page of `items` asked for (the first if none is); any other is a 404."""
    try:
        return Paginator(items, per_page).page(number or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("There is no such page of this list.") from None


def page_of_plain_values(page: Page, plain) -> Page:
    """The same page of the list, holding plain(item) for each item and no query: it can be
    kept in a cache."""
    paginator = Paginator(range(page.paginator.count), page.paginator.per_page)
    return Page([plain(item) for item in page], page.number, paginator)
