"""Word lists the offline judge reads answers with: topics, workplace words, red flags.

Lists hold stems (see ``answer_signals.stem``) so word forms meet: "disagreed",
"disagreement" and "disagree" share the stem "disagre".
"""

from __future__ import annotations

import re

from interview_tui.services.coach.answer_signals import stem


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


# A topic a question can be about: words in the question that raise it, and words an
# answer on that topic uses. An answer that touches none of its question's topics drifts.
_TOPIC_WORDS: dict[str, tuple[str, str]] = {
    "conflict": (
        "disagree disagreed conflict clash clashed difficult persuade unpopular sceptical "
        "skeptical pushed escalated conflicting objected",
        "disagree disagreed disagreement conflict argued argument pushed pushback objected "
        "objection tension concern concerns frustrated clash differ debate convinced convince "
        "compromise escalated difficult sceptical skeptical resisted opposed upset angry "
        "persuade persuaded agree agreed alignment aligned disagreeing tradeoff options "
        "furious annoyed unhappy complained complaint complaints cancel listened",
    ),
    "leadership": (
        "lead led leader leading mentored mentor lead unpopular bar took initiative",
        "led lead leading team mentor mentored coached aligned delegated organised organized "
        "owned decided decision guided plan planned prioritised prioritized hired onboarded "
        "reviewed drove ran proposed initiative volunteered people morale",
    ),
    "feedback": (
        "feedback critical criticism review",
        "feedback criticism critical review reviewed told said pointed comment comments "
        "manager listened heard asked",
    ),
    "failure": (
        "fail failed failure mistake wrong work hindsight differently reverse regret",
        "fail failed failure mistake wrong broke missed error bug regret lesson learned "
        "learnt fault outage late slipped underestimated overlooked reverted rolled apologised "
        "apologized differently",
    ),
    "communication": (
        "explain explained message update persuade conversation present document "
        "misunderstood misunderstanding complicated landed audience miscommunication",
        "explained explain presented present wrote write document diagram meeting audience "
        "message email slide slides demo call told said update asked question listened "
        "understood analogy simplified summary summarised jargon",
    ),
    "stakeholder": (
        "stakeholder stakeholders operations support expectations escalated team teams "
        "non-engineering sceptical customers client clients",
        "stakeholder stakeholders product manager customer customers client sales support "
        "operations ops leadership director partner expectations deadline priorities met "
        "agreed negotiated informed update weekly",
    ),
    "deadline": (
        "deadline slipping priorities speed juggle time",
        "deadline date week weeks days schedule timeline slipped late scope cut priorities "
        "delivered shipped launch release sprint plan",
    ),
    "ambiguity": (
        "unclear direction incomplete information uncertainty requirements defined "
        "conflicting ambiguity changed shifted",
        "unclear ambiguous uncertain unknown assumed assumption incomplete missing clarified "
        "question questions asked interviewed defined scope hypothesis experiment data "
        "prototype decided decision risk changed requirements priorities",
    ),
    "performance": (
        "performance latency reliability bottleneck slow improvement",
        "latency slow faster performance bottleneck profiled profiling throughput cpu memory "
        "query queries cache index p95 p99 ms load reliability uptime errors timeout "
        "optimised optimized reliable lost loss durable availability incident incidents "
        "outage outages pages flaky",
    ),
    "learning": (
        "learn new technology ramp know",
        "learned learn read docs documentation course tutorial paired prototype asked studied "
        "practised book ramp new",
    ),
    "quality": (
        "refactor refactored debt legacy testing tests ci codebase review readable",
        "refactor refactored debt legacy test tests testing coverage ci pipeline build review "
        "reviewed cleanup rewrote module modules code deprecated lint readable naming",
    ),
    "incident": (
        "incident bug debug debugged root cause intermittent errors duplicate leak broke "
        "production investigate",
        "log logs metric metrics trace traces dashboard reproduced reproduce bisect root "
        "cause hypothesis alert graph deploy rollback debug profiled heap dump race retry bug "
        "fix fixed monitor incident outage error errors",
    ),
    "helping": (
        "mentor mentored helped colleague struggling teammate speed onboard",
        "helped help mentor mentored paired pairing coached onboarded onboarding supported "
        "struggling guided taught checked reviewed listened junior confidence",
    ),
    "decision": (
        "decision decide decided choose chose trade-off imperfect solutions options",
        "decided decision chose choose option options tradeoff criteria compared weighed pros "
        "cons risk picked alternative alternatives cost",
    ),
    "motivation_work": (
        "tedious unrewarding motivated motivating excited",
        "motivated motivation tedious boring automated goal reward purpose progress focus "
        "excited interesting impact",
    ),
}
TOPICS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    name: (_stems(raise_), _stems(used)) for name, (raise_, used) in _TOPIC_WORDS.items()
}

