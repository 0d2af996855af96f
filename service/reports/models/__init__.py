"""Tables of the reports area."""
