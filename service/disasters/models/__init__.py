"""Tables of the disasters area."""
