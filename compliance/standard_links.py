"""Links from a standard's rating to what other apps hold about it (e.g. the delivery plan's
items that serve it): an app built on the tracker registers a Wagtail hook, so that this one
never needs to know it.

    @hooks.register("minimum_standards_standard_links")
    def plan_items(standard_ids) -> dict[int, list[StandardLink]]: ...

Each hook gets the ids of the standards on the page and answers, in a fixed number of
queries, with the links for each.
"""

from dataclasses import dataclass

from wagtail import hooks

HOOK = "minimum_standards_standard_links"


@dataclass(frozen=True)
class StandardLink:
    heading: str  # e.g. "In the delivery plan"
    url: str
    text: str
    note: str = ""  # e.g. the item's status


def links_for(standard_ids) -> dict[int, list[StandardLink]]:
    """{standard id: [links]} from every registered hook."""
    links: dict[int, list[StandardLink]] = {}
    for hook in hooks.get_hooks(HOOK):
        for standard_id, found in hook(standard_ids).items():
            links.setdefault(standard_id, []).extend(found)
    return links