# Nouns of working life: an interview answer with almost none of them is about something else.
WORK = _stems(
    """team teams teammate teammates colleague colleagues manager managers engineer engineers
    developer developers company companies customer customers user users client clients product
    products service services system systems code codebase data feature features release
    releases deploy deployment deadline stakeholder stakeholders meeting meetings review reviews
    test tests bug bugs incident incidents sprint roadmap budget revenue cost costs sales support
    business report reports role job office project projects hire hiring migration platform api
    apis database server app application infrastructure pipeline metric metrics dashboard
    launch requirement requirements priority priorities ticket tickets tool tools documentation
    org department leadership director analyst quarter latency query queries architecture
    integration vendor contract training onboarding career employer boss engineering backend
    frontend cloud outage alert alerts repository startup organisation organization partner
    partners operations ops responsibility promotion salary offer notice remote hybrid mentor
    junior senior staff peer peers audit compliance security automation script scripts queue
    cache schema design designs pull request requests tech technical software interview
    stack process product's company's firm agency bank warehouse invoice invoices payment
    payments checkout order orders shipment logistics contractor consultancy consultant
    rota on-call feedback presentation slides document documents proposal strategy
    patient patients ward wards nurse nurses nursing doctor doctors consultant registrar clinic
    clinics hospital care carer carers shift shifts discharge medication theatre surgery
    student students pupil pupils class classes lesson lessons school schools teacher teachers
    teaching parent parents exam exams curriculum classroom headteacher
    deal deals account accounts prospect prospects pipeline quota target targets territory
    renewal renewals demo demos contract pricing discount commission
    truck trucks van vans driver drivers route routes carrier carriers container containers
    freight supplier suppliers stock inventory depot fleet delivery deliveries port
    forecast forecasts ledger reconciliation close accounting audit auditors tax vat payroll
    excel
    prototype prototypes wireframe wireframes usability research interview interviews persona
    model models analysis dataset datasets experiment experiments dashboard dashboards
    kitchen store stores shop branch branches site sites plant factory production
    guest guests hotel hotels restaurant restaurants menu menus booking bookings reservation
    reservations covers bar chef chefs housekeeping
    apprentice apprentices tenant tenants inspection inspections quote quotes boiler wiring
    joiner electrician plumber builder builders
    council councils resident residents claim claims case cases caseload benefit benefits
    public citizen citizens constituent constituents policy policies permit licence"""
)

# Words that carry no specific content in an interview answer: a story made of them says
# nothing checkable however it is arranged.
GENERIC = _stems(
    """situation task action result challenge challenges challenging problem problems issue
    issues solution solutions project projects team teams work worked working stakeholders
    stakeholder process processes performance improve improved improvement improvements
    increase increased decrease decreased success successful successfully goal goals hard
    effort efforts help helped handle handled approach approaches important things thing
    various good great best better really very lot lots overall everyone people company way
    ways plan planned planning took take action actions make made sure ensure ensured also
    deliver delivered results outcome outcomes impact impactful positive positively effective
    effectively efficiency efficient key value values strong skills experience learn learned
    lesson lessons communicate communicated communication collaborate collaborated
    collaboration leadership lead led manage managed management focus focused organisation
    organization business time faced face big quickly quick analysed analyzed analyse
    implemented implement rose grew satisfaction happy everyone times day days new different change changes changed needed
    need needs able help support supported provide provided week weeks month months year
    years quarter quarters weekly monthly daily yearly hour hours minute minutes
    um umm uh erm hmm basically literally honestly actually maybe perhaps probably possibly
    guess stuff whatever pretty somewhat hopefully mean suppose"""
)

