"""Claims with their meaning: a number with what it counts, fact-changing words, names.

``grounding.claims`` finds the checkable tokens of a text; this module reads each with
the words that give it meaning, so a source only vouches for a claim that says the same
thing: "22%" is not "22 engineers", "4 million a day" is not "4 million an hour",
"3 junior engineers" is not "3 senior engineers", and "halved" needs a halving (or 50%)
in a source. Employers and products are found wherever they sit in a sentence and in any
case ("Stripe recruited me", "at google"). ``check_claims`` returns each unsupported claim
with its kind and its span in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from interview_tui.services.coach.answer_signals import content_stems
from interview_tui.services.grounding import _NUMBER, _names, _title_words, _value, role_titles
from interview_tui.services.known_names import ALIASES, KNOWN_NAMES

_RATE = re.compile(
    r"^\s*(?:a|an|per|each|every|/)\s*(second|sec|minute|min|hour|hr|day|week|month|quarter|"
    r"year)\b|^\s*(daily|weekly|monthly|hourly|yearly|annually|nightly)\b",
    re.I,
)
_RATE_NAMES = {"sec": "second", "min": "minute", "hr": "hour", "daily": "day", "nightly": "day",
               "weekly": "week", "monthly": "month", "hourly": "hour", "yearly": "year",
               "annually": "year"}
_UNIT_NAMES = {"ms": "millisecond", "milliseconds": "millisecond", "millisecond": "millisecond",
               "s": "second", "secs": "second", "sec": "second", "seconds": "second",
               "mins": "minute", "min": "minute", "minutes": "minute", "hrs": "hour",
               "hr": "hour", "hours": "hour", "days": "day", "weeks": "week", "months": "month",
               "years": "year", "yrs": "year", "yr": "year", "quarters": "quarter",
               "sprints": "sprint"}
_MODIFIERS = frozenset(
    ["phd", "msc", "mba", "bsc", "masters", "undergraduate", "postgraduate", "graduate",
     "doctoral", "apprentice", "trainee", "senior", "junior", "staff", "principal", "lead", "new", "existing", "other", "more", "fewer", "additional", "extra", "full-time", "part-time", "contract", "external", "internal"])
_SENIORITY = frozenset(["senior", "junior", "staff", "principal", "lead"])
# Kinds of student or graduate: "3 PhD students" is not "3 MSc students".
_LEVELS = frozenset(["phd", "msc", "mba", "bsc", "ba", "ma", "masters", "undergraduate",
                     "postgraduate", "graduate", "doctoral", "apprentice", "trainee"])
_DISTINCT = _SENIORITY | _LEVELS
_SKIP = frozenset(["of", "the", "a", "an", "our", "my", "their", "its", "more", "than", "over", "about", "around", "nearly", "almost", "roughly", "some"])
_PEOPLE = frozenset(["team", "engineer", "developer", "people", "person", "report", "member", "staff", "hire", "headcount", "junior", "senior"])
_GROUPS = frozenset(["team", "people", "person", "report", "member", "staff", "hire", "headcount"])
_STOP = frozenset(["and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "that", "which", "who", "was", "were", "is", "are", "it", "we", "i", "so", "as", "but", "then", "them", "they", "those", "these", "us", "me", "you", "he", "she", "within", "whom", "whose", "after", "before", "once", "when", "while", "since", "until", "during", "because", "if", "than", "into", "onto", "across", "over", "under", "through", "between", "where"])
_CURRENCY_AFTER = re.compile(
    r"\s*(?:pounds?|euros?|dollars?|usd|eur|gbp|quid|bucks|sterling)\b", re.I)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|to|until|till)\s*"
                         r"(?:[A-Za-z]{3,9}\.?\s+)?((?:19|20)\d\d)\b")  # "Jan 2019 - Mar 2023"
_RANGE = re.compile(r"\s*(?:(?:a|an|per|each)\s+\w+\s+)?(?:to|-|–)\s*", re.I)
_CHANGE_VERB = re.compile(r"(?:[a-z]+ed|fell|went|grew|cut|rose|down|up|shrank|brought|took)$")


def _counted_before(before: str) -> tuple[str, str]:
    """(noun, rate) of "pages per week dropped from" just before a range's first number."""
    words = re.findall(r"[A-Za-z][\w-]*", before.split(".")[-1])
    if len(words) < 2 or words[-1].lower() != "from":
        return "", ""
    words = [w.lower() for w in words[:-1]]
    rate = ""
    while words and (_CHANGE_VERB.match(words[-1]) or words[-1] in ("time", "count", "number")):
        words.pop()
    if len(words) >= 3 and words[-2] in ("per", "a", "an", "each"):
        rate = _RATE_NAMES.get(words[-1], words[-1])
        words = words[:-2]
    if not words or words[-1] in _STOP or words[-1] in _SKIP:
        return "", rate
    if len(words) >= 2 and words[-2] in _RATE_NAMES:
        rate = rate or _RATE_NAMES[words[-2]]  # "monthly downtime"
    return _noun(words[-1]), rate
