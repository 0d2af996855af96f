"""Lindung's domain layer: models and the rules. Never imports Flask."""
