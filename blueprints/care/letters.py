"""Official letters and printed records: the QR of a public verification URL, PDF answers, and
the referral letter (rendered once on sending and kept, because it carries the one-time answer
link, which is not stored in clear — docs/care.md "Referrals").

The QR and PDF pieces are not tied to referrals: other letters with a public verification
page (the coming PBI-JK recommendation letters) reuse them.
"""

from __future__ import annotations

import base64
import io

from flask import Response, render_template

from blueprints.core.urls import public_url
from service.care import institutions, referrals
from service.care.models.referrals import Referral
from service.core.exports.pdf import html_to_pdf


def qr_data_uri(text: str) -> str:
    """A QR code as an inline SVG data: URI (no remote URL, works in the PDF and on screen)."""
    import qrcode
    import qrcode.image.svg

    buf = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1).save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def pdf_response(pdf: bytes, filename: str) -> Response:
    """A PDF shown in the browser (``inline``) under ``filename``."""
    resp = Response(pdf, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return resp


def html_pdf_response(html: str, filename: str) -> Response:
    return pdf_response(html_to_pdf(html), filename)


# ---------------------------------------------------------------- the referral letter
def render_letter_html(ref: Referral, token: str | None) -> str:
    """The referral letter: letterhead, number, recipient, summary, signature, QR, answer link (when given)."""
    verify_url = public_url("care.verify_letter", code=ref.verify_code)
    answer_url = public_url("care.answer_link", token=token) if token else None
    return render_template("care/print/referral_letter.html", **referrals.letter_context(ref),
                           qr=qr_data_uri(verify_url), verify_url=verify_url, answer_url=answer_url,
                           kind_label=institutions.KIND_LABELS[ref.institution.kind])


def render_letter(ref: Referral, token: str | None) -> bytes:
    return html_to_pdf(render_letter_html(ref, token))


def send_and_store(ref: Referral) -> str:
    """Send (number, code, link) and keep the letter PDF; returns the raw answer token (shown once)."""
    token = referrals.send_referral(ref)
    referrals.attach_letter(ref, render_letter(ref, token))
    return token


def reissue_and_store(ref: Referral) -> str:
    """A new answer link (the old one stops working) and the letter rendered again with it."""
    token = referrals.issue_answer_link(ref)
    referrals.attach_letter(ref, render_letter(ref, token))
    return token
