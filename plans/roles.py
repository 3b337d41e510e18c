"""What the tracker's two roles (compliance.roles) need of the delivery plans."""

from compliance import roles

_MODELS = ["deliveryplan", "planitem", "planaction", "planoutcome", "progressupdate", "decision"]
READ = [f"plans.view_{model}" for model in _MODELS]
RUN = [
    *READ,
    *(f"plans.{action}_{model}" for action in ("add", "change") for model in _MODELS),
    "plans.delete_planaction",
    "plans.delete_planoutcome",
]


def declare() -> None:
    roles.declare(roles.READ, READ)
    roles.declare(roles.RUN, RUN)
