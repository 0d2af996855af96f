"""Tables of the care area."""
