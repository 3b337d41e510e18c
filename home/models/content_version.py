from django.db import models
from django.db.models import F


class ContentVersion(models.Model):
    """One number that grows with every change a public page could show (home.cache): what the
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
        if not cls.objects.update(number=F("number") + 1):
            cls.objects.create(number=1)