# Words that change a fact: each is supported by the same word or by an equivalent number.
FACT_WORDS: dict[str, tuple[str, ...]] = {
    "halved": ("halved", "half", "50%", "50 percent"),
    "doubled": ("doubled", "twice", "2x", "100%", "two times"),
    "tripled": ("tripled", "three times", "3x", "200%"),
    "quadrupled": ("quadrupled", "four times", "4x", "300%"),
    "tenfold": ("tenfold", "10x", "ten times"),
}
_DEGREE = re.compile(r"\b(?:PhD|Ph\.D\.?|MSc|M\.Sc\.?|BSc|B\.Sc\.?|MBA|MEng|BEng|BA|MA|"
                     r"doctorate|master'?s degree|bachelor'?s degree)\b")
# Verbs that claim to have been in charge: a source about the same work must say so too.
_LEAD = re.compile(r"\b(?:led|headed|spearheaded|owned|architected|founded|directed|managed)\b",
                   re.I)
_LEAD_FAMILY = re.compile(r"\b(?:led|lead|leading|head(?:ed)?|spearheaded|own(?:ed|s)?|"
                          r"architected|founded|directed|manag(?:e|ed|es|ing)|ran|run|"
                          r"in charge)\b", re.I)
_HELPED = re.compile(r"\b(?:helped|assisted|supported|contributed|participated|joined|"
                     r"worked (?:on|with)|was part of)\b", re.I)
_KNOWN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(KNOWN_NAMES, key=len, reverse=True))
    + r")(?![\w-])")
_FACT = re.compile(r"\b(?:halved|cut (?:it |them )?in half|by half|doubled|tripled|quadrupled|"
                   r"tenfold|10x)\b", re.I)
_FACT_KEY = {"cut in half": "halved", "by half": "halved", "10x": "tenfold"}


@dataclass(frozen=True)
class Claim:
    """One checkable claim and where it sits in its text."""

    kind: str  # number | fact | title | employer | name
    text: str
    start: int
    end: int
    value: float | None = None
    measure: str = ""  # pct | money | num
    unit: str = ""  # a time unit: "minute", "millisecond"
    counts: str = ""  # the thing counted: "engineer", "event"
    modifiers: frozenset[str] = frozenset()
    rate: str = ""  # "day" in "4 million a day"
    served: str = ""  # "retail client" in "20 sites for retail clients"

    def as_dict(self) -> dict[str, object]:
        """The claim for JSON output."""
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


def _noun(word: str) -> str:
    w = word.lower().strip(".,;:!?()\"'")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ss|x|ch|sh)es$", w):
        return w[:-2]
    return w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w


def _object_after(text: str, end: int) -> tuple[frozenset[str], str, str, int]:
    """(modifiers, counted noun, rate, end) from the words after a number."""
    mods: set[str] = set()
    nouns: list[str] = []
    pos = end
    for m in re.finditer(r"[A-Za-z][\w-]*", text[end:end + 60]):
        word = m.group(0).lower()
        gap = text[pos:end + m.start()]
        if re.search(r"[.;:!?,\n]|\s-\s|^-", gap) or len(nouns) >= 2 or _RATE.match(text[pos:]):
            break
        if word in _MODIFIERS:
            mods.add(word)
        elif word in _SKIP and not nouns:
            pass
        elif word in _STOP or _RATE.match(f" {word}") or word in ("a", "an", "per"):
            break
        else:
            nouns.append(_noun(word))
        pos = end + m.end()
    counted = " ".join(nouns)
    rate = _RATE.match(text[pos:pos + 20])
    if rate:
        name = (rate.group(1) or rate.group(2)).lower()
        return frozenset(mods), counted, _RATE_NAMES.get(name, name), pos + rate.end()
    return frozenset(mods), counted, "", pos


