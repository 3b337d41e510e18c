"""Management commands of the compliance tracker, and what they share."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def save_workbook(workbook, path: str) -> None:
    """Write an openpyxl workbook; a file that cannot be written is a one-line error."""
    try:
        workbook.save(path)
    except OSError as error:
        raise CommandError(
            _("Could not write %(path)s: %(error)s.")
            % {"path": path, "error": error.strerror or error}
        ) from None


def confirmed(question: str) -> bool:
    """Whether the operator answers "yes" to `question` (anything else, or no terminal: no)."""
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() == "yes"
