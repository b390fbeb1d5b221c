"""Deterministic signals read from an answer's text (the judge builds its score on them).

Everything here is plain pattern matching: STAR parts by cue words and position, numbers
and outcomes, "I" versus "we", filler and hedging, length, and word overlap with the
question, the job description and the resume. No model, no randomness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interview_tui.services.text import speaking_seconds, word_count

STAR_PARTS = ("situation", "task", "action", "result")

_STOP_WORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during each
    few for from further get got had has have having he her here hers him his how i if in into
    is it its itself just let me more most my myself no nor not now of off on once only or other
    our ours out over own really same she should so some such than that the their theirs them
    then there these they this those through to too under until up us very was we were what
    when where which while who whom why will with would you your yours yourself one two three
    tell time describe walk give example happened make made way thing things lot well
    something someone like going want wanted know think yeah okay sure much many even still
    able us get gets whole kind sort bit right lets let's i'm i've i'd we're we've it's that's
    don't didn't couldn't wasn't weren't"""
_STOP = frozenset(_STOP_WORDS.split())
# Words every job description uses; matching them says nothing about fit.
_JD_GENERIC_WORDS = """team teams customer customers support work working lead build building
    experience years strong clear product own partner improve design operate hiring engineer
    engineers engineering senior backend role company join looking"""
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

_SCALE = r"(?:\s?(?:k|m|bn|million|billion|thousand|hundred)\b)?"
_QUANTITY = re.compile(
    r"(?:[$£€]\s?\d[\d,]*(?:\.\d+)?" + _SCALE + r")"
    r"|(?:\b\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per cent\b))"
    r"|(?:\b\d[\d,]*(?:\.\d+)?\s?x\b)"
    r"|(?:\b\d[\d,]*(?:\.\d+)?" + _SCALE + r"(?:\s?[a-zA-Z][\w-]*)?)"
    r"|(?:\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousands|millions|dozen|dozens)\s+[a-z][\w-]*)"
    r"|(?:\b(?:doubled|tripled|halved|tenfold|twofold|threefold)\b)",
    re.I,
)
_YEAR = re.compile(r"^(?:19|20)\d\d(?:\s+(\S+))?$")

_FILLERS = re.compile(
    r"\b(?:um+|uh+|erm+|er|ah+|hmm+|basically|literally|actually|honestly|i mean|so yeah|"
    r"and stuff|or whatever|stuff like that|you know(?!\s+(?:what|how|that|the|why|when|where|if|who)))\b"
    r"|(?:^|\b(?:and|so|but|was|were|it's|it was|just))\s*like\b(?!\s+(?:to|a|an|the|this|that|it)\b)"
    r"|\blike,",
    re.I | re.M,
)
_HEDGES = re.compile(
    r"\b(?:i think|i guess|i feel like|i suppose|i believe|i'd say|maybe|perhaps|sort of|"
    r"kind of|probably|possibly|hopefully|somewhat|more or less|not sure|if i remember|"
    r"i'm not sure|might have|could have|a little bit|a bit)\b",
    re.I,
)
_HEDGE_I = re.compile(r"\bi (?:think|guess|feel like|suppose|believe|mean|'d say)\b", re.I)
_VAGUE = re.compile(
    r"\b(?:things|stuff|a lot|lots|various|generally|usually|always|etc|everything|whatever|"
    r"somehow|in general|typically|overall|good|better|fine|nice|some)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    # "we'd been paying", "we'd just launched": 'd before a past participle is "had".
    # "which we would otherwise have expected" is a past counterfactual, not a plan.
    r"\b(?:(?:i|we) would(?! (?:otherwise |then |probably |certainly )?have\b)|"
    r"(?:i|we)['’]d(?! like| (?:been|just|already|never|had|done|gone|seen|"
    r"made|built|taken|given|got|run|sent|lost|spent|told)\b| (?!(?:need|proceed|succeed|exceed|"
    r"feed|speed|embed)\b)\w+ed\b)|(?:i|we) (?:usually|always|generally|typically|"
    r"normally|tend to|try to)|you would|you'd|you should|you need to|you have to|it's important to|"
    r"it is important to)\b",
    re.I,
)
_REASONING = re.compile(
    r"\b(?:because|so that|trade-?offs?|instead of|rather than|the downside|the risk|"
    r"which meant|in order to|depends on|versus|vs\.?|the reason|weighed|alternative)\b",
    re.I,
)
_SEQUENCE = re.compile(r"\b(?:first|firstly|second|secondly|then|next|finally|after that)\b", re.I)
_FIRST_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|i’m|i’ve|me|my|myself)\b", re.I)
_FIRST_PLURAL = re.compile(r"\b(?:we|we're|we've|we'd|we'll|we’re|we’ve|us|our|ourselves)\b", re.I)

