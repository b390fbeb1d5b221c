"""The offline coach's phrasebook: fixed wording only, no logic.

Nothing here states a fact about the candidate; ``offline_feedback`` fills in what the
answer signals found.
"""

from __future__ import annotations

from typing import NamedTuple

OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "friendly": {
        "first": ("Thanks for joining me today. To start:", "Great to meet you. Let's begin:"),
        "next": ("Thanks, that's helpful. Next one:", "Great. Let's move on:"),
    },
    "neutral": {
        "first": ("Let's begin.", "Let's get started."),
        "next": ("Next question.", "Moving on.", ""),
    },
    "challenging": {
        "first": (
            "Let's begin. I'll push for specifics.",
            "Let's start. Details, not generalities.",
        ),
        "next": ("Next. Concrete details, please.", "Moving on. I'll want numbers and your part."),
    },
}

# Bracketed prompts mark a STAR part the candidate has not given yet; they claim nothing.
PLACEHOLDERS = {
    "situation": "[Situation: where and when this was, and what was at stake.]",
    "task": "[Task: what you were responsible for.]",
    "action": "[Action: the steps you took yourself.]",
    "result": "[Result: what changed, and by how much.]",
    "scale": "[Scale: the traffic and data you design for.]",
    "tradeoff": "[Trade-off: what you give up with this design, and why that's acceptable.]",
}


class GapText(NamedTuple):
    summary: str  # "... in 3 of 5 answers"
    short: str  # "Next, ..."
    coaching: str
    follow: tuple[str, ...]  # neutral and friendly interviewers
    hard: tuple[str, ...]  # the challenging interviewer


# Ordered: on equal weight, earlier gaps are raised first.
GAPS: dict[str, GapText] = {
    "too_short": GapText(
        "Answers too short",
        "give one full example, start to finish",
        "Aim for one to two minutes: a line of context, what you did, and how it ended.",
        ("Can you walk me through one specific example, from start to finish?",),
        ("That's not enough to go on. Give me one real example, start to finish.",),
    ),
    "hypothetical": GapText(
        "Hypotheticals instead of real examples",
        "tell one real story instead of what you usually do",
        "Answer behavioural questions with one specific past example, in the past tense.",
        ("Can you tell me about one specific time you actually did this?",),
        ("That's what you'd do in general. What did you actually do, on one occasion?",),
    ),
    "situation": GapText(
        "Missing the situation",
        "open with the situation and what was at stake",
        "Open with one or two sentences of context: where, when, and why it mattered.",
        ("What was the situation, and what was at stake?",),
        ("Why did this matter? What would have happened if nobody had acted?",),
    ),
    "task": GapText(
        "Missing your own task",
        "say what you were responsible for",
        "Say what you were asked or chose to do before how you did it.",
        ("What exactly were you responsible for there?",),
        ("What was your job in this, specifically?",),
    ),
    "action": GapText(
        "Few concrete actions",
        "describe the steps you took",
        "Spend most of the answer on the steps you took, in order.",
        ("What steps did you take, in order?",),
        ("Walk me through exactly what you did, step by step.",),
    ),
    "result": GapText(
        "No clear outcome",
        "finish with the result",
        "Always finish with the result: what changed, for whom, and by how much.",
        ("How did it turn out? What changed, and by how much?",),
        ("So what was the outcome? Give me the number.",),
    ),
    "quantified": GapText(
        "No measurable result",
        "put a number on the result",
        "End with a number: before and after, time saved, errors avoided, people affected.",
        ("What was the measurable result? How did you know it worked?",),
        ("Put a number on it: what moved, from what to what?",),
    ),
    "sizing": GapText(
        "No sizing numbers",
        "size the problem with numbers",
        "State the scale you design for before choosing components.",
        ("What scale would you design for: how many requests, how much data?",),
        ("Give me numbers: requests per second, data size, latency budget.",),
    ),
    "ownership": GapText(
        "Mostly 'we' rather than 'I'",
        "say what you did yourself",
        "Use 'I' for your own decisions and actions; keep 'we' for the team's.",
        ("What did you do yourself, as opposed to the team?",),
        ("Be specific: which decisions were yours, not the team's?",),
    ),
    "reasoning": GapText(
        "Reasoning not explained",
        "explain why you chose that approach",
        "Name the alternative you rejected and why ('because', 'instead of').",
        ("Why did you choose that approach over the alternatives?",),
        ("What alternative did you reject, and why was it worse?",),
    ),
    "relevance": GapText(
        "Drifting from the question",
        "answer the question head-on",
        "Restate the question's key words in your first sentence, then tell the story.",
        ("Can you tie that back to the question: what does it show about how you work?",),
        ("That doesn't answer what I asked. Can you address the question directly?",),
    ),
    "filler": GapText(
        "Heavy filler",
        "cut the filler words",
        "Practise out loud and replace 'um' and 'like' with a short pause.",
        (),
        (),
    ),
    "hedging": GapText(
        "Hedging",
        "state what you did without hedging",
        "Drop 'I think' and 'maybe' about your own work; say what you did.",
        (),
        (),  # the challenge quotes the candidate's own hedge
    ),
    "too_long": GapText(
        "Answers too long",
        "tighten it to two minutes",
        "Keep answers under two minutes; give context in two sentences at most.",
        (),
        (),
    ),
    "role": GapText(
        "Little link to the role",
        "link it to this role",
        "Borrow the job description's words where your experience matches them.",
        ("How would that experience carry over to this role?",),
        ("Why should that convince me you can do this particular job?",),
    ),
    "reflection": GapText(
        "No reflection",
        "say what you learned",
        "Close hard questions with what you learned or would change.",
        ("What would you do differently next time?",),
        ("What went wrong, and what was your part in it?",),
    ),
    "scope": GapText(
        "Little sign of the target level's scope",
        "show the scope of your impact",
        "Show scope: what you led or decided, and who beyond your team it affected.",
        ("How far did the impact reach beyond your own work?",),
        ("Who outside your own team would have noticed the difference?",),
    ),
}

