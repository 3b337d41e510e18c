import secrets

from django.db import models

# A new version is drawn at random, so a number is never used twice: after a database is
# restored from a backup, the next change cannot land on a number whose kept copies were built
# in the timeline the restore undid (a counter would go back and count up over them).
LARGEST = 2**63 - 1  # PositiveBigIntegerField


class ContentVersion(models.Model):
    """One number, new with every change a public page could show (home.cache): what the
    site's cached menus, footer and settings are kept under, in every worker and server."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"Content version {self.number}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        number = secrets.randbelow(LARGEST) + 1
        if not cls.objects.update(number=number):
            cls.objects.create(number=number)
