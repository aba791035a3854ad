"""Headlines without the site's suffix: "Army retakes town | DW | 12.03.2024" → "Army retakes town".

Pages put their outlet (and sometimes a date) after the headline, behind a separator: `` | ``,
`` - ``, `` – ``, `` — ``, `` · ``, `` • ``, `` » ``, `` :: ``. A trailing segment is dropped when
it is the site's name or host, a date, or short and written like a name (every word
capitalised: "Reuters", "Al Jazeera", "BBC News"). A dash inside a sentence ("Russia - Ukraine
talks stall as shelling resumes") is kept: what follows it is not written like a name.
"""

from __future__ import annotations

import re

SEPARATOR = re.compile(r"(\s*\|\s*|\s+(?:[-–—·•»]|::)\s+)")  # captured: kept when rejoined
# A site name is short: at most this many words and characters.
SITE_MAX_WORDS = 4
SITE_MAX_CHARS = 40
# What is left must still read as a headline.
HEADLINE_MIN_WORDS = 2
# Lower-case words that site names hold ("Voice of America", "The Times of India").
NAME_PARTICLES = frozenset(("of", "the", "and", "&", "de", "del", "al", "el", "la", "le", "du"))
MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
DATE = re.compile(
    rf"""^(?:\w+,?\s+)?                                  # a weekday
    (?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}               # 12.03.2024, 2024-03-12
      |\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}}          # 12 March 2024
      |(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})          # March 12, 2024
    (?:,?\s+\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?)?$   # a time
    """,
    re.IGNORECASE | re.VERBOSE,
)
DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)


def clean_title(title: str | None, site: str | None = None, url: str | None = None) -> str | None:
    """``title`` without trailing segments naming the site or a date; None stays None."""
    if not title:
        return title
    pieces = SEPARATOR.split(title.strip())  # segment, separator, segment, ...
    names = _site_names(site, url)
    while len(pieces) > 1:
        head = pieces[:-2]
        if len("".join(head).split()) < HEADLINE_MIN_WORDS or not _site_like(pieces[-1], names):
            break
        pieces = head
    return "".join(pieces).strip()


def _site_names(site: str | None, url: str | None) -> set[str]:
    names = set()
    if site:
        names.add(_key(site))
    if url:
        host = re.sub(r"^[a-z]+://(?:www\.)?", "", url.lower()).split("/", 1)[0]
        if host:
            names.add(_key(host))
            names.add(_key(host.rsplit(".", 1)[0]))
    return names


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold().removeprefix("the "))


def _site_like(segment: str, names: set[str]) -> bool:
    segment = segment.strip()
    if not segment or _key(segment) in names or DATE.match(segment) or DOMAIN.match(segment):
        return True
    words = segment.split()
    if len(words) > SITE_MAX_WORDS or len(segment) > SITE_MAX_CHARS:
        return False
    capitalised = [word for word in words if word.lower() not in NAME_PARTICLES]
    return bool(capitalised) and all(_name_word(word) for word in capitalised)


def _name_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return not letters or letters[0].isupper()
