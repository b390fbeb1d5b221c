"""Grounding: which factual claims in a generated text appear in none of its sources.

A revised answer or a prep document may only claim what the candidate said or what the
resume holds. ``find_ungrounded`` pulls the checkable claims out of a text (numbers,
percentages, money, years, durations, proper names such as employers, and job titles)
and returns those no source supports, so the app can flag them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NUMBER_WORD_LIST = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {w: float(i) for i, w in enumerate(_NUMBER_WORD_LIST.split(), start=2)}
_NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_NUMBER_WORDS |= {"eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9}
_SCALES["billion"] = 1e9
_UNITS = (
    r"ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|"
    r"years?|yrs?|quarters?|sprints?"
)
_NUMBER = re.compile(
    r"(?P<money>[$£€]\s?)?"
    r"(?P<num>(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?|\b(?:" + _TENS + r")[- ](?:" + _ONES + r")\b"
    r"|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
    r"(?:\s?(?P<scale>k|mn|m|bn|thousand|million|billion)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per\s?cent\b))?"
    r"(?:(?:\s?|-)(?P<unit>" + _UNITS + r")\b)?",  # "13 weeks", "a 13-week forecast"
    re.I,
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday"

_SENIORITY = (
    r"senior|sr\.?|staff|principal|lead|junior|jr\.?|chief|associate|distinguished|founding|"
    r"deputy|assistant|acting|interim|regional|area|general|executive|"
    r"head of|director of|vp of|vice president of"
)
# The functions a job title names, across trades: "sales director", "ward manager".
_DOMAIN = (
    r"software|backend|back-end|frontend|front-end|full[- ]?stack|data|ml|machine learning|"
    r"platform|infrastructure|site reliability|reliability|devops|security|mobile|qa|test|"
    r"product|engineering|program|project|solutions|cloud|systems?|technical|tech|team|"
    r"sales|marketing|finance|financial|accounts?|operations|ops|design|ux|ui|graphic|visual|"
    r"interaction|web|content|brand|growth|customer|success|support|service|people|hr|talent|"
    r"business|research|analytics|insights?|partnerships?|community|office|facilities|"
    r"nursing|ward|clinical|charge|care|healthcare|health|medical|teaching|school|science|"
    r"transport|planning|logistics|supply chain|warehouse|shift|store|retail|procurement|"
    r"purchasing|payroll|compliance|risk|audit|legal|quality|creative|department|fp&a|"
    r"communications|training|learning|instructional|curriculum|fleet|depot|distribution"
)
# The nouns a job title ends with.
_ROLE = (
    r"engineer|developer|manager|architect|analyst|designer|scientist|director|consultant|"
    r"lead|officer|administrator|specialist|programmer|sre|executive|nurse|teacher|"
    r"controller|accountant|supervisor|coordinator|planner|representative|rep|partner|"
    r"assistant|technician|head|strategist|researcher|editor|copywriter|recruiter|adviser|advisor|"
    r"auditor|buyer|trainer|tutor|lecturer|leader|operative|clerk|agent|therapist|"
    r"practitioner|midwife|pharmacist|paramedic|registrar"
)
_ROLE_CAPS = "|".join(w.capitalize() for w in _ROLE.split("|") if w != "sre")
_TITLE_OPENERS = "The|Our|My|Their|His|Her|A|An|As|At|In|On|When|Then|So|And|But|I|We|Dear|Hi"
_TITLE = re.compile(
    rf"\b(?:(?:{_SENIORITY})\s+(?:(?:{_DOMAIN})\s+){{0,2}}(?:{_ROLE})s?"
    rf"|(?:(?:{_DOMAIN})\s+){{1,2}}(?:{_ROLE})s?"
    rf"|(?:head|director|vp|vice president) of [a-z]+|cto|ceo|cfo|coo|vp engineering"
    # A capitalised run that ends in a role noun is a title whatever its field:
    # "Clinical Nurse Specialist", "Head Chef" is not, "Night Shift Team Leader" is.
    rf"|(?-i:(?:(?!(?:{_TITLE_OPENERS})\b)[A-Z][a-z]+[ \t]+){{1,3}}(?:{_ROLE_CAPS})s?))\b",
    re.I,
)
# A title told as one's own role: "as contracts director", "I was a lecturer". What
# follows "as" or "I was a" and ends in a role noun is a title whatever its field.
_AS_TITLE = re.compile(
    rf"\b(?:as|i['’]?m|i am|i was|i['’]?ve been|promoted to|worked as|joined as|hired as)\s+"
    rf"(?:an?\s+|the\s+|our\s+)?(?P<title>(?:(?!(?:and|or|but|with|for|to|the|a|an|not|also|"
    rf"just|still|then|now|about|able|going|many|much|well|long|soon|far|few|"
    rf"{'|'.join(_NUMBER_WORDS)})\b|[a-z]+(?:ed|ing)\b)"
    rf"[a-z][a-z&-]+\s+){{0,2}}?(?:{_ROLE})s?)\b",
    re.I,
)
# Words that describe the holder, not the post: "a qualified nurse" is a nurse.
_NOT_TITLE_WORDS = frozenset(
    ["qualified", "registered", "certified", "chartered", "experienced", "trained", "new", "former", "current", "full-time", "part-time", "permanent", "temporary", "acting", "interim"])


# Every title holds one of these words: the title patterns only run near one (a resume is
# long, and the patterns are slow to try at every word).
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE}|vp|vice president|cto|ceo|cfo|coo)s?\b", re.I)


def _form_titles(text: str) -> list[tuple[str, tuple[int, int]]]:
    found: dict[tuple[int, int], str] = {}
    done = -1
    for hit in _ROLE_WORD.finditer(text):
        if hit.end() <= done:
            continue
        start = max(0, hit.start() - 80)
        if start:
            start = text.find(" ", start, hit.start()) + 1 or hit.start()
        end = min(len(text), hit.end() + 40)
        for m in _TITLE.finditer(text, start, end):
            a, b = m.span()
            if not any(x <= a < y or x < b <= y for x, y in found):
                found[(a, b)] = m.group(0)
        done = end
    return sorted(((t, span) for span, t in found.items()), key=lambda t: t[1])


@lru_cache(maxsize=256)
def role_titles(text: str) -> tuple[tuple[str, tuple[int, int]], ...]:
    """Every job title in ``text`` with its span: by its form, or told as one's own role."""
    found = _form_titles(text)
    for m in _AS_TITLE.finditer(text):
        start, end = m.span("title")
        if not any(a < end and start < b for _, (a, b) in found):
            found.append((m.group("title"), (start, end)))
    return tuple(sorted(found, key=lambda t: t[1]))


