"""Fitting the history table's columns to a width: which forms, how names are cut."""

from __future__ import annotations

from datetime import datetime

from interview_tui.screens.widgets.session_columns import fit_middle, layout, who
from interview_tui.services.history import SessionRow


def row(company: str, role: str, state: str = "completed") -> SessionRow:
    return SessionRow(
        id=1, started_at=datetime(2026, 5, 1, 9, 0), company=company, role=role,
        stage="hiring_manager", difficulty="medium", persona="neutral", state=state,
        question_count=5, questions_asked=2, overall_score=7.0 if state == "completed" else None,
        readiness="Almost Ready" if state == "completed" else None,
    )


def test_middle_cut_keeps_the_end_that_tells_names_apart() -> None:
    a = fit_middle("Senior Backend Engineer", 14)
    b = fit_middle("Senior Backend Engineer, Payments Platform", 14)
    assert len(a) <= 14 and len(b) <= 14 and a != b
    assert fit_middle("Short", 14) == "Short"


def test_who_gives_the_role_the_larger_share_and_fits_exactly() -> None:
    for width in (20, 26, 40):
        text = who("Northwind Freight", "Senior Backend Engineer, Payments Platform", width)
        assert len(text) <= width
        company, role = text.split(" · ")
        assert len(role) >= len(company)
    assert who("Acme", "SRE", 40) == "Acme · SRE"


def test_layout_fills_the_width_and_shrinks_in_order() -> None:
    rows = [row("Northwind Freight", "Senior Backend Engineer", "awaiting_answer")]
    for available in (60, 77, 90, 118, 158):
        chosen = layout(rows, available, 2)
        used = sum(chosen.widths.values()) + 2 * len(chosen.widths)
        assert used == available or chosen.widths["who"] == 14
    wide, narrow = layout(rows, 158, 2), layout(rows, 77, 2)
    assert wide.is_long("date") and wide.is_long("result")
    assert not narrow.is_long("date") and "difficulty" not in narrow.keys
    # Fixed columns are as wide as what they hold: the result is not padded to a guess.
    assert wide.widths["result"] == len("Unfinished · Q2 of 5")