_SITUATION = re.compile(
    r"\b(?:when i was|at my (?:last|previous|current|old) (?:job|company|role|team|employer)|"
    r"at the time|back in|last year|a few (?:years|months) ago|in (?:19|20)\d\d|we had|"
    r"there was|there were|our (?:team|service|system|product|company|customers?|platform)|"
    r"the (?:problem|issue|context|background|situation) was|(?:was|were) (?:struggling|failing|"
    r"slow|broken|losing|missing|growing)|had been|i was working|i joined|i was on|"
    r"was a monolith|customers? (?:complained|were)|^at [A-Z]\w+)",
    re.I,
)
_TASK = re.compile(
    r"\b(?:my (?:goal|job|task|role|responsibility|remit|brief) was|i was (?:responsible|asked|"
    r"tasked|in charge|accountable|brought in|given)|i needed to|i had to|we needed to|"
    r"we had to|the (?:goal|aim|challenge|task|target|deadline|ask) was|i owned|"
    r"i took ownership|i volunteered|i offered|needed to (?:find|figure|fix|get|make|reduce|"
    r"improve|deliver|cut))\b",
    re.I,
)
_ACTION_VERBS = (
    r"[a-z]+ed|built|wrote|rewrote|led|ran|made|set|took|spoke|met|drove|brought|chose|found|"
    r"gave|began|broke|sent|taught|kept|held|split|cut|put|went|did|sat|paid|dug|caught|won|"
    r"sold|shipped|dealt|got|began|sought|fought|thought through|read|fixed|moved|pushed|pulled"
)
_NOT_ACTION = frozenset(
    {"needed", "wanted", "hoped", "liked", "loved", "learned", "seemed", "used"}
)
_ACTION = re.compile(
    r"\b(?:i|we)\s+(?:also\s+|then\s+|first\s+|personally\s+|quickly\s+|eventually\s+|"
    r"immediately\s+|carefully\s+|myself\s+)?(" + _ACTION_VERBS + r")\b",
    re.I,
)
_RESULT = re.compile(
    r"\b(?:as a result|the result|resulted|in the end|ended up|at the end|outcome|which meant|"
    r"this meant|that meant|led to|went from|down from|up from|no longer|never again|"
    r"(?:got|was|were) promoted|on time|under budget|learn(?:ed|t)|lesson|zero|"
    r"(?<!to )(?:reduced|increased|improved|cut|saved|dropped|fell|grew|doubled|tripled|halved|"
    r"lowered|raised|boosted|shrank|sped up|stopped|eliminated|launched|shipped|delivered|"
    r"adopted|recogni[sz]ed|praised)|(?:was|were|is|are|got|became|came out) (?:\w+ )?"
    r"(?:lower|higher|fewer|faster|shorter|cheaper|smaller|quicker))\b"
    r"|\bfrom \S+(?: \w+)? to \d"
    # A target met or beaten, in any trade: "113% of target", "finished the quarter at".
    r"|\b\d+(?:\.\d+)?% of (?:the |my |our )?(?:target|quota|plan|budget)\b"
    r"|\b(?:hit|met|beat|exceeded|passed) (?:the |my |our |its )?(?:target|quota|inspection|"
    r"audit|exam)s?\b",
    re.I,
)
_SCOPE_L5B = re.compile(
    r"\b(?:across (?:the )?(?:org|organi[sz]ation|company|teams|departments)|multiple teams|"
    r"several teams|other teams|cross-team|(?:two|three|four|five|\d+) (?:\w+ )?teams|"
    r"company-?wide|org-?wide|"
    r"roadmap|strategy|strategic|vision|standards?|set the direction|influenced|hired|hiring|"
    r"headcount|long-term|multi-year|architecture|leadership|"
    # The same reach outside software: a whole department, service or board.
    r"(?:across|for) (?:the )?(?:whole |entire )?(?:department|school|ward|trust|group|business|"
    r"council|region|service|chain|site)s?|department-?wide|(?:the|our) board|policy|"
    r"(?:has|have) since adopted)\b",
    re.I,
)
_SCOPE_L5A = re.compile(
    r"\b(?:led|lead|owned|ownership|designed|drove|mentored|mentoring|coached|proposed|"
    r"initiated|end[- ]to[- ]end|on-call|rotation|migration|prioriti[sz]ed|trade-?offs?|"
    r"stakeholders?|postmortem|incident|rollout|review|"
    # Owning work beyond one's own tasks in any field.
    r"supervis(?:e|ed|ing)|in charge of|running (?:the|a|shifts?)|ran (?:the|a|shifts?)|"
    r"managed (?:a|the|my)|manage (?:a|the) team|(?:a )?team of \d+|trained (?:the|new|staff|"
    r"two|three|four|five|\d+)|set up (?:a|the)|introduced|contingency plan|escalat(?:e|ed|ion)|"
    r"key accounts?|accounts? worth|caseload|duty manager|shift (?:leader|manager)|team leader|"
    # Changing how the team works, the equivalent of a postmortem's follow-up.
    r"(?:changed|updated|rewrote|added (?:\w+ ){1,3}to) (?:the|our) (?:\w+ )?(?:process|"
    r"procedure|checklist|handover(?: sheet)?|rota|settings|form|guidance))\b",
    re.I,
)
_BEHAVIOURAL_Q = re.compile(
    r"\b(?:tell me about|describe a|give me an example|a time (?:you|when)|walk me through a "
    r"(?:piece|project|time))\b",
    re.I,
)
_SCENARIO_Q = re.compile(
    r"^(?:how would you|design|what would you|when would you|when is|what are the trade|"
    r"explain|walk me through how you'?d)",
    re.I,
)


