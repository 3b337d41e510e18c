"""Every date in the site's admin (pages, snippets, settings) typed and shown the British way.

Wagtail's date pickers put today's date in place of anything typed that they cannot read in
WAGTAIL_DATE_FORMAT's form, when the field loses focus. The site's date fields use the
tracker's date field instead (30/06/2027, 30/6/2027, 30 June 2027, 30 Jun 2027 or 2027-06-30,
anything else refused with a message), and its date-and-time pickers leave typed text alone for
the server to read (DATETIME_INPUT_FORMATS in config/formats/en_GB/formats.py).
"""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateTimeInput

from wagtail_minimum_standards.compliance import dates


class DateTimeInput(AdminDateTimeInput):
    """Wagtail's date-and-time picker (WAGTAIL_DATETIME_FORMAT), never replacing what was typed."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


def register() -> None:
    register_form_field_override(
        models.DateField, override={"form_class": dates.DateField, "widget": dates.DateInput}
    )
    register_form_field_override(models.DateTimeField, override={"widget": DateTimeInput})
