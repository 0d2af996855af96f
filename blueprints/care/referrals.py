"""Referrals: the list, drafting one, its page (send, new answer link, staff-recorded answer,
complete, cancel) and its letter; and the two PUBLIC pages a letter leads to — the
verification page its QR opens and the one-time answer link — which need no login and
never show personal data (docs/care.md "Public pages")."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from blueprints.care import bp
from blueprints.care.common import case_context, case_for, found, institution_choices, or_404
from blueprints.care.forms import AnswerForm, CancelForm, CompleteForm, ReferralForm
from blueprints.care.letters import pdf_response, reissue_and_store, render_letter, send_and_store
from blueprints.core.forms import ActionForm
from blueprints.core.i18n import tr, tr_error
from blueprints.core.ratelimit import limiter
from blueprints.core.security import public, requires, user
from blueprints.core.transaction import service_errors
from service.care import institutions, referrals
from service.care.models.referrals import Referral
from service.core import audit, settings
from service.core.db import session
from service.core.errors import N_, NotFound
from service.core.pagination import paginate


def _referral(referral_id: str, action: str) -> Referral:
    return found(referrals.get_referral, referral_id, action)  # type: ignore[no-any-return]


def _decisions(form: AnswerForm) -> None:
    form.decision.choices = [(k, tr(v)) for k, v in [("accept", N_("Diterima")), ("decline", N_("Ditolak"))]]


@bp.route("/layanan/rujukan")
@requires("referral.view")
def referral_list() -> Any:
    q = (request.args.get("q") or "").strip()
    status = request.args.get("status") or None
    stmt = referrals.visible_stmt(user(), q, status if status in referrals.STATUS_LABELS else None)
    page = paginate(stmt, request.args.get("page", 1, type=int), 25)
    return render_template("care/referrals.html", page=page, q=q, status=status, labels=referrals.STATUS_LABELS)


@bp.route("/layanan/kasus/<case_id>/rujukan/baru", methods=["GET", "POST"])
@requires("referral.edit")
def referral_new(case_id: str) -> Any:
    case = case_for(case_id, "referral.edit")
    form = ReferralForm()
    form.institution_id.choices = institution_choices()
    if request.method == "GET":
        form.consent_checked.data = case.consent_given
    if form.validate_on_submit():
        inst = None
        if form.institution_id.data:
            inst = or_404(institutions.get_institution, form.institution_id.data)
        with service_errors(form) as done:
            ref = referrals.create_referral(case, inst, form.reason.data, form.summary.data,
                                            consent_checked=form.consent_checked.data, by_id=user().id)
        if done.ok:
            flash(tr("Draf rujukan disimpan."), "success")
            return redirect(url_for("care.referral_page", referral_id=ref.id))
    return render_template("care/form.html", form=form, title=N_("Rujukan baru"),
                           fields=["institution_id", "reason", "summary", "consent_checked"],
                           back=url_for("care.case_page", case_id=case.id), **case_context(case)), \
        422 if form.errors else 200


def _render_referral(ref: Referral, status: int = 200, **forms: Any) -> Any:
    answer = forms.get("answer") or AnswerForm(prefix="ans")
    _decisions(answer)
    return render_template("care/referral.html", ref=ref, labels=referrals.STATUS_LABELS,
                           allowed=referrals.WORKFLOW.targets(ref.status), answer=answer,
                           complete=forms.get("complete") or CompleteForm(prefix="c"),
                           cancel=forms.get("cancel") or CancelForm(prefix="x"), send=ActionForm(),
                           kinds=institutions.KIND_LABELS, **case_context(ref.case)), status


@bp.route("/layanan/rujukan/<referral_id>")
@requires("referral.view")
def referral_page(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.view")
    audit.log_access("persons", ref.person_id, "referral")
    return _render_referral(ref)


def _referral_action(referral_id: str, form: Any, fn: Any, ok: str, name: str | None = None) -> Any:
    """A form on the referral page: redirect on success, else the page again (422) with the errors
    beside the fields of form ``name`` (flashed for a button without fields)."""
    ref = _referral(referral_id, "referral.edit")
    if form.validate_on_submit():
        with service_errors(form) as done:
            fn(ref)
        if done.ok:
            flash(tr(ok), "success")
            return redirect(url_for("care.referral_page", referral_id=ref.id))
    if name is None:
        for f in form:
            for e in f.errors:
                flash(tr(e), "error")
    ref = or_404(referrals.get_referral, referral_id)
    return _render_referral(ref, 422, **({name: form} if name else {}))


@bp.route("/layanan/rujukan/<referral_id>/kirim", methods=["POST"])
@requires("referral.edit")
def referral_send(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.edit")
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    # Refused (no consent, not a draft): the messages are flashed and the page shown again.
    with service_errors(form) as done:
        send_and_store(ref)
    if not done.ok:
        return redirect(url_for("care.referral_page", referral_id=referral_id)), 302
    flash(tr("Rujukan dikirim. Unduh surat dan kirimkan ke lembaga tujuan."), "success")
    return redirect(url_for("care.referral_page", referral_id=ref.id))


@bp.route("/layanan/rujukan/<referral_id>/tautan-baru", methods=["POST"])
@requires("referral.edit")
def referral_relink(referral_id: str) -> Any:
    return _referral_action(referral_id, ActionForm(), reissue_and_store,
                            N_("Tautan jawaban baru dibuat; surat diperbarui. Tautan lama tidak berlaku."))


@bp.route("/layanan/rujukan/<referral_id>/jawaban", methods=["POST"])
@requires("referral.edit")
def referral_answer(referral_id: str) -> Any:
    form = AnswerForm(prefix="ans")
    return _referral_action(referral_id, form, lambda ref: referrals.record_answer(
        ref, form.decision.data == "accept", form.responder.data, form.decline_reason.data), N_("Jawaban dicatat."),
        "answer")


@bp.route("/layanan/rujukan/<referral_id>/selesai", methods=["POST"])
@requires("referral.edit")
def referral_complete(referral_id: str) -> Any:
    form = CompleteForm(prefix="c")
    return _referral_action(referral_id, form, lambda ref: referrals.complete_referral(
        ref, form.completed_on.data, worker_id=user().id), N_("Rujukan selesai; layanan rujukan dicatat."), "complete")


@bp.route("/layanan/rujukan/<referral_id>/batal", methods=["POST"])
@requires("referral.edit")
def referral_cancel(referral_id: str) -> Any:
    form = CancelForm(prefix="x")
    return _referral_action(referral_id, form, lambda ref: referrals.cancel_referral(ref, form.cancel_reason.data),
                            N_("Rujukan dibatalkan."), "cancel")


@bp.route("/layanan/rujukan/<referral_id>/surat.pdf")
@requires("referral.view")
def referral_letter(referral_id: str) -> Any:
    ref = _referral(referral_id, "referral.view")
    if not ref.letter_number:
        abort(404)
    pdf = session.scalar(select(Referral.letter_pdf).where(Referral.id == ref.id))
    if not pdf:
        # A letter sent without a stored copy (e.g. imported): printed again without an answer link.
        pdf = render_letter(ref, None)
    audit.log_access("persons", ref.person_id, "letter")
    return pdf_response(pdf, f"surat-rujukan-{ref.case.number}.pdf")


# ---------------------------------------------------------------- PUBLIC: no login, no personal data
# Per client address (blueprints/core/ratelimit.py): enough for a desk scanning letters, not for guessing.
VERIFY_LIMIT = "30 per minute;300 per hour"
ANSWER_LIMIT = "20 per minute;100 per hour"


@bp.route("/verifikasi/surat/<code>")
@public
@limiter.limit(VERIFY_LIMIT)
def verify_letter(code: str) -> Any:
    """PUBLIC. The page a letter's QR opens: number, date, issuing office — nothing about the person."""
    info = referrals.verify_letter(code)
    return render_template("care/verify.html", info=info), 200 if info else 404


@bp.route("/rujukan/jawab/<token>", methods=["GET", "POST"])
@public
@limiter.limit(ANSWER_LIMIT)
def answer_link(token: str) -> Any:
    """PUBLIC. One-time link for the receiving institution to accept or decline, without an account."""
    try:
        ref = referrals.referral_for_token(token)
    except NotFound:
        return render_template("care/answer.html", gone=tr("Tautan tidak dikenal."), form=None), 404
    except referrals.LinkGone as exc:
        return render_template("care/answer.html", gone=tr_error(exc), form=None), 410
    form = AnswerForm()
    _decisions(form)
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate_on_submit():
            with service_errors(form) as done:
                answered = referrals.answer_by_link(token, form.decision.data == "accept", form.responder.data,
                                                    form.decline_reason.data)
            if done.ok:
                return render_template("care/answer.html", done=answered, form=None, labels=referrals.STATUS_LABELS)
    return render_template("care/answer.html", ref=ref, form=form, office=settings.office()), status