@dataclass(frozen=True)
class AnswerSignals:
    """What the text of one answer shows. Counts are raw; ratios are 0..1."""

    word_count: int
    content_words: int  # words left after filler, hedges and repeated sentences
    speaking_seconds: float
    sentence_count: int
    question_kind: str  # behavioural | scenario | general
    situation: bool
    task: bool
    action: bool
    result: bool
    quantities: tuple[str, ...]
    result_quantities: tuple[str, ...]  # the quantities in sentences that state a result
    i_count: int
    we_count: int
    ownership_ratio: float  # I / (I + we); 0 when neither appears
    fillers: tuple[str, ...]
    hedges: tuple[str, ...]
    vague_count: int
    hypothetical_count: int
    reasoning_count: int
    sequence_count: int
    question_terms: tuple[str, ...]  # the question's content words the answer uses
    question_relevance: float
    jd_terms: tuple[str, ...]  # the job description's content words the answer uses
    jd_relevance: float
    resume_terms: tuple[str, ...]
    resume_facts: tuple[str, ...]  # resume lines the answer draws on
    scope_l5a: int
    scope_l5b: int

    @property
    def star_parts(self) -> tuple[str, ...]:
        """The STAR parts present, in STAR order."""
        return tuple(p for p in STAR_PARTS if getattr(self, p))

    @property
    def result_quantified(self) -> bool:
        """Whether a result is stated with a number."""
        return bool(self.result_quantities)

    @property
    def filler_rate(self) -> float:
        """Filler and hedge phrases per 100 words."""
        return 100.0 * (len(self.fillers) + len(self.hedges)) / max(self.word_count, 1)