_FOR = re.compile(r"\s+(?:for|used by|serving)\s+((?:[A-Za-z][\w-]*\s*){1,3})")


def _served(text: str, pos: int) -> str:
    """Who a count was for: "20 sites for retail clients" -> "retail client"."""
    m = _FOR.match(text[pos:pos + 50])
    if not m:
        return ""
    words = []
    for word in m.group(1).lower().split():
        if word in _STOP or word in _SKIP:
            break
        words.append(_noun(word))
    return " ".join(words)


def _number_claims(text: str) -> list[Claim]:
    found: list[Claim] = []
    matches = list(_NUMBER.finditer(text))
    for m in matches:
        raw = m.group(0).strip()
        if not raw or re.match(r"[A-Za-z]", text[m.end():m.end() + 1] or " "):
            continue  # "p99", "Q3", "EC2"
        if m.start() > 0 and re.match(r"[A-Za-z]", text[m.start() - 1]):
            continue
        measure = "pct" if m.group("pct") else "money" if m.group("money") else "num"
        if measure == "num" and not m.group("unit") and _CURRENCY_AFTER.match(text, m.end()):
            measure = "money"  # "1.4 million pounds" is "£1.4m"
        unit = _UNIT_NAMES.get((m.group("unit") or "").lower(), (m.group("unit") or "").lower())
        mods, counted, rate, after = _object_after(text, m.end())
        compound = re.match(r"-([A-Za-z][a-z]+)", text[m.end():])
        if compound and not unit:
            counted = _noun(compound.group(1))  # "a 4-storey block" counts storeys
        served = _served(text, after) if counted else ""
        if counted.split()[:1] in (["x"], ["times"]):
            measure, counted = "times", ""
        value = _value(m)
        if measure == "num" and not unit and value.is_integer() and 1950 <= value <= 2100:
            counted = ""  # a year
        found.append(Claim("number", raw, m.start(), m.start() + len(raw), value, measure,
                           unit, "" if unit or measure == "pct" else counted, mods, rate,
                           served))
    # "pages per week from 35 to 9": both numbers count pages, per week.
    for i, c in enumerate(found):
        if c.counts or c.measure == "pct":
            continue
        counted, rate = _counted_before(text[max(0, c.start - 50):c.start])
        if counted or rate:
            found[i] = replace(c, counts="" if c.unit else counted, rate=c.rate or rate)
    # "from 35 to 22 minutes": each end of a range measures what the other does.
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if _RANGE.fullmatch(text[a.end:b.start]):
            both = " ".join(dict.fromkeys(f"{a.counts} {b.counts}".split()))
            found[i] = replace(a, measure=a.measure if a.measure != "num" else b.measure,
                               unit=a.unit or b.unit, counts=both, rate=a.rate or b.rate)
            a = found[i]
            found[i + 1] = replace(b, unit=b.unit or a.unit, counts=both,
                                   rate=b.rate or a.rate)
    team = re.compile(r"\bteam of\s+$", re.I)
    out = []
    for c in found:
        if team.search(text[max(0, c.start - 10):c.start]):
            c = replace(c, counts=f"team {c.counts}".strip())
        if c.measure == "num" and not c.unit and c.value is not None and c.value.is_integer() \
                and 1950 <= c.value <= 2100:
            c = replace(c, counts="", rate="")  # a year
        out.append(c)
    return out


def _name_claims(text: str, masked: list[tuple[int, int]]) -> list[Claim]:
    found = [Claim("name", name, pos, pos + len(name)) for name, pos in _names(text, masked)]
    taken = [(c.start, c.end) for c in found]
    for m in _KNOWN.finditer(text.lower()):
        if not any(a <= m.start() < b for a, b in taken + masked):
            found.append(Claim("employer", text[m.start():m.end()], m.start(), m.end()))
            taken.append(m.span())
    return [Claim("employer", c.text, c.start, c.end) if c.text.lower() in KNOWN_NAMES else c
            for c in found]


