"""Budget realisation: payments against sub-activities and pagu revisions (docs/performance.md).

Every door (the operator's form, the API, the import, the demo seeder) records a payment
through :func:`record_payment`, and a pagu change through :func:`revise_budget`. Nothing is
deleted or overwritten: a correction is a payment with a negative amount and a reason, a
revision is a new row effective from a date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import case, func, literal, select

from service.core import clock
from service.core.db import session
from service.core.errors import N_, ValidationError
from service.core.formatting import past_date
from service.performance.models import FUNDING_SOURCES, REVISION_KINDS, BudgetPayment, BudgetRevision
from service.reports.models.planning import PlanRow
from service.reports.renja_plans import get_plan, quarter_bounds
from service.reports.spm import check_year

MAX_AMOUNT = 10**15  # a sanity bound (a quadrillion rupiah)
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


# ------------------------------------------------------------------ parsing
def parse_amount(raw: Any, field: str = "amount") -> int:
    """Integer rupiah from ``1250000``, ``1.250.000``, ``Rp 1.250.000``, ``-250000`` or an XLSX number."""
    if isinstance(raw, bool):
        raise ValidationError({field: N_("Jumlah harus bilangan bulat rupiah.")})
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            raise ValidationError({field: N_("Jumlah harus bilangan bulat rupiah (tanpa sen).")})
        value = int(raw)
    else:
        text = str(raw or "").strip().replace(" ", "")
        if text.lower().startswith("rp"):
            text = text[2:]
        elif text.lower().startswith("-rp"):
            text = "-" + text[3:]
        if not text:
            raise ValidationError({field: N_("Jumlah wajib diisi.")})
        if _GROUPED.match(text):
            text = text.replace(".", "")
        if not re.fullmatch(r"-?\d+", text):
            raise ValidationError({field: N_("Jumlah harus bilangan bulat rupiah (tanpa sen).")})
        value = int(text)
    if abs(value) >= MAX_AMOUNT:
        raise ValidationError({field: N_("Jumlah terlalu besar.")})
    return value


def sub_activity(year: int, code: str, field: str = "code") -> PlanRow:
    """The sub-activity ``code`` of the plan loaded for ``year`` (else a ValidationError)."""
    plan = get_plan(year)
    row = next((r for r in plan.rows if r.code == code), None) if plan else None
    if row is None or row.level != "sub_kegiatan":
        raise ValidationError({field: N_("Sub kegiatan {code} tidak ada dalam rencana tahun {year}.")},
                              code=code or "–", year=year)
    return row


# ------------------------------------------------------------------ payments
def check_payment(code: Any, paid_on: Any, amount: Any, funding_source: Any, document_no: Any,
                  description: Any = "", reason: Any = None, *, today: dt.date | None = None) -> dict[str, Any]:
    """Every rule of a payment, all problems at once (a ValidationError with every field)."""
    today = today or clock.today()
    errors: dict[str, str] = {}
    code = str(code or "").strip()
    day = past_date(paid_on, "paid_on", today, errors, required=True)
    value = None
    try:
        value = parse_amount(amount)
        if value == 0:
            errors["amount"] = N_("Jumlah tidak boleh nol.")
    except ValidationError as exc:
        errors.update(exc.fields)
    source = str(funding_source or "").strip()
    match = next((s for s in FUNDING_SOURCES if s.lower() == source.lower()), None)
    if match is None:
        errors["funding_source"] = N_("Sumber dana harus APBD, APBN, DAK, DBH atau lainnya.")
    number = str(document_no or "").strip()
    if not number:
        errors["document_no"] = N_("Nomor bukti wajib diisi.")
    elif len(number) > 80:
        errors["document_no"] = N_("Nomor bukti terlalu panjang (maksimal 80 karakter).")
    text = str(description or "").strip()
    why = str(reason or "").strip() or None
    if value is not None and value < 0 and not why:
        errors["reason"] = N_("Koreksi (jumlah negatif) wajib disertai alasan.")
    params: dict[str, Any] = {}
    if day is not None:
        try:
            sub_activity(day.year, code)
        except ValidationError as exc:
            errors.update(exc.fields)
            params.update(exc.params)
    elif not code:
        errors["code"] = N_("Sub kegiatan wajib dipilih.")
    if errors:
        raise ValidationError(errors, **params)
    return {"code": code, "paid_on": day, "amount": value, "funding_source": match, "document_no": number,
            "description": text, "reason": why}


def find_payment(code: str, document_no: str) -> BudgetPayment | None:
    return session.scalar(select(BudgetPayment).where(BudgetPayment.code == code,
                                                      BudgetPayment.document_no == document_no))


def record_payment(code: Any, paid_on: Any, amount: Any, funding_source: Any, document_no: Any,
                   description: Any = "", reason: Any = None, *, today: dt.date | None = None,
                   source: str = "form") -> BudgetPayment:
    """Record one payment (or a negative correction with its reason). (code, nomor bukti) is unique."""
    values = check_payment(code, paid_on, amount, funding_source, document_no, description, reason, today=today)
    if find_payment(values["code"], values["document_no"]) is not None:
        raise ValidationError({"document_no": N_("Nomor bukti {number} sudah dicatat untuk sub kegiatan ini.")},
                              number=values["document_no"])
    payment = BudgetPayment(source=source, **values)
    session.add(payment)
    session.flush()
    return payment


def payments_query(year: int, code: str | None = None, end: dt.date | None = None) -> Any:
    """Payments dated in ``year`` (through ``end``), newest first: the drill-down from ``spent``."""
    stmt = select(BudgetPayment).where(BudgetPayment.paid_on >= dt.date(year, 1, 1),
                                       BudgetPayment.paid_on <= (end or dt.date(year, 12, 31)))
    if code:
        stmt = stmt.where(BudgetPayment.code == code)
    return stmt.order_by(BudgetPayment.paid_on.desc(), BudgetPayment.document_no.desc())


def spent_by_code(year: int, end: dt.date, start: dt.date | None = None) -> dict[str, int]:
    """{sub-activity code: sum of the amounts dated in [start or 1 January of ``year``, ``end``]}."""
    stmt = (select(BudgetPayment.code, func.sum(BudgetPayment.amount))
            .where(BudgetPayment.paid_on >= (start or dt.date(year, 1, 1)), BudgetPayment.paid_on <= end)
            .group_by(BudgetPayment.code))
    return {code: int(total or 0) for code, total in session.execute(stmt)}


def spent_by_quarter(year: int, quarter: int) -> dict[str, list[int]]:
    """{code: [spent in Q1, …, spent in Q``quarter``]} in one scan (the quarterly table, the early warning)."""
    ends = [quarter_bounds(year, q)[1] for q in range(1, quarter + 1)]
    qtr = case(*[(BudgetPayment.paid_on <= e, i) for i, e in enumerate(ends[:-1], start=1)], else_=quarter) \
        if quarter > 1 else literal(1)
    stmt = (select(BudgetPayment.code, qtr, func.sum(BudgetPayment.amount))
            .where(BudgetPayment.paid_on >= dt.date(year, 1, 1), BudgetPayment.paid_on <= ends[-1])
            .group_by(BudgetPayment.code, qtr))
    out: dict[str, list[int]] = {}
    for code, q, total in session.execute(stmt):
        out.setdefault(code, [0] * quarter)[int(q) - 1] = int(total or 0)
    return out


# ------------------------------------------------------------------ pagu revisions
def revise_budget(year: Any, code: Any, effective_on: Any, budget: Any, kind: Any = "pergeseran",
                  reason: Any = "", document_no: Any = "", *, today: dt.date | None = None) -> BudgetRevision:
    """Change a sub-activity's pagu from ``effective_on`` (within the plan's year); the old value is kept."""
    y = check_year(year)
    code = str(code or "").strip()
    row = sub_activity(y, code)
    errors: dict[str, str] = {}
    day = past_date(effective_on, "effective_on", today or dt.date(9999, 12, 31), errors, required=True)
    if day is not None and day.year != y:
        errors["effective_on"] = N_("Tanggal berlaku harus dalam tahun anggaran {year}.")
    value = None
    try:
        value = parse_amount(budget, "budget")
        if value < 0:
            errors["budget"] = N_("Pagu tidak boleh negatif.")
    except ValidationError as exc:
        errors.update(exc.fields)
    kind = str(kind or "").strip()
    if kind not in REVISION_KINDS:
        errors["kind"] = N_("Jenis perubahan harus pergeseran atau perubahan.")
    why = str(reason or "").strip()
    if not why:
        errors["reason"] = N_("Alasan perubahan pagu wajib diisi.")
    if errors:
        raise ValidationError(errors, year=y)
    assert day is not None and value is not None
    revision = BudgetRevision(year=y, code=code, effective_on=day, budget=value, kind=kind, reason=why,
                              document_no=str(document_no or "").strip()[:80],
                              previous_budget=budgets_on(y, day, {code: row.budget}).get(code))
    session.add(revision)
    session.flush()
    return revision


def revisions(year: int, code: str | None = None) -> list[BudgetRevision]:
    stmt = select(BudgetRevision).where(BudgetRevision.year == year)
    if code:
        stmt = stmt.where(BudgetRevision.code == code)
    return list(session.scalars(stmt.order_by(BudgetRevision.effective_on, BudgetRevision.created_at)))


def budgets_on(year: int, day: dt.date, planned: dict[str, int | None]) -> dict[str, int | None]:
    """The pagu of each sub-activity in force on ``day``: its latest revision effective by then, else the plan's."""
    out = dict(planned)
    for rev in revisions(year):  # ordered: a later revision (or a later entry on the same day) wins
        if rev.effective_on <= day and rev.code in out:
            out[rev.code] = rev.budget
    return out
