from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(workbook, name: str) -> HttpResponse:
    """An openpyxl workbook as a download, never cached."""
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response