_SUFFIX_WORDS = "ations ation ings ing ments ment ies ied edly ers er ed ly es s"
_SUFFIXES = _SUFFIX_WORDS.split()
_SUFFIX_REPLACEMENT = {"ies": "y", "ied": "y", "ations": "ate", "ation": "ate"}


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light suffix-stripping stem so 'migrated', 'migration' and 'migrate' meet."""
    w = word.lower().replace("’", "'").strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    for _ in range(2):
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
                w = w[: -len(suffix)] + _SUFFIX_REPLACEMENT.get(suffix, "")
                break
        else:
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


_JD_GENERIC = frozenset(stem(w) for w in _JD_GENERIC_WORDS.split())


def content_stems(text: str) -> set[str]:
    """The stems of ``text``'s content words (no stop words, three letters or more)."""
    return {stem(w) for w in _WORD.findall(text) if len(w) >= 3 and w.lower() not in _STOP}


def job_terms(job_description: str) -> set[str]:
    """The stems of a job description's distinctive words (generic job-ad words left out)."""
    return content_stems(job_description) - _JD_GENERIC


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def find_quantities(text: str) -> list[str]:
    """Numbers, percentages, money, durations and counts mentioned in ``text`` (years alone skipped)."""
    found = []
    for m in _QUANTITY.finditer(text):
        q = m.group(0).strip()
        year = _YEAR.match(q)
        # "in 2019 I joined" is a date, not a result; "2000 merchants" is a count.
        if year and (not year[1] or year[1][0].isupper() or year[1].lower() in _STOP):
            continue
        found.append(q)
    return found


def _has_action(sentence: str) -> bool:
    return any(m.group(1).lower() not in _NOT_ACTION for m in _ACTION.finditer(sentence))


def star_cues(sentence: str) -> dict[str, float]:
    """How strongly ``sentence`` reads as each STAR part (0 when no cue)."""
    quantified = bool(find_quantities(sentence))
    return {
        "situation": float(len(_SITUATION.findall(sentence))),
        "task": 1.5 * len(_TASK.findall(sentence)),
        "action": 1.0 if _has_action(sentence) else 0.0,
        "result": len(_RESULT.findall(sentence)) * (1.5 if quantified else 1.0),
    }


def star_part(sentence: str, index: int, total: int) -> str | None:
    """The STAR part ``sentence`` (number ``index`` of ``total``) belongs to, or None."""
    cues = star_cues(sentence)
    if total > 1 and index == 0:
        cues["situation"] += 0.5  # openers usually set the scene
    if total > 1 and index == total - 1:
        cues["result"] += 0.25 if cues["result"] else 0.0
    best = max(STAR_PARTS, key=lambda p: (cues[p], -STAR_PARTS.index(p)))
    return best if cues[best] > 0 else None


def is_vague(sentence: str, story: bool = True) -> bool:
    """Whether a sentence carries no checkable substance: no number, no name, few specifics.

    In a story (``story``), talk of what one would or usually does counts as vague too.
    """
    if find_quantities(sentence) or re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+", sentence.strip()):
        return False
    if story and _HYPOTHETICAL.search(sentence):
        return True
    padding = len(_VAGUE.findall(sentence)) + len(_HEDGES.findall(sentence))
    specifics = {w for w in content_stems(sentence) if not _VAGUE.fullmatch(w)}
    return padding >= 2 or len(specifics) < 2


def _phrase(match: str) -> str:
    return re.sub(r"\bi\b", "I", match.strip(" ,").lower())


def question_kind(question: str) -> str:
    """behavioural (a past example), scenario (design or hypothetical), or general."""
    if _BEHAVIOURAL_Q.search(question):
        return "behavioural"
    return "scenario" if _SCENARIO_Q.search(question.strip()) else "general"


def _resume_lines(resume_text: str) -> list[str]:
    return [ln.strip(" -•*\t") for ln in resume_text.splitlines() if len(ln.split()) >= 4]


def resume_facts_used(answer: str, resume_text: str) -> list[str]:
    """Resume lines the answer draws on: three shared content words, or a shared number."""
    stems = content_stems(answer)
    numbers = set(re.findall(r"\d[\d,.]*\d", answer))  # two digits or more: "3" is too common
    facts = []
    for line in _resume_lines(resume_text):
        shared = stems & content_stems(line)
        if len(shared) >= 3 or numbers & set(re.findall(r"\d[\d,.]*\d", line)):
            facts.append(line)
    return facts


