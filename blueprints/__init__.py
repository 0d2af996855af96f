"""The HTTP layer: one blueprint per area; each calls service/ functions."""
