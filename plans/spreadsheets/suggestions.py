"""What an upload's columns and status words probably mean, read from their words: only a
suggestion, which the manager confirms or changes on the upload's preview.

- A column: by words in its heading ("Who?" holds the owners, "RAG" the status). Each meaning
  but "keep as text" goes to the first column that suggests it; a column nothing matches, or
  whose meaning an earlier column took, is kept as text.
- A status word: by the 2018 words, RAG (Red/Amber/Green, and Blue for done), yes/no/partly and
  on track/at risk. A word nothing matches has no suggestion: the manager says what it means.
"""

import re

from ..models import Meaning, StatusMeaning
from ..models.layout import DEFAULT_STATUSES

# (meaning, words that suggest it in a heading), the first that matches wins.
HEADING_WORDS = [
    (Meaning.AREA, ["area", "priority", "theme", "workstream", "strand"]),
    (Meaning.STATUS, ["status", "rag", "on track", "progress rating"]),
    (Meaning.STANDARDS, ["standard"]),
    (Meaning.OBJECTIVE, ["objective", "aim", "goal", "task"]),
    (Meaning.ACTIONS, ["action", "work outstanding", "what we will do", "activity", "activities"]),
    (Meaning.OUTCOMES, ["outcome", "impact", "success", "measure"]),
    (Meaning.OWNERS, ["who", "owner", "lead", "responsib"]),
    (Meaning.TIMESCALE, ["timescale", "when", "deadline", "target date", "due", "date"]),
    (Meaning.COMPLETION, ["completion", "completed", "done"]),
    (Meaning.PROGRESS, ["progress", "update", "comment"]),
]

STATUS_WORDS = {
    StatusMeaning.DONE: [
        "complete", "completed", "done", "yes", "closed", "achieved", "met", "finished", "blue",
    ],
    StatusMeaning.OPEN: [
        "not started", "on track", "green", "open", "in progress", "started", "planned",
    ],
    StatusMeaning.AT_RISK: ["at risk", "amber", "partly", "partially", "partly met", "delayed"],
    StatusMeaning.OFF_TRACK: ["off track", "red", "no", "not on track", "behind", "not met"],
    StatusMeaning.ONGOING: ["ongoing", "continuing", "business as usual"],
}  # fmt: skip


def _words(text: str) -> str:
    """Lower case, with hyphens, underscores and runs of spaces as one space."""
    return re.sub(r"[\s_-]+", " ", text.casefold()).strip(" ?:.*")


def suggest_meanings(headings: list[str]) -> list[str]:
    """A meaning for each column, from its heading."""
    taken, meanings = set(), []
    for heading in headings:
        words = _words(heading)
        meaning = next(
            (
                m
                for m, hints in HEADING_WORDS
                if m not in taken and any(re.search(rf"\b{re.escape(h)}", words) for h in hints)
            ),
            Meaning.TEXT,
        )
        if meaning != Meaning.TEXT:
            taken.add(meaning)
        meanings.append(meaning)
    return meanings


def suggest_status_meaning(word: str, known: dict[str, str] | None = None) -> str:
    """What a status word probably means ("" if nothing suggests it); `known`, the words a
    plan has already, counts first."""
    words = _words(word)
    for label, meaning in (known or {}).items():
        if _words(label) == words:
            return meaning
    for label, meaning in DEFAULT_STATUSES:
        if _words(label) == words:
            return meaning
    return next((m for m, hints in STATUS_WORDS.items() if words in hints), "")
