from django import forms


def date_input() -> forms.DateInput:
    """A browser's date picker. Its value must be written YYYY-MM-DD, whatever the locale
    prints, or the picker shows nothing (and a default such as today is lost)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
