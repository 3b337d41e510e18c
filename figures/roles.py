"""What the tracker's two roles (compliance.roles) need of the figures: the manager keeps the
measures, the years and their figures; the Advisory Group reads them."""

from wagtail_minimum_standards.compliance import roles

_MODELS = ["measure", "breakdownlist", "breakdownvalue", "reportingyear", "figure"]
READ = [f"minimum_standards_figures.view_{model}" for model in _MODELS]
RUN = [
    *READ,
    *(
        f"minimum_standards_figures.{action}_{model}"
        for action in ("add", "change", "delete")
        for model in _MODELS
    ),
]


def declare() -> None:
    roles.declare(roles.READ, READ)
    roles.declare(roles.RUN, RUN)
