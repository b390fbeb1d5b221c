"""The kind of an interview question, which decides the rubric its answer is judged by.

Bank questions carry their kind; a question the user types is classified here by the
phrasing interviewers use for each kind. The rules run in order: the most telling kind
first ("Tell me about a time you failed" is a weakness question before it is a story).
"""

from __future__ import annotations

import re

from interview_tui.services.catalog import KINDS

_WEAKNESS = re.compile(
    r"\b(?:weakness(?:es)?|fail(?:ed|ure|ing)?|mistakes?|went wrong|regret|in hindsight|"
    r"(?:would|'d) (?:do|make) (?:it |things )?differently|critical feedback|negative feedback|"
    r"didn['’]?t work|you missed|missed (?:a |the )?deadline|dropped the ball|let .{1,20} down|"
    r"turned out to be wrong|wrong call|area(?:s)? (?:to|for) (?:improve|growth|"
    r"development)|improve on|working on improving|struggle with|not good at|shortcoming|"
    r"development area|what would your (?:manager|colleagues) say you|went badly|"
    r"didn['’]?t go (?:as planned|well|to plan|your way)|go(?:t|ne) (?:it |things )?wrong|"
    r"working (?:to|on) improv\w*|(?:want|need|trying) to improve|"
    r"(?:you|you['’]?d|you would) (?:need to )?ramp up|(?:aren['’]?t|not) on your (?:resume|cv))\b",
    re.I,
)
_LOGISTICS = re.compile(
    r"\b(?:notice period|salary|compensation|expectations for (?:pay|the package)|package|"
    r"start date|when could you (?:realistically )?start|relocat\w*|location|hybrid|remote|"
    r"in the office|visa|sponsorship|interviewing (?:anywhere|elsewhere)|other (?:offers|"
    r"processes)|offer elsewhere|commitments|leave|on-call rotation|working hours|"
    r"when (?:could|would|can) you (?:\w+ )?(?:be able to )?start|shift work|night shifts?|"
    r"weekends?|overtime|travel(?:ling)?|commute|contract length|part-time|full-time)\b",
    re.I,
)
_MOTIVATION = re.compile(
    r"\b(?:why (?:do you want|are you (?:looking|leaving|interested|applying)|us|this (?:role|"
    r"company|team|position|job)|our company|here|now|did you (?:apply|leave))|what drew you|"
    r"what attracts you|what (?:do|did) you know about (?:us|our)|where do you (?:want to|see "
    r"yourself)|next role|motivat\w*|excit\w*|what are you looking for|career goals?|"
    r"counter-?offer|what would decide|leaving your|left your|five years|long-term goals?|"
    r"interest(?:s|ed)? you|what makes you want|(?:what|which) kind of (?:team|environment|"
    r"culture|manager|company|work)|do your best work|^why (?:this|these|our|us|here|now|join|"
    r"apply|\w+ing)\b)\b",
    re.I,
)
_OVERVIEW = re.compile(
    r"\b(?:tell me about yourself|introduce yourself|walk me through your (?:background|resume|"
    r"cv|career|experience)|your background|current (?:role|job|position)|typical (?:week|day)|"
    r"overview of|what (?:do you do|you do)|describe what you do|which languages|tech stack|"
    r"what kinds of systems|day to day|your experience with|summari[sz]e your|"
    r"(?:describe|what is|what['’]?s) your (?:\w+ )?style|your style as)\b",
    re.I,
)
_BEHAVIOURAL = re.compile(
    r"\b(?:tell me about a time|a time (?:you|when)|describe a (?:time|situation|project|"
    r"decision|disagreement)|give me an example|have you ever|share an example|recall a time|"
    r"an example of|walk me through a (?:project|piece|time|decision)|tell me about (?:a|an|the) "
    r"(?:project|incident|conflict|decision|bug|disagreement|hardest|piece|situation|someone|"
    r"problem|recurring|production|technical project|intermittent)|describe an? (?:incident|"
    r"code review|architecture decision|technical decision))",
    re.I,
)
_TECHNICAL = re.compile(
    r"\b(?:design|how would you|architect\w*|trade-?offs?|when (?:would|should) you|when is|"
    r"explain|debug\w*|investigate|how do you (?:find|approach|decide|test|review|keep|document|"
    r"handle|guarantee|scale|make)|latency|queue|database|api|cach\w*|scal\w*|consisten\w*|"
    r"idempoten\w*|algorithm|complexity|data model|index\w*|what happens when|how does|"
    r"walk me through how|what would you (?:do|track|check|look)|microservices?|monolith|"
    r"kafka|sql|memory|throughput|deploy\w*|pipeline|how do you (?:\w+ )?(?:work out|"
    r"figure out|tell (?:whether|if)|check (?:whether|if)|deal with|handle|measure|validate|"
    r"clean|choose|pick))\b",
    re.I,
)