_PIECE = r"(?:[A-Z][\w&'’.-]*\w|[A-Z])"
_CAPITALISED = re.compile(rf"{_PIECE}(?:(?:[ \t]+(?:of|and|&|de|la)[ \t]+|[ \t]+){_PIECE})*")
_NAME_PIECE = re.compile(_PIECE)
_CONNECTORS = {"of", "and", "&", "de", "la"}
# Capitalised words that are never a factual claim on their own.
_GENERIC_CAPS = (
    "i i'm i've i'd i'll ok okay star api apis ui ux ci cd faq pr prs qa eta kpi kpis okr okrs "
    "sla slas slo slos id ids url urls http json am pm tl dr tldr"
)
_NOT_NAMES = frozenset(f"{_GENERIC_CAPS} {_MONTH_NAMES} {_DAY_NAMES}".split())
# Words that often open a sentence in front of a real name ("At Parcelwise ...").
_OPENER_WORDS = (
    "the a an at in on our my we this that these those after before when while then so but and "
    "as for with from by during last next every each both there here it if once since because "
    "although though also later first"
)
_OPENERS = frozenset(_OPENER_WORDS.split())
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n•*][\])\"'”’]*|\s-)\s*[\"'“‘(\[]*\s*$")


def _value(match: re.Match[str]) -> float:
    raw = match.group("num").lower()
    if re.fullmatch(r"[a-z]+[- ][a-z]+", raw):  # "twenty-five"
        tens, ones = re.split(r"[- ]", raw)
        value = _NUMBER_WORDS[tens] + (1.0 if ones == "one" else _NUMBER_WORDS[ones])
    else:
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw.replace(",", ""))
    if match.group("scale"):
        value *= _SCALES[match.group("scale").lower()]
    return round(value, 6)


