"""Run by bench/glossary.py in a process with the site's settings and the demo loaded: a demo
topic page rendered with and without its glossary words explained, with the demo's words and
with 500 more, timed and its queries counted.

Prints one tab-separated line per case: case, words, queries, median ms (of 30, after 3 to warm
up; the cases in turn).
"""

import statistics
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from home import glossary  # noqa: E402
from home.kept import forget  # noqa: E402
from home.models import GlossaryTerm, TopicPage  # noqa: E402

PATH = "/send-topics/ehc-plans-and-annual-reviews/"
RUNS, WARM = 30, 3
client = Client(HTTP_HOST="127.0.0.1")


def medians_ms(actions: dict) -> dict:
    """The median time of each action, run in turn (one of each a round), so that the
    machine's other work weighs on each alike."""
    times = {name: [] for name in actions}
    for round_ in range(WARM + RUNS):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            if round_ >= WARM:
                times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def get():
    response = client.get(PATH)
    assert response.status_code == 200, response.status_code
    return response


def queries() -> int:
    get()
    with CaptureQueriesContext(connection) as captured:
        get()
    return len(captured)


def searched_every_time():
    """A render whose content this worker has not searched before (a new page, or the first
    request after a change): the worker's kept results are emptied first."""
    for explainer in glossary._EXPLAINERS.values():
        explainer.explained.cache_clear()
    get()


def row(case: str, words: int, ms: float, count: int | str = "") -> None:
    print(f"{case}\t{words}\t{count}\t{ms:.2f}")


def without_markup():
    TopicPage.explains_words = False
    get()
    TopicPage.explains_words = True


def measure(words: int) -> None:
    forget()
    get()
    html = get().content.decode()
    content = html[html.index("<main") : html.index('<section class="words-explained"')]
    explainer = next(iter(glossary._EXPLAINERS.values()))
    entries = glossary._entries()
    times = medians_ms(
        {
            "without the markup (reference)": without_markup,
            "with it, the worker's result kept": get,
            "with it, the content searched each time": searched_every_time,
            "search of the content alone": lambda: explainer._explain(content),
            "matcher built (once a version)": lambda: glossary.Explainer(entries, ""),
        }
    )
    TopicPage.explains_words = False
    plain = queries()
    TopicPage.explains_words = True
    counts = {
        "without the markup (reference)": plain,
        "with it, the worker's result kept": queries(),
    }
    for case, ms in times.items():
        row(case, words, ms, counts.get(case, ""))


def main():
    measure(GlossaryTerm.objects.count())
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(
            term=f"Bench word {n}",
            abbreviation=f"BW{n}" if n % 3 == 0 else "",
            slug=f"bench-word-{n}",
            meaning=f"What bench word {n} means, in one plain sentence.",
        )
        for n in range(int(sys.argv[1]))
    )
    GlossaryTerm(term="Bench word last", meaning="Saved to move the version on.").save()
    measure(GlossaryTerm.objects.count())


if __name__ == "__main__":
    main()
