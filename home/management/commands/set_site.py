from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Set the site's public host name and port (443 for HTTPS): the addresses in "
        "sitemap.xml, robots.txt and emails are built from them. Run it once when deploying."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="e.g. www.example.org")
        parser.add_argument("--port", type=int, default=443, help="443 (HTTPS, the default)")
        parser.add_argument("--site-name", default="", help="the site's name in the admin")

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no site yet: run `manage.py migrate` first.")
        hostname = options["hostname"].strip().lower()
        if not hostname or "/" in hostname or ":" in hostname or " " in hostname:
            raise CommandError("Give the host name alone, e.g. --hostname www.example.org.")
        if not 0 < options["port"] < 65536:
            raise CommandError("The port is a number from 1 to 65535.")
        site.hostname, site.port = hostname, options["port"]
        if options["site_name"]:
            site.site_name = options["site_name"]
        site.save()
        self.stdout.write(self.style.SUCCESS(f"The site is now {site.root_url}/"))
