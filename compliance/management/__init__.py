"""Management commands of the compliance tracker, and what they share."""

from django.core.management.base import CommandError


def save_workbook(workbook, path: str) -> None:
    """Write an openpyxl workbook; a file that cannot be written is a one-line error."""
    try:
        workbook.save(path)
    except OSError as error:
        raise CommandError(f"Could not write {path}: {error.strerror or error}.") from None
