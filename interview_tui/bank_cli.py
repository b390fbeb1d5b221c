"""`interview-tui questions ...`: list, add, import, remove and generate bank questions."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from interview_tui.cli_common import OK, PARTIAL, close_store, fail, open_store
from interview_tui.services.catalog import DIFFICULTIES, PRACTICE_TYPES, QUESTION_SOURCES, STAGES

if TYPE_CHECKING:
    from interview_tui.config import Settings
    from interview_tui.services.question_library import BankEntry


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    questions = sub.add_parser("questions", help="the question bank: list, add, import, generate")
    questions.set_defaults(handler=run)
    verbs = questions.add_subparsers(dest="verb", required=True)

    listing = verbs.add_parser("list", help="list bank questions (shipped and your own)")
    listing.add_argument("--stage", choices=STAGES)
    listing.add_argument("--competency")
    listing.add_argument("--kind", help="behavioural, technical, motivation, weakness, ...")
    listing.add_argument("--difficulty", choices=DIFFICULTIES)
    listing.add_argument("--source", choices=["own", *QUESTION_SOURCES])
    listing.add_argument("--application", type=int, metavar="ID",
                         help="only the practice sets of this application")
    listing.add_argument("--search", default="", help="words the question must contain")
    listing.add_argument("--json", action="store_true", help="print JSON")

    add = verbs.add_parser("add", help="add one question of your own")
    add.add_argument("text")
    _defaults(add)
    add.add_argument("--kind")
    add.add_argument("--guidance", default="", help="what a strong answer covers")

    imp = verbs.add_parser("import", help="import a text file (one question a line) or JSON")
    imp.add_argument("file")
    _defaults(imp)

    remove = verbs.add_parser("remove", help="remove one of your own questions")
    remove.add_argument("key", help="the key shown by 'questions list', e.g. own-12")

    gen = verbs.add_parser("generate", help="generate a practice set for an application")
    gen.add_argument("--application", type=int, metavar="ID",
                     help="which application (optional when there is only one)")
    gen.add_argument("--type", required=True, choices=PRACTICE_TYPES, dest="practice_type")
    gen.add_argument("--count", type=int, default=5, help="how many questions (1-10, default 5)")
    gen.add_argument("--json", action="store_true", help="print the new questions as JSON")


def _defaults(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stage", choices=STAGES, default="hiring_manager",
                        help="where the file does not say (default hiring_manager)")
    parser.add_argument("--competency", help="default: guessed from the question")
    parser.add_argument("--difficulty", choices=DIFFICULTIES, default="medium")


def run(args: argparse.Namespace, settings: Settings) -> int:
    problem = open_store(settings)
    if problem:
        return fail(problem)
    try:
        if args.verb == "list":
            return _list(args)
        if args.verb == "add":
            return _add(args)
        if args.verb == "import":
            return _import(args)
        if args.verb == "remove":
            return _remove(args)
        from interview_tui.practice_cli import generate

        return generate(args, settings)
    finally:
        close_store()


def entry_json(entry: BankEntry) -> dict[str, object]:
    return {
        "key": entry.key, "source": entry.source, "stage": entry.stage,
        "competency": entry.competency, "difficulty": entry.difficulty, "kind": entry.kind,
        "text": entry.text, "guidance": entry.guidance, "type": entry.category or None,
        "application_id": entry.application_id, "application": entry.application or None,
        "follow_ups": list(entry.follow_ups), "example_answer": entry.example_answer or None,
        "ungrounded": list(entry.ungrounded),
    }


def print_entries(entries: list[BankEntry]) -> None:
    if not entries:
        print("No questions match.")
        return
    width = max(len(e.key) for e in entries)
    for e in entries:
        where = f" · {e.application}" if e.application else ""
        print(f"{e.key.ljust(width)}  {STAGES[e.stage]} · {e.competency} · {e.difficulty} · "
              f"{e.kind} · {QUESTION_SOURCES.get(e.source, e.source)}{where}")
        print(f"{' ' * width}  {e.text}")
    print(f"{len(entries)} question{'s' if len(entries) != 1 else ''}.")


def _list(args: argparse.Namespace) -> int:
    from interview_tui.services.catalog import COMPETENCIES
    from interview_tui.services.coach.question_kinds import KINDS
    from interview_tui.services.question_library import BankFilter, browse

    known = COMPETENCIES[args.stage] if args.stage else sorted(
        {c for cs in COMPETENCIES.values() for c in cs})
    if args.competency and args.competency not in known:
        return fail(f"unknown competency {args.competency!r}; choose from {', '.join(known)}.")
    if args.kind and args.kind not in KINDS:
        return fail(f"unknown kind {args.kind!r}; choose from {', '.join(KINDS)}.")

    entries = browse(BankFilter(
        stage=args.stage, competency=args.competency, kind=args.kind,
        difficulty=args.difficulty, source=args.source, application_id=args.application,
        search=args.search,
    ))
    if args.json:
        print(json.dumps([entry_json(e) for e in entries], indent=2, ensure_ascii=False))
    else:
        print_entries(entries)
    return OK


def _add(args: argparse.Namespace) -> int:
    from interview_tui.services.question_import import QuestionRejected, check_question
    from interview_tui.services.question_library import add_questions

    try:
        question = check_question(args.text, stage=args.stage, competency=args.competency,
                                  difficulty=args.difficulty, kind=args.kind,
                                  guidance=args.guidance)
    except QuestionRejected as exc:
        return fail(f"question not added: {exc}.")
    report = add_questions([question], source="added")
    if report.duplicates:
        return fail("question not added: it is already in the bank for this stage.", PARTIAL)
    print(f"Added {report.added[0].key}: {question.text}")
    return OK


def _import(args: argparse.Namespace) -> int:
    from interview_tui.services.question_import import ImportFileError
    from interview_tui.services.question_library import import_file

    try:
        report = import_file(args.file, stage=args.stage, competency=args.competency,
                             difficulty=args.difficulty)
    except ImportFileError as exc:
        return fail(f"nothing imported: {exc}")
    total = len(report.added) + len(report.rejected) + len(report.duplicates)
    print(f"Imported {len(report.added)} of {total} questions from {args.file} "
          f"({report.format}).")
    for bad in report.rejected:
        print(f"  line {bad.line}: {bad.reason}: {bad.excerpt}")
    for dup in report.duplicates:
        print(f"  line {dup.line}: skipped, {dup.reason}: {dup.excerpt}")
    return OK if report.complete else PARTIAL


def _remove(args: argparse.Namespace) -> int:
    from interview_tui.services.question_library import OWN_PREFIX, delete_own

    if not args.key.startswith(OWN_PREFIX):
        return fail(f"{args.key} is a shipped question; only your own ({OWN_PREFIX}N) can be removed.")
    if not delete_own(args.key):
        return fail(f"there is no question {args.key}.")
    print(f"Removed {args.key}.")
    return OK

