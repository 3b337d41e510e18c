"""British dates (FORMAT_MODULE_PATH): what Django adds to its own en_GB formats.

Typed: 30/06/2027, 30/6/2027, 30 June 2027, 30 Jun 2027 and 2027-06-30 (Django adds the ISO
forms to any locale's list), with a time after them for a date and time. Shown in text as
30 June 2027 (Django's en_GB says 30 Jun 2027); in inputs as 30/06/2027 (WAGTAIL_DATE_FORMAT).
"""

DATE_FORMAT = "j F Y"  # 30 June 2027
DATETIME_FORMAT = "j F Y, H:i"  # 30 June 2027, 14:30
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    f"{date} {time}" for date in DATE_INPUT_FORMATS for time in ("%H:%M", "%H:%M:%S", "%H:%M:%S.%f")
]