@lru_cache(maxsize=256)
def extract_claims(text: str) -> tuple[Claim, ...]:
    """Every checkable claim in ``text``, in order of position (a resume is read once)."""
    titles = [Claim("title", t, *span) for t, span in role_titles(text)]
    titles += [Claim("title", m.group(0), *m.span()) for m in _DEGREE.finditer(text)]
    numbers = _number_claims(text)
    facts = [Claim("fact", m.group(0), *m.span()) for m in _FACT.finditer(text)]
    facts += [Claim("role", m.group(0), *m.span()) for m in _LEAD.finditer(text)]
    masked = [(c.start, c.end) for c in titles + numbers + facts]
    names = _name_claims(text, masked)
    return tuple(sorted(titles + numbers + facts + names, key=lambda c: (c.start, c.kind)))


def _same_noun(a: str, b: str) -> bool:
    """Whether two counted phrases ("carrier event", "event") count the same thing."""
    left, right = set(a.split()), set(b.split())
    if (left & right) - _GROUPS:
        return True
    if left - _GROUPS and right - _GROUPS:
        return False  # "5 engineers" is not "a team of 5 accountants"
    return bool(left & right) or bool(left & _PEOPLE and right & _PEOPLE)


def _counted_nearby(c: Claim, s: Claim, sources: tuple[Claim, ...], joined: str) -> bool:
    """Whether the source line holding number ``s`` names what claim ``c`` counts, and no
    other number there counts it: "a chain of 120 gyms" against "(gym chain, 120 clubs)",
    but not "6 storeys" against "6 schemes, the largest a 4-storey block"."""
    if not joined:
        return False
    start = max(joined.rfind("\n", 0, s.start), joined.rfind(";", 0, s.start)) + 1
    ends = [i for i in (joined.find("\n", s.start), joined.find(";", s.start)) if i >= 0]
    end = min(ends) if ends else len(joined)
    nouns = {_noun(w) for w in re.findall(r"[A-Za-z][\w-]*", joined[start:end])}
    taken = {w for o in sources if start <= o.start < end and o.value != c.value
             for w in o.counts.split()}
    return bool(set(c.counts.split()) & (nouns - taken))


def _years_between(c: Claim, joined: str) -> bool:
    """A span of years the sources give as a range: "for six years" from "2015-2021"."""
    return c.unit == "year" and c.value is not None and any(
        int(m.group(2)) - int(m.group(1)) == c.value for m in _YEAR_RANGE.finditer(joined))


def _number_supported(c: Claim, sources: tuple[Claim, ...], joined: str = "") -> bool:
    if _years_between(c, joined):
        return True
    for s in sources:
        if s.kind != "number" or s.value != c.value:
            continue
        if (c.measure == "pct") != (s.measure == "pct") or (c.measure == "money") != (
                s.measure == "money"):
            continue
        if c.unit and s.unit and c.unit != s.unit:
            continue
        if c.unit and not s.unit and s.counts and c.unit not in s.counts.split():
            continue
        if s.unit and not c.unit and c.counts:
            continue
        measured = c.unit or s.unit or c.measure != "num"  # the unit says what it is
        if not measured and c.counts and not (
                s.counts and _same_noun(c.counts, s.counts)) and not _counted_nearby(
                c, s, sources, joined):
            continue
        if c.rate and c.rate != s.rate:
            continue
        if (c.modifiers & _DISTINCT) - s.modifiers:
            continue
        if c.served and s.served and not _same_noun(c.served, s.served) and not any(
                a.startswith(b) or b.startswith(a) for a in c.served.split()
                for b in s.served.split()):
            continue  # "sites for banks" is not "sites for retail clients"
        return True
    return False


