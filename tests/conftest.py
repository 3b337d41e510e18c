import pytest
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
    """Each test starts with an empty cache: Wagtail keeps site root paths there."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home_page(db):
    """A site whose root is a fresh HomePage, with service settings filled in."""
    home = HomePageFactory()
    Site.objects.filter(is_default_site=True).update(root_page=home)
    ServiceSettingsFactory()
    return home


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
