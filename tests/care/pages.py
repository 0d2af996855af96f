"""Helpers of the care page tests: sign in, read a PDF's text."""

from __future__ import annotations


def login_as(client, user):
    from tests.conftest import login

    assert login(client, user.username).status_code == 302
    return client


def pdf_text(data: bytes) -> str:
    """Text of a WeasyPrint PDF (pypdf, a dev dependency)."""
    import io

    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
