"""Checklist items checked against the live website (Minimum Standard 3.3: "the website
includes ..."): the tracker says what a check is and shows its results; the site registers
the checks it can make, for its own pages and settings, with a Wagtail hook:

    @hooks.register("minimum_standards_site_checks")
    def site_checks() -> dict[str, Callable[[Site], SiteCheckResult]]: ...

A framework's checklist item names a check in its `site_check`. An item whose check no site
registered (or with none named) is ticked by hand on its rating instead.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks
from wagtail.models import Site

HOOK = "minimum_standards_site_checks"


def _nobody(user) -> bool:
    return False


@dataclass
class SiteCheckResult:
    present: bool
    found: str
    fix_url: str
    fix_label: str
    may_fix: Callable = _nobody  # may_fix(user): is the fix link of use to this user?

    def for_user(self, user) -> "SiteCheckResult":
        """The result as `user` sees it: the fix link only if they may follow it."""
        return self if self.may_fix(user) else SiteCheckResult(self.present, self.found, "", "")


def registered_checks() -> dict[str, Callable]:
    """{check name: check(site)} from every registered hook."""
    checks = {}
    for hook in hooks.get_hooks(HOOK):
        checks.update(hook())
    return checks


def check_items(items, checks=None) -> list[tuple]:
    """[(checklist item, SiteCheckResult or None)], on the default site; None where no check
    is registered for the item (it is ticked by hand)."""
    checks = registered_checks() if checks is None else checks
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return [
        (item, checks[item.site_check](site) if site and item.site_check in checks else None)
        for item in items
    ]