def analyze_answer(
    answer: str, question: str = "", job_description: str = "", resume_text: str = ""
) -> AnswerSignals:
    """Every signal of ``answer``, relative to its question, the job and the resume."""
    sentences = split_sentences(answer)
    unique = list(dict.fromkeys(re.sub(r"\W+", " ", s).strip().lower() for s in sentences))
    fillers = tuple(_phrase(m.group(0)) for m in _FILLERS.finditer(answer))
    hedges = tuple(_phrase(m.group(0)) for m in _HEDGES.finditer(answer))
    words = word_count(answer)
    padding = sum(len(p.split()) for p in fillers + hedges)
    content = max(0, sum(word_count(s) for s in unique) - padding)

    cues = [star_cues(s) for s in sentences]
    present = {p: any(c[p] > 0 for c in cues) for p in STAR_PARTS}
    if len(sentences) >= 3 and not present["situation"]:
        opener = cues[0]
        if (
            not opener["action"]
            and not opener["result"]
            and re.search(r"\b(was|were|had)\b", sentences[0], re.I)
        ):
            present["situation"] = True
    quantities = tuple(find_quantities(answer))
    result_quantities = tuple(
        q for s, c in zip(sentences, cues, strict=True) if c["result"] for q in find_quantities(s)
    )

    i_count = max(0, len(_FIRST_SINGULAR.findall(answer)) - len(_HEDGE_I.findall(answer)))
    we_count = len(_FIRST_PLURAL.findall(answer))
    ratio = i_count / (i_count + we_count) if i_count + we_count else 0.0

    # Terms are reported as the answer spells them, in the order it uses them.
    surface: dict[str, str] = {}
    for w in _WORD.findall(answer):
        if len(w) >= 3 and w.lower() not in _STOP:
            surface.setdefault(stem(w), w.lower())
    q_stems = content_stems(question)
    q_used = [w for st, w in surface.items() if st in q_stems]
    jd_stems, resume_stems = content_stems(job_description), content_stems(resume_text)
    jd_used = [w for st, w in surface.items() if st in jd_stems and st not in _JD_GENERIC]
    resume_used = [w for st, w in surface.items() if st in resume_stems]
    return AnswerSignals(
        word_count=words,
        content_words=content,
        speaking_seconds=speaking_seconds(answer),
        sentence_count=len(sentences),
        question_kind=question_kind(question),
        quantities=quantities,
        result_quantities=result_quantities,
        i_count=i_count,
        we_count=we_count,
        ownership_ratio=round(ratio, 3),
        fillers=fillers,
        hedges=hedges,
        vague_count=len(_VAGUE.findall(answer)),
        hypothetical_count=len(_HYPOTHETICAL.findall(answer)),
        reasoning_count=len(_REASONING.findall(answer)),
        sequence_count=len(_SEQUENCE.findall(answer)),
        question_terms=tuple(q_used),
        question_relevance=round(len(q_used) / len(q_stems), 3) if q_stems else 0.0,
        jd_terms=tuple(jd_used),
        jd_relevance=round(min(1.0, len(jd_used) / 8), 3),
        resume_terms=tuple(resume_used),
        resume_facts=tuple(resume_facts_used(answer, resume_text)) if resume_text else (),
        scope_l5a=len(_SCOPE_L5A.findall(answer)),
        scope_l5b=len(_SCOPE_L5B.findall(answer)),
        **present,
    )


def scope_counts(text: str) -> tuple[int, int]:
    """How many signs of L5A and of L5B scope ``text`` shows."""
    return len(_SCOPE_L5A.findall(text)), len(_SCOPE_L5B.findall(text))


def demonstrated_level(s: AnswerSignals, score: int) -> str:
    """The seniority the answer shows: scope of impact, gated by the answer's quality."""
    if score >= 8 and (s.scope_l5b >= 2 or (s.scope_l5b >= 1 and s.scope_l5a >= 3)):
        return "L5B"
    if score >= 6 and (s.scope_l5a >= 2 or s.scope_l5b >= 1):
        return "L5A"
    return "L4"
