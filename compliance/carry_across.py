"""Starting the next self-assessment on another framework, through a mapping (start_across;
on the same framework, SelfAssessment.start_next). The previous one is only read.

- same: its level (through the mapping's levels, else the level of the same code, else not
  yet rated), evidence notes, public summary, next steps, evidence links and whether it was
  adopted carry over, marked carried over (re-check);
- split and merged: every old standard's evidence links and notes (each note headed by its old
  standard's code) are copied, and the rating is left not yet rated;
- new: not yet rated; retired: not carried.

Each carried or copied rating gets a short note (Rating.carry_note) saying where it came from
and what to do."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .mapping_rules import missing_message
from .models import EvidenceLink, FrameworkMapping, Rating, Relation, SelfAssessment


def complete_mapping(from_framework, to_framework) -> FrameworkMapping:
    """The mapping between the two, refused (naming what is missing) unless it is complete."""
    mapping = FrameworkMapping.objects.filter(
        from_framework=from_framework, to_framework=to_framework
    ).first()
    if mapping is None:
        raise ValidationError(
            _("There is no mapping from %(old)s to %(new)s.")
            % {"old": from_framework, "new": to_framework}
        )
    old, new = mapping.missing_codes()
    if old or new:
        raise ValidationError(
            _("The mapping “%(mapping)s” is not complete. %(missing)s")
            % {
                "mapping": mapping,
                "missing": missing_message(from_framework, to_framework, old, new),
            }
        )
    return mapping


@transaction.atomic
def start_across(previous, title: str, assessed_on, framework) -> SelfAssessment:
    """A new draft on `framework`, started from `previous` through the complete mapping to it
    (refused, naming the standards left out, if it is not complete)."""
    mapping = complete_mapping(previous.framework, framework)
    draft = SelfAssessment.objects.create(
        framework=framework, title=title, assessed_on=assessed_on, started_from=previous
    )
    carry_across(previous, draft, mapping)
    draft.add_missing_ratings()
    return draft


def frameworks_mapped_from(framework):
    """The frameworks `framework` has a complete mapping to."""
    from .models import Framework

    complete = [
        mapping.to_framework_id
        for mapping in FrameworkMapping.objects.filter(from_framework=framework)
        if mapping.is_complete
    ]
    return Framework.objects.filter(pk__in=complete)


def carry_across(previous, draft, mapping) -> None:
    """Give `draft` (on the mapping's to-framework) what `previous` held, as the mapping says."""
    ratings = {
        r.standard_id: r
        for r in previous.ratings.select_related("standard", "level").prefetch_related(
            "evidence_links"
        )
    }
    new_scale = {level.code: level for level in mapping.to_framework.levels.all()}
    levels = {row.old_level_id: row.new_level for row in mapping.level_rows.all()}
    unrated = mapping.to_framework.unrated_level()
    rows = list(mapping.rows.select_related("old_standard", "new_standard"))
    sources = defaultdict(list)  # new standard -> [rows]
    split_into = defaultdict(list)  # old standard -> [new codes]
    for row in rows:
        if row.new_standard_id and row.old_standard_id:
            sources[row.new_standard_id].append(row)
        if row.relation == Relation.SPLIT:
            split_into[row.old_standard_id].append(row.new_standard.code)
    made, links = [], []
    named = {"assessment": previous, "framework": previous.framework}
    for new_id, feeding in sources.items():
        relation = feeding[0].relation
        old = [ratings[row.old_standard_id] for row in feeding if row.old_standard_id in ratings]
        if not old:
            continue
        if relation == Relation.SAME:
            rating = old[0]
            level = levels.get(rating.level_id) or (
                None if rating.level.is_unrated else new_scale.get(rating.level.code)
            )
            note = _(
                "Carried over from %(code)s in “%(assessment)s” (%(framework)s), the same "
                "standard: re-check the rating and the evidence against this wording."
            ) % {**named, "code": rating.standard.code}
            if level is None and not rating.level.is_unrated:
                note += " " + _(
                    "Its rating there, %(level)s, has no match on this scale: rate it again."
                ) % {"level": rating.level}
            made.append(
                Rating(
                    assessment=draft,
                    standard_id=new_id,
                    level=level or unrated,
                    evidence_notes=rating.evidence_notes,
                    public_summary=rating.public_summary,
                    next_steps=rating.next_steps,
                    adopted=rating.adopted,
                    carried_over=True,
                    carry_note=note,
                )
            )
        else:
            codes = ", ".join(r.standard.code for r in old)
            if relation == Relation.SPLIT:
                note = _(
                    "Evidence copied from %(code)s in “%(assessment)s” (%(framework)s), which "
                    "this framework splits into %(codes)s: rate this standard on its own."
                ) % {**named, "code": codes, "codes": ", ".join(split_into[old[0].standard_id])}
            else:
                note = _(
                    "Evidence copied from %(codes)s in “%(assessment)s” (%(framework)s), which "
                    "this framework merges into one standard: rate it afresh."
                ) % {**named, "codes": codes}
            made.append(
                Rating(
                    assessment=draft,
                    standard_id=new_id,
                    level=unrated,
                    evidence_notes="\n\n".join(
                        f"{_('From %(code)s:') % {'code': r.standard.code}}\n{r.evidence_notes}"
                        for r in old
                        if r.evidence_notes.strip()
                    ),
                    carry_note=note,
                )
            )
        links.append((new_id, [link for r in old for link in r.evidence_links.all()]))
    reason = _("Started from %(assessment)s through the mapping “%(mapping)s”") % {
        "assessment": previous,
        "mapping": mapping,
    }
    bulk_create_with_history(made, Rating, default_change_reason=reason)
    copies = dict(draft.ratings.values_list("standard_id", "pk"))
    bulk_create_with_history(
        [
            EvidenceLink(
                rating_id=copies[new_id],
                title=link.title,
                url=link.url,
                document_id=link.document_id,
                review_by=link.review_by,
                sort_order=order,
            )
            for new_id, copied in links
            for order, link in enumerate(copied)
        ],
        EvidenceLink,
        default_change_reason=reason,
    )
