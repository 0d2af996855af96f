"""PDF rendering works offline and refuses remote resources."""

from __future__ import annotations

import pytest

from service.core.exports.pdf import html_to_pdf


def test_renders_a_pdf_with_the_office_letterhead(app):
    from flask import render_template_string

    from service.core import settings

    with app.test_request_context():
        html = render_template_string(
            '{% extends "print/base.html" %}{% from "print/_macros.html" import signature %}'
            '{% block content %}<h1>SURAT</h1>{{ signature(office, "Metro", None) }}{% endblock %}',
            office=settings.office())
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000


def test_remote_resources_are_refused():
    html = '<html><body><img src="https://example.com/x.png">ok</body></html>'
    # WeasyPrint logs and skips a resource its fetcher refuses: the PDF renders, nothing is fetched.
    assert html_to_pdf(html).startswith(b"%PDF-")
    from service.core.exports.pdf import STATIC_DIR, check_url

    for url in ("https://example.com/x.png", "file:///etc/passwd", "http://127.0.0.1/"):
        with pytest.raises(ValueError):
            check_url(url)
    check_url((STATIC_DIR / "icons" / "lindung.svg").as_uri())
