"""``interview-tui analyze`` and ``interview-tui check-claims``: the offline coach for scripts.

``analyze`` prints the offline coach's reading of one answer (score, level, question kind,
rubric, strengths, gaps, follow-ups, revised answer and claims the resume doesn't back);
``check-claims`` prints the claims in a text that none of the sources support. Both exit
with 2 and one line on stderr for bad input; ``check-claims`` exits 1 when it flags any.
"""

from __future__ import annotations

import argparse
import json
import stat
import sys
from pathlib import Path

from interview_tui.services.catalog import COMPETENCIES, DIFFICULTIES
from interview_tui.services.text import strip_control_chars

COMMANDS = ("analyze", "check-claims")
MAX_SOURCE_CHARS = 200_000  # a resume or job description far past this is not one
# Above the app's own answer limit on purpose: a pasted wall of text is worth scoring (and
# being told it is far too long) rather than refusing, up to a size no answer reaches.
MAX_ANSWER_CHARS = 100_000
BAD_INPUT = 2


class BadInput(Exception):
    """Input the commands refuse; the message is one line for stderr."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add both commands to the main parser's subcommands."""
    from interview_tui.services.catalog import KINDS

    analyze = sub.add_parser("analyze", help="the offline coach's analysis of one answer")
    analyze.add_argument("--question", help="the interview question (required)")
    source = analyze.add_mutually_exclusive_group()
    source.add_argument("--answer", help="the answer text (or use --answer-file, or stdin)")
    source.add_argument("--answer-file", metavar="FILE", help="read the answer from FILE")
    analyze.add_argument("--resume", metavar="FILE", help="the candidate's resume (text)")
    analyze.add_argument("--job", metavar="FILE", help="the job description (text)")
    analyze.add_argument("--stage", help=f"one of {', '.join(COMPETENCIES)}")
    analyze.add_argument("--kind", help=f"override the question kind: {', '.join(KINDS)}")
    analyze.add_argument("--difficulty", default="medium", help=", ".join(DIFFICULTIES))
    analyze.add_argument("--json", action="store_true", help="print JSON")
    check = sub.add_parser("check-claims", help="claims in a text that no source supports")
    check.add_argument("--source", metavar="FILE", action="append", default=[],
                       help="a source that may back claims (repeatable)")
    check.add_argument("--text", metavar="FILE", help="the text to check")
    check.add_argument("--json", action="store_true", help="print JSON")


def read_text_file(path: str, what: str, limit: int = MAX_SOURCE_CHARS) -> str:
    """The text of ``path``, or ``BadInput`` saying plainly why it can't be used."""
    p = Path(path)
    try:
        mode = p.stat().st_mode  # one look: a directory is refused by open() below
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            # a pipe or a device would block, or (/dev/zero) never end
            raise BadInput(f"{what} file {path} is not a regular file (a pipe or a device?)")
        with p.open("rb") as fh:
            data = fh.read(4 * limit + 4)  # UTF-8 needs at most 4 bytes a character
    except FileNotFoundError:
        raise BadInput(f"{what} file not found: {path}") from None
    except IsADirectoryError:
        raise BadInput(f"{what} file is a directory: {path}") from None
    except OSError as exc:
        raise BadInput(f"cannot read {what} file {path}: {exc.strerror or exc}") from None
    if len(data) > 4 * limit:  # more bytes than the limit's characters can take
        raise BadInput(f"{what} file {path} is over {limit:,} characters, the limit")
    if b"\x00" in data:
        raise BadInput(f"{what} file {path} is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{what} file {path} is not UTF-8 text (bad byte at offset "
                       f"{exc.start})") from None
    text = strip_control_chars(text)
    if len(text) > limit:
        raise BadInput(f"{what} file {path} is {len(text):,} characters; the limit is {limit:,}")
    return text


def _answer(args: argparse.Namespace) -> str:
    if args.answer is not None:
        raw = args.answer
    elif args.answer_file:
        raw = read_text_file(args.answer_file, "answer", limit=MAX_ANSWER_CHARS)
    elif not sys.stdin.isatty():
        data = sys.stdin.buffer.read()
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadInput(f"the answer on stdin is not UTF-8 text (bad byte at offset "
                           f"{exc.start})") from None
    else:
        raise BadInput("no answer given: use --answer TEXT, --answer-file FILE or stdin")
    answer = strip_control_chars(raw).strip()
    if not answer:
        raise BadInput("the answer is empty")
    if len(answer) > MAX_ANSWER_CHARS:
        raise BadInput(f"the answer is {len(answer):,} characters; the limit is "
                       f"{MAX_ANSWER_CHARS:,}")
    return answer


def _analyze(args: argparse.Namespace) -> int:
    from interview_tui.services.catalog import KINDS
    from interview_tui.services.coach.offline_interview import analyse

    question = " ".join((args.question or "").split())
    if not question:
        raise BadInput("no question given: use --question TEXT")
    if args.stage and args.stage not in COMPETENCIES:
        raise BadInput(f"unknown stage {args.stage!r}; expected one of {', '.join(COMPETENCIES)}")
    if args.kind and args.kind not in KINDS:
        raise BadInput(f"unknown kind {args.kind!r}; expected one of {', '.join(KINDS)}")
    if args.difficulty not in DIFFICULTIES:
        raise BadInput(f"unknown difficulty {args.difficulty!r}; expected one of "
                       f"{', '.join(DIFFICULTIES)}")
    answer = _answer(args)
    resume = read_text_file(args.resume, "resume") if args.resume else ""
    job = read_text_file(args.job, "job") if args.job else ""
    result = analyse(question, [answer], kind=args.kind, resume=resume, job_description=job,
                     difficulty=args.difficulty)
    from interview_tui.analyze_output import analysis_json, analysis_text

    print(json.dumps(analysis_json(result), indent=2, ensure_ascii=False) if args.json
          else analysis_text(result))
    return 0


def _check_claims(args: argparse.Namespace) -> int:
    from interview_tui.services.claims import check_claims

    if not args.text:
        raise BadInput("no text given: use --text FILE")
    if not args.source:
        raise BadInput("no source given: use --source FILE (repeatable)")
    sources = [read_text_file(path, "source") for path in args.source]
    text = read_text_file(args.text, "text")
    if not text.strip():
        raise BadInput(f"text file {args.text} is empty")
    flagged = check_claims(text, sources)
    if args.json:
        rows = [c.as_dict() for c in flagged]
        print(json.dumps({"unsupported": rows, "count": len(rows), "supported": not rows},
                         indent=2, ensure_ascii=False))
    elif flagged:
        for c in flagged:
            print(f"{c.kind}\t{c.start}-{c.end}\t{c.text}")
    else:
        print("Every claim is supported by the sources.")
    return 1 if flagged else 0


def run(args: argparse.Namespace) -> int:
    """Run the command ``args.command``; returns the exit status."""
    try:
        return _analyze(args) if args.command == "analyze" else _check_claims(args)
    except BadInput as exc:
        print(f"interview-tui {args.command}: error: {exc}", file=sys.stderr)
        return BAD_INPUT
