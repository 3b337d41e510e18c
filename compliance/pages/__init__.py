"""The tracker's public page type, “How we are doing”: an app of its own
(`wagtail_minimum_standards.compliance.pages`, label `minimum_standards_pages`), so that a site
adds it only if it wants it (a site that swaps Wagtail 8's base page model leaves it out)."""