STRENGTH_SUMMARY = {
    "star": "Full STAR structure",
    "structure": "Good structure",
    "steps": "Clear step-by-step reasoning",
    "quantified": "Quantified results",
    "numbers": "Concrete numbers",
    "ownership": "Clear ownership",
    "reasoning": "Explained reasoning",
    "resume": "Real examples from your resume",
    "role": "Links to the role",
    "fluent": "Fluent delivery",
    "length": "Good length",
}

# Competency-specific wording for a gap's follow-up, keyed "gap/competency".
OVERRIDES = {
    "quantified/debugging": "How did you confirm the fix worked: what did the numbers show?",
    "quantified/leadership": "How did you measure the change in the team?",
    "quantified/coding_practices": "What measurably improved: build time, escaped bugs, reviews?",
    "quantified/stakeholder_management": "What changed for the stakeholders, and by how much?",
    "ownership/stakeholder_management": "What did you say to them yourself?",
    "ownership/leadership": "Which decisions were yours, and which were the team's?",
    "situation/motivation": "What's your current situation, and what prompted you to look now?",
    "result/culture_fit": "How did the relationship or the team change afterwards?",
}

# Probes per competency, used once the biggest gaps have been asked about.
DEEPEN: dict[str, tuple[str, ...]] = {
    "communication": (
        "How did you check that your message had landed?",
        "What would you say differently now?",
    ),
    "motivation": (
        "What would make you turn this role down?",
        "What has kept you in your current role so far?",
    ),
    "culture_fit": (
        "What did you learn about yourself from that?",
        "How did the other person see it?",
    ),
    "technical_basics": (
        "Which part of that did you build yourself?",
        "What would you change in that stack today?",
    ),
    "availability": (
        "Is there anything that could change that timeline?",
        "Where do you have flexibility there?",
    ),
    "leadership": (
        "How did you bring along the people who disagreed?",
        "What would the team say you did differently from other leads?",
    ),
    "problem_solving": (
        "Which alternatives did you rule out, and why?",
        "How did you confirm the root cause?",
    ),
    "ambiguity_tolerance": (
        "What assumption did you make, and how did you check it later?",
        "Who did you go to for clarity, and what did you ask?",
    ),
    "stakeholder_management": (
        "How did you keep them informed along the way?",
        "How is that relationship today?",
    ),
    "technical_depth": (
        "What was the hardest technical detail, and how did you handle it?",
        "What would break first at ten times the load?",
    ),
    "system_design": (
        "What would break first at ten times the traffic?",
        "How would you know it's working in production: what would you measure?",
    ),
    "debugging": (
        "What did you rule out first, and why?",
        "What did you change so it can't happen again?",
    ),
    "coding_practices": (
        "How did you get the rest of the team to adopt it?",
        "What would you do differently next time?",
    ),
    "architecture_tradeoffs": (
        "What would make you revisit that decision?",
        "What did that choice cost you, and how did you contain it?",
    ),
    "technical_communication": (
        "How did you adapt it for the audience?",
        "What feedback did you get, and what did you change?",
    ),
}
GENERIC = (
    "What would you do differently next time?",
    "What was the hardest part for you personally?",
    "What did you learn from it that you still use?",
)

# Lead-ins for the brief feedback by score band (≤3, ≤5, ≤7, 8+).
BANDS = {
    "friendly": ("Let's build this out", "A good start", "Good answer", "Great answer"),
    "neutral": ("Too thin to judge yet", "Partly there", "Good base", "Strong answer"),
    "challenging": ("That doesn't answer it yet", "Not enough yet", "Not yet convincing", "Solid"),
}
