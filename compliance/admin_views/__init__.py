"""The compliance tracker's admin: wagtail-modeladmin listings and forms, and the views that
read like the annual report (see wagtail_hooks.py for their registration)."""
