"""The protection API: the same use cases as the pages, and who may not use them."""

from __future__ import annotations

import base64

from service.protection import cemetery
from tests import factories as f
from tests.protection.conftest import TODAY, approved_batch, proposal


def test_propose_verify_batch_approve_export_and_answer(api, db):
    p = f.person(nama="Warga API", nik="1872014101500041")
    db.commit()
    op = api("operator")
    resp = op("POST", "/api/v1/protection/proposals", {"kind": "new", "nik": "1872014101500041",
                                                       "reason": "Miskin", "proposed_on": "2026-11-01"})
    assert resp.status_code == 201, resp.get_json()
    pid = resp.get_json()["id"]
    assert resp.get_json()["status"] == "draft" and resp.get_json()["person_id"] == str(p.id)
    resp = op("POST", f"/api/v1/protection/proposals/{pid}/evidence", {"kind": "musdes", "held_on": "2026-11-02"})
    assert resp.status_code == 422 and "reference" in resp.get_json()["error"]["fields"]
    resp = op("POST", f"/api/v1/protection/proposals/{pid}/evidence",
              {"kind": "musdes", "held_on": "2026-11-02", "reference": "BA-11"})
    assert resp.status_code == 201 and resp.get_json()["status"] == "verified"
    bid = op("POST", "/api/v1/protection/batches", {"period": "2026-11"}).get_json()["id"]
    assert op("POST", f"/api/v1/protection/batches/{bid}/proposals", {"proposal_ids": [pid]}).status_code == 200
    assert op("POST", f"/api/v1/protection/batches/{bid}/submit", {}).get_json()["status"] == "submitted"
    assert op("POST", f"/api/v1/protection/batches/{bid}/approve", {}).status_code == 403
    head = api("pimpinan")
    assert head("POST", f"/api/v1/protection/batches/{bid}/return", {}).status_code == 422  # needs a reason
    assert head("POST", f"/api/v1/protection/batches/{bid}/approve", {}).get_json()["status"] == "approved"
    resp = op("GET", f"/api/v1/protection/batches/{bid}/export?format=csv")
    assert resp.status_code == 200 and "1872014101500041" in resp.get_data(as_text=True)
    answers = base64.b64encode(f"ID_USULAN,HASIL,ALASAN\n{pid},DITOLAK,Sudah terdaftar\n".encode()).decode()
    resp = op("POST", f"/api/v1/protection/batches/{bid}/answers", {"content": answers})
    assert resp.status_code == 200 and resp.get_json()["status"] == "answered"
    assert resp.get_json()["proposals"][0]["answer_reason"] == "Sudah terdaftar"


def test_area_rules_and_tagana_over_the_api(api, db):
    south = proposal(p=f.person(nama="Selatan", kode_wilayah="18.72.05.1001"))
    north = proposal(p=f.person(nama="Pusat", kode_wilayah="18.72.01.1001"))
    batch = approved_batch(props=[north, south])
    db.commit()
    peksos = api("peksos", "18.72.01")
    items = peksos("GET", "/api/v1/protection/proposals").get_json()["items"]
    assert [i["subject"] for i in items] == ["Pusat"]
    assert peksos("GET", f"/api/v1/protection/proposals/{south.id}").status_code == 404
    assert [p["subject"] for p in peksos("GET", f"/api/v1/protection/batches/{batch.id}").get_json()["proposals"]] \
        == ["Pusat"]
    assert peksos("GET", f"/api/v1/protection/batches/{batch.id}/export").status_code == 403
    assert peksos("POST", "/api/v1/protection/proposals", {"kind": "update", "person_id": str(south.person_id),
                                                            "reason": "x"}).status_code == 404
    tagana = api("tagana")
    for path in ("/api/v1/protection/proposals", "/api/v1/protection/batches", "/api/v1/protection/memberships",
                 "/api/v1/protection/pbi-letters", "/api/v1/protection/graves", "/api/v1/protection/double-listing"):
        assert tagana("GET", path).status_code == 403, path
    auditor = api("auditor")
    assert auditor("GET", "/api/v1/protection/proposals").status_code == 200
    assert auditor("POST", "/api/v1/protection/batches", {"period": "2026-08"}).status_code == 403


def test_memberships_letters_documents_graves_over_the_api(api, db):
    p = f.person(nama="Peserta API", nik="1872014101500051")
    g = cemetery.create_grave({"cemetery": "TMP", "plot": "C-1", "hero_name": "Letda A", "area_code": "18.72.02"},
                              today=TODAY)
    db.commit()
    op = api("operator")
    resp = op("POST", "/api/v1/protection/memberships", {"programme_code": "pbi_jk", "person_id": str(p.id),
                                                         "started_on": "2026-01-01"})
    assert resp.status_code == 201
    mid = resp.get_json()["id"]
    resp = op("POST", f"/api/v1/protection/memberships/{mid}/status", {"status": "ended"})
    assert resp.status_code == 422  # ending needs a reason
    assert op("POST", f"/api/v1/protection/memberships/{mid}/status",
              {"status": "graduated", "on": "2026-09-01"}).get_json()["status"] == "graduated"
    resp = op("POST", "/api/v1/protection/pbi-letters", {"nik": "1872014101500051", "addressed_to": "RSUD",
                                                         "reason": "Rawat inap", "letter_date": "2026-11-01"})
    assert resp.status_code == 201 and "/400.9.3/" in resp.get_json()["letter_number"]
    lid = resp.get_json()["id"]
    assert op("POST", f"/api/v1/protection/pbi-letters/{lid}/answer",
              {"status": "accepted", "responder": "RSUD", "answered_on": "2026-11-02"}).get_json()["status"] == "accepted"
    resp = op("POST", "/api/v1/protection/civil-documents", {"person_id": str(p.id), "kind": "kia",
                                                             "obtained_on": "2026-10-01"})
    assert resp.status_code == 201 and resp.get_json()["delivery_id"]
    assert op("POST", "/api/v1/protection/civil-documents", {"person_id": str(p.id), "kind": "paspor",
                                                             "obtained_on": "2026-10-01"}).status_code == 422
    assert op("POST", "/api/v1/protection/graves/maintenance", {"grave_ids": [str(g.id)], "work": "cleaning",
                                                                "done_on": "2026-11-05"}).status_code == 201
    graves = op("GET", "/api/v1/protection/graves").get_json()["items"]
    assert graves[0]["last_maintained"] == "2026-11-05"
    peksos = api("peksos", "18.72.01")
    assert peksos("POST", "/api/v1/protection/graves/maintenance", {"grave_ids": [str(g.id)], "work": "cleaning",
                                                                    "done_on": "2026-11-05"}).status_code == 403
