"""The PSKS pages and API, and who may not use them."""

from __future__ import annotations

from service.care.models.institutions import Institution
from service.psks import register, trainings
from service.psks.models import PsksOrganisation, PsksTraining, PsksWorker
from tests import factories as f
from tests.conftest import post_form


def _seed(db):
    w1 = register.create_worker({"kind": "tksk", "name": "Sugeng Pusat", "area_code": "18.72.01"})
    w2 = register.create_worker({"kind": "psm", "name": "Ratna Selatan", "area_code": "18.72.05.1001"})
    inst = f.institution(name="LKS Bina", kind="lks", region_code="18.72.01")
    lks = register.create_organisation({"kind": "lks", "institution_id": inst.id})
    t = trainings.create_training({"title": "Bimtek TKSK", "starts_on": "2026-03-10", "ends_on": "2026-03-12",
                                   "area_code": "18.72.01"})
    trainings.add_participant(t, worker=w1)
    db.commit()
    return w1.id, w2.id, lks.id, t.id


def test_operator_registers_a_worker_an_lks_and_a_training(logged_in, db):
    client, _ = logged_in("operator")
    resp = post_form(client, "/psks/orang/baru", {"kind": "tksk", "name": "Hendra", "area_code": "18.72.05",
                                                  "phone": "0812"})
    assert resp.status_code == 302
    worker = db.query(PsksWorker).filter_by(name="Hendra").one()
    resp = post_form(client, "/psks/lembaga/baru", {"kind": "lks", "institution_id": "", "name": "LKSA Darul",
                                                    "region_code": "18.72.02", "leader_name": "H. Syam"})
    assert resp.status_code == 302
    org = db.query(PsksOrganisation).one()
    assert db.get(Institution, org.institution_id).name == "LKSA Darul"
    resp = post_form(client, f"/psks/lembaga/{org.id}/dokumen", {
        "doc-kind": "izin_operasional", "doc-number": "IO-1", "doc-issued_on": "01/02/2024",
        "doc-expires_on": "01/01/2027", "doc-grade": "", "doc-issuer": "Dinas"}, form_page=f"/psks/lembaga/{org.id}")
    assert resp.status_code == 302
    html = client.get("/psks/pengingat").get_data(as_text=True)
    assert "LKSA Darul" in html and "Segera berakhir" in html
    resp = post_form(client, "/psks/pelatihan/baru", {"title": "Bimtek", "starts_on": "10/03/2026",
                                                      "ends_on": "12/03/2026", "area_code": "18.72",
                                                      "location": "Aula"})
    assert resp.status_code == 302
    t = db.query(PsksTraining).one()
    url = f"/psks/pelatihan/{t.id}"
    assert post_form(client, f"{url}/peserta", {"pt-worker_id": str(worker.id)}, form_page=url).status_code == 302
    resp = post_form(client, f"{url}/peserta", {"pt-worker_id": str(worker.id)}, form_page=url)
    assert resp.status_code == 422
    assert post_form(client, f"{url}/peserta", {"pt-organisation_id": str(org.id), "pt-representative": "H. Syam"},
                     form_page=url).status_code == 302
    html = client.get(f"/psks/orang/{worker.id}").get_data(as_text=True)
    assert "Bimtek" in html  # who attended what, when


def test_form_errors_stay_beside_the_fields(logged_in, db):
    client, _ = logged_in("supervisor")
    resp = post_form(client, "/psks/orang/baru", {"kind": "", "name": "", "area_code": ""})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "Pilih jenis PSKS" in html and "Nama wajib diisi" in html


def test_tagana_sees_none_of_it(logged_in, db):
    w1, _w2, lks, t = _seed(db)
    client, _ = logged_in("tagana")
    for url in ("/psks", "/psks/orang", f"/psks/orang/{w1}", "/psks/lembaga", f"/psks/lembaga/{lks}",
                "/psks/pelatihan", f"/psks/pelatihan/{t}", "/psks/pengingat", "/psks/orang/baru"):
        assert client.get(url).status_code in (403, 404), url


def test_peksos_reads_only_their_area(logged_in, db):
    w1, w2, lks, t = _seed(db)
    client, _ = logged_in("peksos", "18.72.01")
    html = client.get("/psks/orang").get_data(as_text=True)
    assert "Sugeng Pusat" in html and "Ratna Selatan" not in html
    assert client.get(f"/psks/orang/{w2}").status_code == 404
    page = client.get(f"/psks/orang/{w1}")
    assert page.status_code == 200 and "Simpan" not in page.get_data(as_text=True)  # read only
    assert client.get(f"/psks/lembaga/{lks}").status_code == 200
    assert post_form(client, f"/psks/orang/{w1}", {"kind": "tksk", "name": "X", "area_code": "18.72.01"},
                     form_page=f"/psks/orang/{w1}").status_code == 403
    assert client.get("/psks/orang/baru").status_code == 403


def test_auditor_writes_nothing(logged_in, db):
    _w1, _w2, lks, t = _seed(db)
    client, _ = logged_in("auditor")
    assert client.get(f"/psks/lembaga/{lks}").status_code == 200
    assert post_form(client, f"/psks/lembaga/{lks}/dokumen", {"doc-kind": "tanda_daftar"},
                     form_page=f"/psks/lembaga/{lks}").status_code == 403
    assert post_form(client, f"/psks/pelatihan/{t}/peserta", {}, form_page=f"/psks/pelatihan/{t}").status_code == 403


def test_api_and_its_denials(api, db):
    w1, w2, lks, t = _seed(db)
    op = api("operator")
    resp = op("POST", "/api/v1/psks/workers", {"kind": "psm", "name": "Baru", "area_code": "18.72.03.1001"})
    assert resp.status_code == 201
    resp = op("POST", "/api/v1/psks/organisations", {"kind": "karang_taruna", "name": "KT API",
                                                     "region_code": "18.72.01"})
    assert resp.status_code == 201 and resp.get_json()["institution_id"] is None
    resp = op("POST", f"/api/v1/psks/organisations/{lks}/documents", {"kind": "akreditasi", "number": "AK",
                                                                      "issued_on": "2024-01-01"})
    assert resp.status_code == 422 and "grade" in resp.get_json()["error"]["fields"]
    resp = op("POST", f"/api/v1/psks/trainings/{t}/participants", {"worker_id": str(w2)})
    assert resp.status_code == 201 and len(resp.get_json()["participants"]) == 2
    assert op("GET", "/api/v1/psks/expiring").status_code == 200
    peksos = api("peksos", "18.72.01")
    names = [w["name"] for w in peksos("GET", "/api/v1/psks/workers").get_json()["items"]]
    assert "Sugeng Pusat" in names and "Ratna Selatan" not in names
    assert peksos("GET", f"/api/v1/psks/workers/{w2}").status_code == 404
    assert peksos("POST", "/api/v1/psks/workers", {"kind": "psm", "name": "X", "area_code": "18.72.01"}).status_code == 403
    tagana = api("tagana")
    for path in ("/api/v1/psks/workers", "/api/v1/psks/organisations", "/api/v1/psks/trainings",
                 f"/api/v1/psks/trainings/{t}", "/api/v1/psks/expiring"):
        assert tagana("GET", path).status_code == 403, path
    assert api("auditor")("POST", "/api/v1/psks/trainings", {"title": "x"}).status_code == 403
