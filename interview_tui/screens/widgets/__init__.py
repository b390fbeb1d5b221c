"""The widgets the screens are built from, one per module, and ``format``: the small
formatting rules they share."""
