import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Site

from home import demo

from .factories import (
    AdvisoryGroupMemberFactory,
    EditorFactory,
    EnquiryPageFactory,
    HomePageFactory,
    ServiceManagerFactory,
    ServiceSettingsFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (Wagtail keeps site root paths there), and
    nothing of it held by the site (home.kept)."""
    from home.kept import forget

    forget()


@pytest.fixture
def home_page(db):
    """A site whose root is a fresh HomePage, with service settings filled in."""
    home = HomePageFactory()
    Site.objects.filter(is_default_site=True).update(root_page=home)
    ServiceSettingsFactory()
    return home


PURGED = []


class Recorder(BaseBackend):
    """nginx's purges, recorded (the nginx_in_front fixture)."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def nginx_in_front(settings):
    """The addresses the site asks nginx to forget, in order (purges wait for the commit:
    django_capture_on_commit_callbacks(execute=True) in a test)."""
    settings.HTTP_CACHE_SECONDS = 5
    settings.WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": f"{__name__}.Recorder"}}
    PURGED.clear()
    return PURGED


@pytest.fixture
def commit():
    """Runs what the test's transaction would run when it commits (it never does: each test
    is rolled back), and forgets it, as a commit does: nginx's purges, say. Unlike
    django_capture_on_commit_callbacks, it also runs what was waiting from before (the
    fixtures' changes), so a change made later waits on its own."""
    from django.db import transaction

    def run():
        connection = transaction.get_connection()
        waiting, connection.run_on_commit = connection.run_on_commit, []
        for _, callback, _ in waiting:
            callback()

    return run


@pytest.fixture
def enquiry_page(home_page):
    """The enquiry form page, on the site of `home_page`."""
    return EnquiryPageFactory()


@pytest.fixture
def demo_site(db):
    """The demo site that `load_demo` builds."""
    return demo.load()


@pytest.fixture
def service_manager(db):
    return ServiceManagerFactory()


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def advisory_member(db):
    return AdvisoryGroupMemberFactory()


@pytest.fixture
def without_quality_checks(settings):
    """Every quality check turned off, as a service may (MINIMUM_STANDARDS_QUALITY_CHECKS): for
    tests of ratifying that are about something else, on assessments the checks would stop."""
    from wagtail_minimum_standards.compliance.quality_checks import all_checks

    settings.MINIMUM_STANDARDS_QUALITY_CHECKS = {check.id: "off" for check in all_checks()}


def pytest_collection_modifyitems(items):
    """A test that commits (django_db(transaction=True)) empties the database after it; without
    serialized_rollback the migrations' data (the default locale, the roles) is gone for every
    test after it, and the next serialized test finds the roles remade: refused here, at once,
    rather than failing tests far away. A test that needs what a commit runs (a purge) can
    ask the `commit` fixture instead."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: django_db(transaction=True) needs serialized_rollback=True"
            )


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"


@pytest.fixture
def compliance_demo(db):
    """The 2018 Minimum Standards, the ratified August 2022 self-assessment and the 2023 draft."""
    from home.demo import self_assessments as compliance_demo_data
    from wagtail_minimum_standards.compliance.models import SelfAssessment

    framework = compliance_demo_data.load()
    return {
        "framework": framework,
        "ratified": SelfAssessment.objects.get(title=compliance_demo_data.AUGUST_2022),
        "draft": SelfAssessment.objects.get(title=compliance_demo_data.DRAFT_2023),
    }


@pytest.fixture
def plans_demo(compliance_demo):
    """Appendix 4's plan, the strategy work plan, and the meetings around them."""
    from home.demo import delivery_plans as plans_demo_data
    from wagtail_minimum_standards.compliance.models import AdvisoryGroupMeeting
    from wagtail_minimum_standards.plans.models import DeliveryPlan

    plans_demo_data.load()
    return {
        **compliance_demo,
        "plan": DeliveryPlan.objects.get(title=plans_demo_data.OPERATIONAL),
        "strategy": DeliveryPlan.objects.get(title=plans_demo_data.STRATEGY),
        "january": AdvisoryGroupMeeting.objects.get(date="2023-01-18"),
        "october": AdvisoryGroupMeeting.objects.get(date="2022-10-12"),
    }
