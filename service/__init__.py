"""Lindung's domain layer: models and the rules. Never imports Flask."""

from __future__ import annotations


def import_service_modules() -> None:
    """Import every ``service`` module: area modules register their demo seeders
    (``service.demo.register_seeder``) and scheduled jobs (``service.jobs.job``) at import."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if not info.ispkg and info.name != "demo":
            importlib.import_module(f"service.{info.name}")
