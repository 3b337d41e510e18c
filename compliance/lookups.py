"""Fetching many records by primary key in one query."""


def by_pk(queryset, ids) -> dict:
    """{pk: record} for these ids, in one query however many there are.

    Django's in_bulk() splits a long list into several queries on SQLite (999 ids each), so a
    page's query count would grow with its data there; a single IN list does not.
    """
    ids = set(ids) - {None}
    if not ids:
        return {}
    return {record.pk: record for record in queryset.filter(pk__in=ids)}