# Parts of a technical answer: components, and the ways systems fail.
TECH_COMPONENTS = _stems(
    """database databases table tables index indexes schema cache caches caching redis memcached
    queue queues kafka topic topics partition partitions consumer consumers producer producers
    worker workers cron scheduler service services microservice api apis endpoint endpoints rest
    grpc http https request requests response load balancer cdn dns shard shards sharding
    replica replicas replication primary leader follower log logs stream streams event events
    lock locks transaction transactions postgres postgresql mysql sqlite dynamodb mongodb s3
    bucket blob key keys hash hashing token tokens counter counters bloom filter webhook webhooks
    outbox ledger snapshot rollout canary flag flags container containers kubernetes pod pods
    metric metrics trace traces tracing dashboard dashboards profiler profile flame heap dump
    thread threads pool connection connections write writes read reads storage disk memory cpu
    latency throughput p95 p99 bisect diff deploy rollback alert alerts sql nosql document
    relational json protobuf client server browser session cookie id ids uuid sequence window
    bucketed sliding fixed expiry ttl model models feature features prediction predictions
    training validation holdout baseline experiment cohort sample segment regression
    classifier solver heuristic matrix constraint constraints"""
)
FAILURE_MODES = _stems(
    """fail fails failed failure failures retry retries retried timeout timeouts idempotent
    idempotency duplicate duplicates dedupe deduplicate outage outages fallback dead-letter dlq
    backpressure rollback consistency consistent inconsistent lost lose loss crash crashes down
    degrade degraded degradation circuit breaker race overload overloaded throttle throttling
    partition split-brain stale poison replay replays exactly-once at-least-once monitor
    monitoring alerting alert alerts error errors corrupt corruption failover recover recovery
    backup restore spike spikes hot spot hotspot bottleneck leak leaks drift leakage bias
    skew missing outlier outliers"""
)
# Risks and contingencies in any field: what could go wrong and what happens then.
RISK_CUES = re.compile(
    r"\b(?:risks?|risky|(?:go|goes|going|went) wrong|contingenc(?:y|ies)|fall-?backs?|"
    r"back-?up (?:plan|site|option|list)|in case|worst case|downside case|plan b|"
    r"mitigat(?:e|es|ion)|safeguards?|reserve (?:list|stock|staff)|back-?up \w+|"
    r"(?:more|fewer) \w+ (?:than (?:expected|planned|registered|booked|forecast))|"
    r"(?:deliver(?:s|ing)?|arriv(?:e|es|ing)|pay(?:s|ing)?|turn(?:s|ing)? up|run(?:s|ning)?) "
    r"late|if (?:it|that|this|they|"
    r"we|the \w+) (?:fails?|slips?|doesn['’]?t|don['’]?t|runs? out|is late|are late|floods?)|"
    r"comes? late|shortages?|hazards?|unsafe|so it doesn['’]?t "
    r"(?:come back|happen again)|(?:to see|check) (?:if|whether) it (?:stuck|worked)|"
    r"roll(?:s|ed)? back|pull (?:it|the plug))\b",
    re.I,
)
REQUIREMENT_CUES = re.compile(
    r"\b(?:requirements?|assum(?:e|ing|ption)s?|clarif(?:y|ying)|constraints?|read[- ]heavy|"
    r"write[- ]heavy|read/write|traffic|scale|sla|slo|budget|users?|peak|per (?:second|day|"
    r"minute|hour)|qps|rps|first (?:i['’]?d|i would|we['’]?d) (?:ask|want|check|confirm)|depends on|"
    r"functional|non-functional|use cases?|the goal is|we need to support|needs to|volume|"
    r"targets?|(?:a|an) (?:second|minute|hour|day)|throughput|latency budget|"
    # The same opening in any field: who or what comes first, what must keep working.
    r"who (?:is|are) most|who needs|what (?:matters|has to|must|needs to)|has to keep|"
    r"must (?:leave|keep|be)|(?:i['’]?d|i would) (?:start|begin) (?:with|by|from) "
    r"(?:what|who|how|asking|mapping|agreeing|finding out)|first i['’]?d ask|"
    r"ask (?:how|what|who|whether) )\b",
    re.I,
)
TRADEOFF_CUES = re.compile(
    r"\b(?:because|so that|trade-?offs?|instead of|rather than|the downside|downsides?|the risk|"
    r"which means|which meant|in order to|depends on|versus|vs\.?|the reason|at the cost of|"
    r"cost(?:s)? (?:of|more|less)|cheaper|simpler|but (?:it|that|the)|on the other hand|"
    r"whereas|if .{3,40} then|i['’]?d pick|i would pick|i['’]?d choose|i would choose)\b",
    re.I,
)

