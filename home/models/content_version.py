import functools
import secrets

from django.db import connections, models, router

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
        """The number, or 0 before the first change. Every public request asks for it: in SQL
        written once, since building the ORM's query each time cost as much as the round trip
        (current_sql: the same statement, compiled once)."""
        alias = router.db_for_read(cls)
        with connections[alias].cursor() as cursor:
            cursor.execute(*current_sql(alias))
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def bump(cls) -> None:
        number = secrets.randbelow(LARGEST) + 1
        if not cls.objects.update(number=number):
            cls.objects.create(number=number)


@functools.cache
def current_sql(alias: str) -> tuple[str, tuple]:
    """ContentVersion.objects.values_list("number", flat=True).first() as SQL, for a database:
    compiled by the ORM once per process."""
    queryset = ContentVersion.objects.using(alias).order_by("pk").values_list("number")[:1]
    return queryset.query.get_compiler(alias).as_sql()
