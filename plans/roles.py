"""What the tracker's two roles (compliance.roles) need of the delivery plans."""

from wagtail_minimum_standards.compliance import roles

_MODELS = [
    "deliveryplan",
    "planitem",
    "planaction",
    "planoutcome",
    "progressupdate",
    "decision",
    "annualreport",
    "annualreportsection",
]
READ = [f"minimum_standards_plans.view_{model}" for model in _MODELS]
RUN = [
    *READ,
    *(
        f"minimum_standards_plans.{action}_{model}"
        for action in ("add", "change")
        for model in _MODELS
    ),
    "minimum_standards_plans.delete_planaction",
    "minimum_standards_plans.delete_planoutcome",
    "minimum_standards_plans.delete_annualreportsection",  # a heading the report no longer has
]


def declare() -> None:
    roles.declare(roles.READ, READ)
    roles.declare(roles.RUN, RUN)
