"""Shipped data: the offline question bank and the demo profile."""
