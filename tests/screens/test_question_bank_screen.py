"""The question bank screen and the session export, driven by keyboard through Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from interview_tui.screens.question_bank import QuestionBankScreen
from interview_tui.screens.question_dialogs import AddQuestionDialog, GenerateDialog
from interview_tui.screens.review import ReviewScreen
from interview_tui.services.question_library import BankFilter, browse
from interview_tui.store.models import OwnQuestion
from tests.fakes.bulk_sessions import populate_sessions
from tests.fakes.pilot import settle

SIZE = (120, 40)


def rows(screen: QuestionBankScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def status(screen: QuestionBankScreen) -> str:
    return str(screen.query_one("#status", Static).visual)


async def test_browse_filter_add_and_remove(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionBankScreen)
        total = len(rows(screen))
        assert total == len(browse()) and "0 yours" in status(screen)
        await pilot.press("s")  # recruiter screen
        await settle(pilot)
        assert {r[2] for r in rows(screen)} == {"Recruiter"}
        await pilot.press("v")  # easy
        await settle(pilot)
        assert {r[4] for r in rows(screen)} == {"Easy"}
        await pilot.press("s", "s", "s", "v", "v", "v")  # back to all stages and difficulties
        await settle(pilot)
        assert len(rows(screen)) == total

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddQuestionDialog)
        await pilot.press(*"Why?")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AddQuestionDialog), "a bad question keeps the dialog open"
        app.screen.query_one("#text", Input).value = "Tell me about a time you pushed back on a deadline."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert rows(screen)[0][0] == "yours"
        assert rows(screen)[0][1].startswith("Tell me about a time you pushed back")
        assert "1 yours" in status(screen)
        detail = str(screen.query_one("#detail-text", Static).visual)
        assert "Hiring manager" in detail and "pushed back on a deadline." in detail

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert OwnQuestion.select().count() == 0
        assert len(rows(screen)) == total


async def test_generate_a_practice_set_from_the_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_question_bank()
        await settle(pilot)
        screen = app.screen
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, GenerateDialog)
        dialog.query_one("#count", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        listed = rows(screen)
        assert len(listed) == 3 and {r[0] for r in listed} == {"set"}
        generated = browse(BankFilter(source="generated"))
        assert len(generated) == 3 and all(g.application_id for g in generated)
        assert all(g.application == "Northwind Freight · Senior Backend Engineer"
                   for g in generated)
        detail = str(screen.query_one("#detail-text", Static).visual)
        assert "Example answer" in detail and "for Northwind Freight" in detail


async def test_the_review_screen_exports_the_session(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        populate_sessions(1)
        await settle(pilot)
        app.push_screen(ReviewScreen(1))
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Export (x)" in titles and "Question bank" in titles
        await pilot.press("x")
        await settle(pilot)
        target = tmp_path / "exports" / "one.html"
        app.screen.query_one("#format").value = "html"
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!doctype html>") and "Mock interview 1" in page
        await pilot.press("x")  # again, to the name it offers: under the data directory
        await settle(pilot)
        offered = Path(app.screen.query_one("#path", Input).value)
        assert offered == app.settings.data_dir / "exports" / "session-1.md"
        offered.parent.mkdir(parents=True, exist_ok=True)
        offered.write_text("my own notes\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert offered.read_text(encoding="utf-8") == "my own notes\n"
        beside = offered.with_name("session-1-2.md")
        assert beside.read_text(encoding="utf-8").startswith("# Mock interview 1")
        assert any("session-1.md was already there, so this is session-1-2.md" in n.message
                   for n in app._notifications)


async def test_a_coach_error_while_generating_saves_nothing_and_says_so(make_app) -> None:
    from interview_tui.services.coach.base import CoachError, CoachInfo

    class Failing:
        info = CoachInfo(backend="claude", model="claude-test")

        async def run(self, task: object, *, on_text: object = None, on_call: object = None) -> None:
            raise CoachError("overloaded", "Claude is overloaded right now.")

    app = make_app(coach=Failing())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_question_bank()
        await settle(pilot)
        screen = app.screen
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert OwnQuestion.select().count() == 0
        assert "questions (0 yours)" in status(screen)