def _spelled_out(acronym: str, lowered: str) -> bool:
    """Whether an acronym ("ARR") is the initials of words in a row in the sources
    ("annual recurring revenue"), small joining words aside."""
    if not re.fullmatch(r"[A-Z]{2,6}s?", acronym):
        return False
    letters = acronym.rstrip("s").lower()
    words = [w for w in re.findall(r"[a-z][\w-]*", lowered) if w not in ("of", "and", "&")]
    initials = "".join(w[0] for w in words)
    return letters in initials and any(
        "".join(w[0] for w in words[i:i + len(letters)]) == letters
        for i in range(len(words) - len(letters) + 1))


def _text_has(name: str, lowered: str) -> bool:
    options = {name.lower(), *ALIASES.get(name.lower(), ())}
    return any(re.search(rf"(?<![\w]){re.escape(o)}(?![\w])", lowered) for o in options)


def is_supported(c: Claim, source_claims: tuple[Claim, ...], joined: str) -> bool:
    """Whether the sources (their claims and their lower-cased text) back ``c``."""
    lowered = joined.lower()
    if c.kind == "number":
        return _number_supported(c, source_claims, joined)
    if c.kind == "fact":
        key = _FACT_KEY.get(" ".join(c.text.lower().split()), c.text.lower())
        key = "halved" if "half" in key else key
        return any(_text_has(w, lowered) for w in FACT_WORDS.get(key, (key,)))
    if c.kind == "role":
        return True  # read with its sentence in ``check_claims``
    if c.kind == "title":
        words = _title_words(c.text)
        return _text_has(c.text, lowered) or any(
            words <= _title_words(t) for t, _ in role_titles(joined))
    if _text_has(c.text, lowered) or _spelled_out(c.text, lowered):
        return True
    parts = [w for w in re.split(r"\s+", c.text) if w.lower() not in {"of", "and", "&", "de"}]
    return len(parts) > 1 and all(_text_has(w, lowered) for w in parts)


def _about_same_work(sentence: str, joined: str) -> list[str]:
    """The source lines about the same work as ``sentence`` (two content words shared)."""
    stems = content_stems(sentence)
    lines = re.split(r"[\n;]|(?<=[.!?])\s", joined)
    return [ln for ln in lines if len(content_stems(ln) & stems) >= 2]


# "our product director", "the engineering manager", "a senior engineer on my team": a
# title with a determiner in front names someone else, unless it is told as one's own role
# ("I was the team lead", "as a staff engineer", "promoted to the head of data").
_OTHERS_TITLE = re.compile(
    r"\b(?:our|their|his|her|the|my|your|its|whose|a|an|this|that|every|each|no)\s+"
    r"(?:(?:new|former|then|own|acting|interim|current)\s+)?$", re.I)
_OWN_TITLE = re.compile(
    r"\b(?:as|i['’]?m|i am|i was|i['’]?ve been|i have been|i became|i had been|promoted to|"
    r"hired as|joined as|worked as|role as|position (?:as|of)|job as|title (?:is|was|of)|"
    r"moved up to|stepped up to|step up as)\s+(?:\w+\s+)?$", re.I)


def _someone_elses(text: str, c: Claim) -> bool:
    """Whether title ``c`` names another person's job, not the candidate's."""
    before = text[max(0, c.start - 40):c.start]
    det = _OTHERS_TITLE.search(before)
    return det is not None and not _OWN_TITLE.search(before[:det.start()] + " ")


def check_claims(text: str, sources: list[str]) -> list[Claim]:
    """The claims in ``text`` that no source supports, in order, each with its span. A job
    title is a claim only when it is the candidate's own; "our product director" is not."""
    joined = "\n".join(s for s in sources if s)
    source_claims = extract_claims(joined)
    flagged = []
    for c in extract_claims(text):
        if c.kind == "title" and not _DEGREE.fullmatch(c.text) and _someone_elses(text, c):
            continue
        if c.kind == "role":
            sentence = _sentence_at(text, c.start)
            same = _about_same_work(sentence, joined)
            # Inflated only when the sources describe this work and never put you in charge.
            ok = not same or any(_LEAD_FAMILY.search(ln) for ln in same) or not any(
                _HELPED.search(ln) for ln in same)
        else:
            ok = is_supported(c, source_claims, joined)
        if not ok:
            flagged.append(c)
    return flagged


def _sentence_at(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]
