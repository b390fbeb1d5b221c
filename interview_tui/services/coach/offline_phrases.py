"""The offline coach's phrasebook: fixed wording only, no logic.

Nothing here states a fact about the candidate; ``offline_feedback`` fills in what the
answer signals found.
"""

from __future__ import annotations

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
