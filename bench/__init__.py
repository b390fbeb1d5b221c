"""Benchmarks for interview-tui: ``python -m bench`` (or ``make bench``).

Every benchmark prints its absolute figures and a ratio against a baseline measured in
the same run, so a noisy machine changes both sides alike. See bench/README.md.

Keep this file free of imports: the startup benchmark's child processes import it.
"""