# "How do you handle disagreements?" asks how you work with people, not how a system works:
# it is answered with a story, whatever technical verbs it shares with a design question.
_PEOPLE_HOW = re.compile(
    r"\b(?:how (?:do|would|did|should) you|what do you do when|how have you)\s+(?:\w+\s+){0,2}?"
    r"(?:handle|deal with|approach|manage|respond to|react to|work with|cope with|navigate|"
    r"resolve|give|receive|take|get|build|keep|motivate|support|persuade|influence|balance|"
    r"prioriti[sz]e|tell|explain|deliver|share|communicate|break)\b(?:\s+\w+){0,4}?\s+(?:disagree\w*|conflicts?|feedback|critici\w+|"
    r"pressure|stress|difficult|colleagues?|people|stakeholders?|teammates?|managers?|"
    r"customers?|clients?|patients?|parents?|students?|team|deadlines?|competing|"
    r"priorities|change|ambiguity|setbacks?|tension|buy-in|trust|rapport|relationships?|"
    r"personalit\w+|egos?|push-?back|objections?|rejection|workload)\b",
    re.I,
)
_SYSTEM_FAILURE = re.compile(r"\b(?:failures?|fail(?:s|ing)?|partial failures?)\s+(?:in|of|"
                             r"modes?|over|between)\b|\bfailover\b", re.I)
_YOUR_FAILURE = re.compile(r"\byou\s+(?:have\s+|had\s+|ever\s+)?(?:failed|made (?:a )?mistakes?)|"
                           r"\byour (?:\w+ )?(?:failures?|mistakes?|career)|\ba time\b", re.I)
_DESIGN_LEAD = re.compile(
    r"^(?:\W*(?:design|architect)\b|how would you (?:design|build|migrate|scale|decide|introduce|"
    r"structure|model)|(?:walk me through|describe|explain) how (?:you['’]?d|you would|it works)|"
    r"what are the trade-?offs)",
    re.I,
)


def classify_question(question: str) -> str:
    """The kind of ``question``: one of ``KINDS``; behavioural when nothing else fits."""
    text = " ".join(question.split())
    if _DESIGN_LEAD.search(text):
        return "technical"
    if _SYSTEM_FAILURE.search(text) and _TECHNICAL.search(text) and not _YOUR_FAILURE.search(
            text):
        return "technical"  # "How do you handle failure in a distributed system?"
    if _WEAKNESS.search(text):
        return "weakness"
    if _LOGISTICS.search(text) and not _BEHAVIOURAL.search(text):
        return "logistics"
    if _MOTIVATION.search(text) and not _BEHAVIOURAL.search(text):
        return "motivation"
    if _OVERVIEW.search(text) and not _BEHAVIOURAL.search(text):
        return "overview"
    if _BEHAVIOURAL.search(text) or _PEOPLE_HOW.search(text):
        return "behavioural"
    if _TECHNICAL.search(text):
        return "technical"
    return "behavioural"


def kind_label(kind: str) -> str:
    """A readable name for ``kind``."""
    return KINDS.get(kind, kind)
