"""A cell of numbered or bulleted lines (the actions, the outcomes) read as one entry per line,
without losing a character: each entry keeps what came before its text in the cell (its
`lead`: a line break, "2. ", "• "), so joining the leads and texts gives the cell back exactly.

- Lines: a line that starts with a number and a full stop or bracket ("2. ", "2) ") or a bullet
  ("• ", "- ", "* ") starts an entry; any other line carries on the one before. "3 drop-in
  sessions a month" is one entry, its 3 kept in its text.
- One line numbered in turn ("1. Review SLA 2. Draft SLA 3 Agree it"): an entry for each
  number, 1, 2, 3 in order (see _inline).
"""

import re

MARKER = re.compile(r"[ \t]*(?:\(?\d{1,3}[.)]|[·•▪◦‣∙*\-–—])[ \t]+")
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
ENDING = re.compile(r"(?:\r\n|\r|\n)?\Z")


def split_listed(cell: str) -> list[tuple[str, str]]:
    """(lead, text) for each entry; "".join(lead + text) == cell, always."""
    lines = [line for line in LINE.findall(cell) if line]
    if len(lines) == 1:
        return _inline(cell)
    entries: list[list[str]] = []
    pending = ""  # blank lines before the first entry: part of its lead
    for line in lines:
        marker = MARKER.match(line)
        if marker:
            if entries:  # the line break before it is part of its lead, not the text before
                ending = ENDING.search(entries[-1][1])
                entries[-1][1] = entries[-1][1][: ending.start()]
                pending = ending.group() + pending
            entries.append([pending + marker.group(), line[marker.end() :]])
            pending = ""
        elif entries:
            entries[-1][1] += line
        elif line.strip():
            entries.append([pending, line])
            pending = ""
        else:
            pending += line
    if pending:  # only blank lines
        entries.append(["", pending])
    return [(lead, text) for lead, text in entries]


def _inline(line: str) -> list[tuple[str, str]]:
    """One line that starts "1. ": an entry at each next number in turn, "N." preferred to a
    bare "N" before a capital ("3 Test it"), so that "recruit 2 or 3 people" stays whole; the
    same number again ("5. ... 5. ...") before the next one is another entry."""
    if not re.match(r"[ \t]*1\.[ \t]+", line):
        marker = MARKER.match(line)
        return [(marker.group(), line[marker.end() :])] if marker else [(line[:0], line)]
    starts, position, number = [], 0, 1
    while True:
        found = None
        for pattern in (rf"(?:^|(?<=\s)){number}\.\s+", rf"(?:^|(?<=\s)){number}\s+(?=[A-Z])"):
            found = re.compile(pattern).search(line, position)
            if found:
                break
        again = re.compile(rf"(?<=\s){number - 1}\.\s+").search(line, position) if starts else None
        if again and (not found or again.start() < found.start()):
            found, number = again, number - 1
        if not found:
            break
        starts.append((found.start(), found.end()))
        position, number = found.end(), number + 1
    # Each entry's text ends before the spaces that come before the next number: those spaces
    # and the number are the next entry's lead.
    entries, lead_from = [], 0
    for n, (_start, body) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(line)
        text_end = len(line[:end].rstrip(" \t")) if n + 1 < len(starts) else end
        entries.append((line[lead_from:body], line[body:text_end]))
        lead_from = text_end
    return entries


def joined(entries) -> str:
    """The cell again: each entry's lead and text, in turn."""
    return "".join(lead + text for lead, text in entries)