# Red flags in a motivation answer: money or perks first, or running down an employer.
BENEFITS = re.compile(
    r"\b(?:salary|(?:the |more |better )?money|better paid|pay (?:rise|more|better)|"
    r"compensation|bonus(?:es)?|(?:good|great|better|generous|nice|decent|the|its|your) benefits|"
    r"benefits package|pension|perks|stock options|equity|fully remote|"
    r"work from home|wfh|(?:unlimited )?holidays|vacation|days off|commute|free (?:food|lunch)|"
    r"work-life balance|4-day|four-day|a raise)\b",
    re.I,
)
# "more than the money", "not about the pay": benefits named only to put them second.
NOT_FIRST = re.compile(
    r"\b(?:more than|rather than|not (?:about|for|just)|isn['’]?t|wasn['’]?t|as long as|"
    r"setting aside|aside from|matched)\b",
    re.I,
)
EVASIVE = re.compile(
    r"\b(?:rather not say|why does it matter|none of your business|no idea|i don['’]?t know|"
    r"depends on (?:a lot|the money)|would depend on the (?:money|numbers)|whoever pays|"
    r"can['’]?t wait forever|i['’]?d probably just|if i really have to|i['’]?d prefer not)\b",
    re.I,
)
BADMOUTH = re.compile(
    r"\b(?:hate|hated|terrible|toxic|awful|incompetent|stupid|idiots?|useless|worst|"
    r"sick of|fed up|can['’]?t stand|micromanag\w*|clueless|dysfunctional|a joke|lazy|"
    r"boring|bored|nightmare)\b",
    re.I,
)
DESPERATE = re.compile(
    r"\b(?:need a job|any job|anything really|whatever (?:job|role)|just need|no idea|"
    r"don['’]?t really know|not sure why|applied everywhere|apply to everything)\b",
    re.I,
)
HUMBLEBRAG = re.compile(
    r"\b(?:perfectionis[tm]|work too hard|care too much|too (?:detail[- ]oriented|dedicated|"
    r"passionate|committed|honest)|don['’]?t (?:really )?have (?:any |a )?weakness(?:es)?|"
    r"can['’]?t think of (?:any|one)|no real weakness(?:es)?|my weakness is (?:that )?i['’]?m too)\b",
    re.I,
)
BLAME = re.compile(
    r"\b(?:(?:it )?wasn['’]?t (?:really )?my fault|(?:not|never) my fault|(?:they|he|she|my "
    r"manager|the team|management) (?:didn['’]?t|never|wouldn['’]?t|refused)|because of (?:my|the) "
    r"(?:manager|team|boss|colleagues?)|blame)\b",
    re.I,
)

# Words that sound like achievement and say nothing checkable.
BUZZWORDS = re.compile(
    r"\b(?:stakeholders?|cross-functional|alignment|aligned|synerg\w*|leverag\w*|spearhead\w*|"
    r"strategic\w*|impactful|best practices?|streamlin\w*|holistic|proactive\w*|seamless\w*|"
    r"robust|innovative|game-?changer|value-add|drove (?:results|growth|impact)|big success|"
    r"huge success|great success|took ownership|moved the needle|end-to-end|world-class|"
    r"empower\w*|optimi[sz]ed|efficienc\w*|collaborat\w*|implemented a solution)\b",
    re.I,
)
# Percentages and multipliers with no baseline: "improved by 60%", "grew 3x".
UNBASED = re.compile(r"\d[\d.,]*\s?(?:%|percent\b|x\b)", re.I)
