"""Demo data: the 2021-22 annual report, its narrative in the words of the seed report's
executive summary, with the August 2022 self-assessment as Appendix 3 and the operational
delivery plan as Appendix 4. Loaded once; run again, it changes nothing."""

from wagtail_minimum_standards.compliance.models import SelfAssessment
from wagtail_minimum_standards.figures import periods
from wagtail_minimum_standards.figures.models import ReportingYear
from wagtail_minimum_standards.plans.models import AnnualReport, DeliveryPlan

from .delivery_plans import OPERATIONAL
from .self_assessments import AUGUST_2022

TITLE = "SEND Partnership Service Annual Report 2021 – 2022"
NARRATIVE = {
    "Introduction": (
        "This report summarises the activities and evaluation of the service for the year "
        "September 2021 – August 2022.\n\n"
        "In the 2021-22 academic year SPS worked with 771 families."
    ),
    "Key achievements": (
        "With Sendiass4BCP and a group of young people from the two areas, the service "
        "co-produced three short, accessible films. A new website was launched on 1 September "
        "2022 alongside a dedicated YouTube channel, a new name and a service logo."
    ),
    "Challenges": (
        "Demand remained high throughout the year, with the number of families requiring "
        "in-depth case support returning to 2019-20 levels, and the complexity of the work "
        "continued to grow."
    ),
    "Plans for next year": "The operational delivery plan (Appendix 4) sets out the year ahead.",
}


def load() -> AnnualReport | None:
    year = ReportingYear.objects.filter(starts_on=periods.year_starting(2021)).first()
    if year is None or AnnualReport.objects.filter(year=year).exists() or year.is_locked:
        return None
    report = AnnualReport.start(year)
    report.title = TITLE
    report.assessment = SelfAssessment.objects.filter(title=AUGUST_2022).first()
    report.plan = DeliveryPlan.objects.filter(title=OPERATIONAL).first()
    report.save()
    for section in report.sections.all():
        if section.heading in NARRATIVE:
            section.text = NARRATIVE[section.heading]
            section.save()
    return report
