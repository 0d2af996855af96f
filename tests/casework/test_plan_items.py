"""Plan items marked done / cancelled: the service rules and the case page buttons (with denials)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from service.casework import approvals, plans
from service.casework.models import CasePlanItem
from service.core.errors import NotFound, ValidationError
from tests import factories
from tests.conftest import csrf_from


def _planned_case(db, make_user, worker=None, **case_kw):
    sup = make_user("supervisor")
    worker = worker or make_user("peksos", "18.72.01")
    case = factories.case(worker_id=worker.id, **case_kw)
    a = factories.assessment(case)
    approvals.decide_approval(approvals.request_assessment_approval(a), True, by_id=sup.id)
    item = plans.add_plan_item(case, "permakanan", dt.date(2026, 3, 1), responsible_id=worker.id)
    db.commit()
    return case, item


def _post(client, url, data, page):
    """POST one of the per-item forms; they are prefixed ("done-<id>-csrf_token", "cancel-<id>-…")."""
    token = csrf_from(client.get(page).get_data(as_text=True))
    item_id, kind = url.rstrip("/").split("/")[-2:]
    return client.post(url, data={**data, f"{kind}-{item_id}-csrf_token": token})


# ---------------------------------------------------------------- service
def test_done_links_a_delivery_of_the_same_case_and_service(db, make_user):
    case, item = _planned_case(db, make_user)
    other_case = factories.case()
    delivered = factories.deliver(case.person, "permakanan", case=case)
    elsewhere = factories.deliver(other_case.person, "permakanan", case=other_case)
    assert [d.id for d in plans.plan_item_deliveries(item)] == [delivered.id]
    with pytest.raises(ValidationError) as exc:
        plans.set_plan_item_status(item, "done", elsewhere.id)
    assert "delivery_id" in exc.value.fields and item.status == "planned"
    plans.set_plan_item_status(item, "done", str(delivered.id), by_id=case.worker_id)
    assert (item.status, item.delivery_id, item.status_changed_by_id) == ("done", delivered.id, case.worker_id)
    with pytest.raises(ValidationError):  # final: cannot be cancelled afterwards
        plans.set_plan_item_status(item, "cancelled", reason="salah")


def test_cancel_needs_a_reason_and_a_closed_case_changes_nothing(db, make_user):
    case, item = _planned_case(db, make_user)
    with pytest.raises(ValidationError) as exc:
        plans.set_plan_item_status(item, "cancelled", reason="  ")
    assert set(exc.value.fields) == {"reason"}
    plans.set_plan_item_status(item, "cancelled", reason="Sudah dibantu keluarga")
    assert (item.status, item.status_reason) == ("cancelled", "Sudah dibantu keluarga")
    with pytest.raises(NotFound):
        plans.get_plan_item(factories.case(), item.id)


# ---------------------------------------------------------------- web
def test_worker_marks_done_from_the_case_page(logged_in, make_user, db):
    client, worker = logged_in("peksos", "18.72.01")
    case, item = _planned_case(db, make_user, worker=worker)
    delivered = factories.deliver(case.person, "permakanan", case=case, on=dt.date(2026, 2, 27))
    db.commit()
    page = f"/kasus/{case.id}"
    html = client.get(page).get_data(as_text=True)
    assert "Tandai selesai" in html and "27/02/2026" in html  # the delivery is offered
    resp = _post(client, f"{page}/rencana/{item.id}/selesai", {f"done-{item.id}-delivery_id": str(delivered.id)}, page)
    assert resp.status_code == 302
    db.expire_all()
    stored = db.get(CasePlanItem, item.id)
    assert (stored.status, stored.delivery_id, stored.status_changed_by_id) == ("done", delivered.id, worker.id)
    html = client.get(page).get_data(as_text=True)
    assert "Selesai" in html and "Tandai selesai" not in html
    # a second click on a stale page is refused, not a 500
    again = _post(client, f"{page}/rencana/{item.id}/batal", {f"cancel-{item.id}-reason": "x"}, page)
    assert again.status_code == 422 and "sudah selesai atau dibatalkan" in again.get_data(as_text=True)


def test_cancel_without_reason_shows_the_error_beside_the_field(logged_in, make_user, db):
    client, worker = logged_in("peksos", "18.72.01")
    case, item = _planned_case(db, make_user, worker=worker)
    page = f"/kasus/{case.id}"
    html = client.get(page).get_data(as_text=True)
    assert 'data-confirm="Batalkan layanan ini' in html
    resp = _post(client, f"{page}/rencana/{item.id}/batal", {f"cancel-{item.id}-reason": ""}, page)
    body = resp.get_data(as_text=True)
    assert resp.status_code == 422 and 'class="field has-error"' in body and "Tuliskan alasan pembatalan." in body
    db.expire_all()
    assert db.get(CasePlanItem, item.id).status == "planned"
    resp = _post(client, f"{page}/rencana/{item.id}/batal", {f"cancel-{item.id}-reason": "Pindah domisili"}, page)
    assert resp.status_code == 302
    db.expire_all()
    assert db.get(CasePlanItem, item.id).status_reason == "Pindah domisili"
    assert "Pindah domisili" in client.get(page).get_data(as_text=True)


def test_english_page_translates_the_buttons(logged_in, make_user, db):
    client, worker = logged_in("peksos", "18.72.01")
    case, _ = _planned_case(db, make_user, worker=worker)
    page = f"/kasus/{case.id}"
    client.post("/bahasa/en", data={"csrf_token": csrf_from(client.get(page).get_data(as_text=True)), "next": page})
    html = client.get(page).get_data(as_text=True)
    assert "Mark done" in html and "Tandai selesai" not in html


@pytest.mark.parametrize("role, area, status", [
    ("auditor", None, 403), ("tagana", None, 403), ("peksos", "18.72.05", 403), ("pimpinan", None, 403)])
def test_denials_per_role_and_area(logged_in, make_user, db, role, area, status):
    case, item = _planned_case(db, make_user)
    client, _ = logged_in(role, area)
    for kind, segment, data in (("done", "selesai", {}), ("cancel", "batal", {f"cancel-{item.id}-reason": "x"})):
        resp = client.post(f"/kasus/{case.id}/rencana/{item.id}/{segment}",
                           data={**data, f"{kind}-{item.id}-csrf_token": csrf_from(client.get("/kasus").get_data(as_text=True))})
        assert resp.status_code == status
    db.expire_all()
    assert db.get(CasePlanItem, item.id).status == "planned"


def test_sensitive_case_item_hidden_from_unassigned_worker_and_unknown_ids_404(logged_in, make_user, db):
    assigned = make_user("peksos", "18.72.01")
    case, item = _planned_case(db, make_user, worker=assigned, category="korban_trafficking")
    client, _ = logged_in("peksos", "18.72.01")
    token = csrf_from(client.get("/kasus").get_data(as_text=True))
    resp = client.post(f"/kasus/{case.id}/rencana/{item.id}/selesai", data={f"done-{item.id}-csrf_token": token})
    assert resp.status_code == 403
    other, other_item = _planned_case(db, make_user, worker=make_user("peksos", "18.72.01"))
    client.post("/keluar", data={"csrf_token": csrf_from(client.get("/kasus").get_data(as_text=True))})
    sup, _ = logged_in("supervisor")
    token = csrf_from(sup.get("/kasus").get_data(as_text=True))
    assert sup.post(f"/kasus/{case.id}/rencana/{other_item.id}/selesai",
                    data={f"done-{other_item.id}-csrf_token": token}).status_code == 404
    assert sup.post(f"/kasus/{case.id}/rencana/not-an-id/selesai", data={}).status_code in (400, 404)
    assert db.scalar(select(CasePlanItem.status).where(CasePlanItem.id == other_item.id)) == "planned"


def test_anonymous_is_sent_to_login(client, db, make_user):
    case, item = _planned_case(db, make_user)
    token = csrf_from(client.get("/masuk").get_data(as_text=True))
    resp = client.post(f"/kasus/{case.id}/rencana/{item.id}/selesai", data={f"done-{item.id}-csrf_token": token})
    assert resp.status_code == 302 and "/masuk" in resp.headers["Location"]
    assert db.get(CasePlanItem, item.id).status == "planned"
