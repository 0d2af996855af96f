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


def test_long_tables_repeat_their_header_and_never_split_a_row_or_an_amount(app):
    """Every printed document extends print/base.html; a table longer than a page repeats its header
    on each page, keeps each row (even a tall one) on one page and never wraps an amount."""
    import io

    from flask import render_template_string
    from pypdf import PdfReader

    from service.core import settings
    from service.core.formatting import format_rupiah

    rows = "".join(
        f"<tr><td>Baris {i:03d}</td><td>{'Uraian panjang sekali yang memenuhi kolom ' * (3 if i % 7 else 40)}akhir{i:03d}</td>"
        f'<td class="num">{format_rupiah(827_447_000 + i)}</td></tr>' for i in range(120))
    with app.test_request_context():
        html = render_template_string(
            '{% extends "print/base.html" %}{% block content %}<table><colgroup><col style="width:14%">'
            '<col style="width:76%"><col style="width:10%"></colgroup><thead><tr><th>Nomor</th><th>Uraian</th>'
            '<th>Jumlah anggaran</th></tr></thead><tbody>' + rows + '</tbody></table>{% endblock %}',
            office=settings.office())
    raw = [p.extract_text() for p in PdfReader(io.BytesIO(html_to_pdf(html))).pages]
    pages = [" ".join(text.split()) for text in raw]
    assert len(pages) >= 3
    for text in pages:
        assert "Nomor Uraian Jumlah anggaran" in text  # the header row on every page
    for i in range(120):
        # the row's label and its whole amount sit on the same page, the amount on one line
        holding = [n for n, text in enumerate(pages) if f"Baris {i:03d}" in text]
        assert len(holding) == 1 and f"akhir{i:03d}" in pages[holding[0]], i  # a tall row is not split
        assert f"Rp {827_447_000 + i:,}".replace(",", ".") in raw[holding[0]], i  # not broken over two lines


def test_every_printed_template_uses_the_print_base():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    printed = [p for p in root.rglob("*.html")
               if ("print" in p.parts or "print" in p.stem or p.stem.endswith("_pdf")) and not p.name.startswith("_")
               and p.parent.name != "print" or (p.parent.name == "print" and p.parent.parent != root
                                                 and not p.name.startswith("_"))]
    assert printed
    missing = [str(p.relative_to(root)) for p in printed if 'extends "print/base.html"' not in p.read_text()]
    assert not missing, missing
