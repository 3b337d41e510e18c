"""The service's three roles, as Django groups with the permissions each needs.

- Service manager: runs the service; edits pages, the service settings, and reads the
  enquiries. It also runs the tracker: settings.MINIMUM_STANDARDS_ROLES maps the tracker's
  "run" role to this group, and the tracker (compliance.roles) grants what that needs.
- Editor: keeps the public pages up to date; no service settings, no tracker.
- Advisory Group: independent oversight: the tracker's "read" role; edits nothing.

`ensure_roles` runs after every `migrate`. It creates missing groups and grants
missing permissions, and never removes one an administrator has added.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

SERVICE_MANAGER = "Service manager"
EDITOR = "Editor"
ADVISORY_GROUP = "Advisory Group"

_CONTENT = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
# The jargon buster's words are the website's content: whoever edits pages keeps them.
_GLOSSARY = ["home.add_glossaryterm", "home.change_glossaryterm", "home.delete_glossaryterm"]
_PAGE_EDITING = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Documents and images live in two collections under Wagtail's root: the website's,
# and the compliance tracker's evidence, which only the Service manager and the
# Advisory Group may open (a view restriction on the collection).
WEBSITE = "Website"
EVIDENCE = "Evidence (confidential)"
_DOCUMENTS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

ROLES = {
    SERVICE_MANAGER: {
        "permissions": [
            "wagtailadmin.access_admin",
            "home.change_servicesettings",
            # Enquiries are personal data: only the Service manager reads them.
            "home.view_enquiry",
            "home.delete_enquiry",
            *_GLOSSARY,
            # Feedback too (home.feedback_admin asks for home.view_enquiry as well): read it,
            # tag it with themes, delete it; keep the themes.
            "home.view_feedback",
            "home.change_feedback",
            "home.delete_feedback",
            "home.view_feedbacktheme",
            "home.add_feedbacktheme",
            "home.change_feedbacktheme",
            "home.delete_feedbacktheme",
        ],
        "page_permissions": _PAGE_EDITING,
        "collections": {WEBSITE: _CONTENT, EVIDENCE: _DOCUMENTS},
    },
    EDITOR: {
        "permissions": ["wagtailadmin.access_admin", *_GLOSSARY],
        "page_permissions": _PAGE_EDITING,
        "collections": {WEBSITE: _CONTENT},
    },
    ADVISORY_GROUP: {
        "permissions": ["wagtailadmin.access_admin"],
        "page_permissions": [],
        "collections": {},
    },
}


def _permission(dotted: str, using: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.db_manager(using).get(
        content_type__app_label=app_label, codename=codename
    )


def ensure_roles(using="default", **kwargs) -> dict[str, Group]:
    """Create the role groups and grant their permissions; idempotent."""
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

    # post_migrate reaches this app before Django has made the other apps'
    # permissions (it goes in INSTALLED_APPS order), so make them first.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    root_page = Page.objects.using(using).filter(depth=1).first()
    collections = _collections(using)
    groups = {}
    for name, role in ROLES.items():
        group, _ = Group.objects.db_manager(using).get_or_create(name=name)
        group.permissions.add(*[_permission(p, using) for p in role["permissions"]])
        for collection_name, permissions in role["collections"].items():
            if collection_name not in collections:
                continue
            for dotted in permissions:
                GroupCollectionPermission.objects.db_manager(using).get_or_create(
                    group=group,
                    collection=collections[collection_name],
                    permission=_permission(dotted, using),
                )
        if root_page is not None:
            for codename in role["page_permissions"]:
                GroupPagePermission.objects.db_manager(using).get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}", using),
                )
        groups[name] = group
    if EVIDENCE in collections:
        _restrict(collections[EVIDENCE], [groups[SERVICE_MANAGER], groups[ADVISORY_GROUP]], using)
    return groups


def _collections(using) -> dict:
    """The website's and the evidence collections, made under Wagtail's root if missing."""
    from wagtail.models import Collection

    root = Collection.objects.using(using).filter(depth=1).first()
    if root is None:
        return {}
    found = {}
    for name in (WEBSITE, EVIDENCE):
        found[name] = root.get_children().filter(name=name).first() or root.add_child(name=name)
    return found


def _restrict(collection, groups, using) -> None:
    """Only members of `groups` (signed in) may open the collection's documents."""
    from wagtail.models import CollectionViewRestriction

    restriction, _ = CollectionViewRestriction.objects.db_manager(using).get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    restriction.restriction_type = CollectionViewRestriction.GROUPS
    restriction.save()
    restriction.groups.add(*groups)