def _kind(match: re.Match[str]) -> str:
    if match.group("pct"):
        return "pct"
    return "money" if match.group("money") else "num"


def _numbers(text: str) -> list[tuple[str, str, float, tuple[int, int]]]:
    found = []
    for m in _NUMBER.finditer(text):
        found.append((m.group(0).strip(), _kind(m), _value(m), m.span()))
    return found


def _title_words(title: str) -> frozenset[str]:
    words = re.findall(
        r"[a-z]+", title.lower().replace("back-end", "backend").replace("front-end", "frontend")
    )
    canon = {"sr": "senior", "jr": "junior"}
    return frozenset(canon.get(w, w).rstrip("s") if len(w) > 3 else canon.get(w, w) for w in words
                     if w not in _NOT_TITLE_WORDS)


def _is_sentence_start(text: str, pos: int) -> bool:
    # Only the few characters before ``pos`` matter; "x" stops "^" matching mid-text.
    window = text[:pos] if pos <= 16 else "x" + text[pos - 16:pos]
    return bool(_SENTENCE_START.search(window))


def _name_like(token: str, text: str) -> bool:
    """Whether a sentence-initial capitalised token is a name rather than a common word."""
    if re.search(r"[A-Z].*[A-Z]|\d", token[1:]) or (token.isupper() and len(token) > 1):
        return True
    # The same word capitalised mid-sentence elsewhere is a name used consistently.
    for m in re.finditer(rf"\b{re.escape(token)}\b", text):
        if not _is_sentence_start(text, m.start()):
            return True
    return False


def _names(text: str, masked: list[tuple[int, int]]) -> list[tuple[str, int]]:
    names = []
    for m in _CAPITALISED.finditer(text):
        if any(a <= m.start() < b for a, b in masked):
            continue
        pieces = [(p.group(0), m.start() + p.start()) for p in _NAME_PIECE.finditer(m.group(0))]
        if _is_sentence_start(text, m.start()):
            first, _ = pieces[0]
            lower = first.lower()
            if (
                lower in _OPENERS
                or lower.endswith("ly")
                or (len(pieces) == 1 and not _name_like(first, text))
            ):
                pieces = pieces[1:]
        pieces = [(p, at) for p, at in pieces if p.lower().rstrip("'’s") not in _NOT_NAMES
                  and not any(a <= at < b for a, b in masked)]  # "As Head of Sales I"
        if not pieces:
            continue
        start = pieces[0][1]
        end = pieces[-1][1] + len(pieces[-1][0])
        name = re.sub(r"['’]s$", "", text[start:end]).strip(" .-")
        if name and name.lower() not in _NOT_NAMES:
            names.append((name, start))
    return names


def _word_in(word: str, haystack: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", haystack) is not None


def claims(text: str) -> list[tuple[str, str]]:
    """Every checkable claim in ``text`` as (kind, text), in order: number, title or name."""
    found: list[tuple[int, str, str]] = []
    titles = role_titles(text)
    numbers = _numbers(text)
    masked = [span for _, span in titles] + [n[3] for n in numbers]
    found += [(span[0], "title", t) for t, span in titles]
    found += [(span[0], "number", raw) for raw, _, _, span in numbers]
    found += [(pos, "name", name) for name, pos in _names(text, masked)]
    return [(kind, claim) for _, kind, claim in sorted(found)]


def find_ungrounded(text: str, sources: list[str]) -> list[str]:
    """The claims in ``text`` that appear in none of ``sources``, in order, without repeats.

    Numbers match by value and meaning ("4 million", "4,000,000" and "4M" are equal; a
    percentage needs a percentage; "22%" does not vouch for "22 engineers"), names in any
    case (each word of a multi-word name must appear), titles when their words all occur
    in one title of the sources, and fact-changing words ("halved") need their like.
    ``claims.check_claims`` gives each with its kind and span.
    """
    from interview_tui.services.claims import check_claims

    ungrounded: list[str] = []
    seen: set[str] = set()
    for claim in check_claims(text, sources):
        if claim.text.lower() not in seen:
            seen.add(claim.text.lower())
            ungrounded.append(claim.text)
    return ungrounded
