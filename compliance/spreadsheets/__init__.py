"""Spreadsheets in and out: frameworks, and self-assessments in the annual report's layout."""
