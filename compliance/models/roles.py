"""What the tracker did to the site's groups, so that uninstalling it takes back exactly that
(`manage.py minimum_standards_uninstall`) and nothing the site had before."""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleGroup(models.Model):
    """A group that holds one of the tracker's roles (settings.MINIMUM_STANDARDS_ROLES)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="minimum_standards_role"
    )
    made_by_tracker = models.BooleanField(
        _("made by the tracker"),
        default=False,
        help_text=_("The tracker made this group: uninstalling it deletes the group."),
    )
    predates_record = models.BooleanField(
        _("held the tracker's permissions before this record"),
        default=False,
        help_text=_(
            "Version 0.1 gave it permissions before the tracker kept this record: what else it "
            "gave the group (such as access to the admin) is not known."
        ),
    )
    granted = models.ManyToManyField(
        Permission,
        blank=True,
        related_name="+",
        verbose_name=_("permissions the tracker gave it"),
        help_text=_("Uninstalling the tracker takes these back, and only these."),
    )

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")

    def __str__(self):
        return self.group.name
