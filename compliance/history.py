"""The tracker's change history (django-simple-history), and that of records edited inline
(modelcluster's ParentalKey children).

django-simple-history copies a foreign key into the historical model with the
same field class and `related_name="+"`; a ParentalKey refuses that name. The
history of a child only needs a plain foreign key to its parent's id.
"""

from django.db import connection, models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords


class TrackerHistoricalRecords(HistoricalRecords):
    """The tracker's change history: a change's reason is kept whole, as text (simple-history's
    default keeps 100 characters, and an unlock's reason may be 500, a meeting's title 200)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True))
        super().__init__(*args, **kwargs)


class InlineHistoricalRecords(TrackerHistoricalRecords):
    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, ParentalKey):
                field.swappable = False  # as simple-history does: no app registry needed
                _, _, args, kwargs = field.deconstruct()
                plain = models.ForeignKey(*args, **kwargs)
                plain.name = name
                fields[name] = plain
        return fields


def record_created(model, queryset, user=None) -> None:
    """A "created" history record for each row of `queryset`, as django-simple-history makes
    one on save, written by the database in one statement: an import of 1,000 items and their
    6,000 actions and outcomes made each history record as a Python object first, most of its
    time."""
    if user is None:  # as django-simple-history finds the user: the request being answered
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    history = model.history.model
    names = [f.attname for f in model._meta.concrete_fields]
    columns = [history._meta.get_field(name).column for name in names]
    select, params = queryset.values_list(*names).query.sql_with_params()
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    extra = ["history_date", "history_type", "history_user_id", "history_change_reason"]
    # Only names from the models go into the text; every value is a parameter.
    sql = (
        f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} "  # noqa: S608
        f"({quoted}, {', '.join(connection.ops.quote_name(c) for c in extra)}) "
        f"SELECT {quoted}, %s, '+', %s, NULL FROM ({select}) AS created"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (timezone.now(), user.pk if user else None, *params))
