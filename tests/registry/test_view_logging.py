"""Every view of a person's data is an access-log entry (audit.log_access), on every door."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from service.core.models.audit import AuditLog
from service.registry import households
from tests import factories


def views(db, person_id, actor_id):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(AuditLog).where(
        AuditLog.action == "view", AuditLog.entity_type == "persons",
        AuditLog.entity_id == str(person_id), AuditLog.actor_id == actor_id)) or 0


def test_edit_form_and_photo_views_are_logged(logged_in, db, app, tmp_path):
    from PIL import Image

    p = factories.person()
    db.commit()
    client, me = logged_in("peksos", "18.72.01")
    before = views(db, p.id, me.id)
    assert client.get(f"/orang/{p.id}/ubah").status_code == 200
    assert views(db, p.id, me.id) == before + 1
    from tests.conftest import csrf_from
    token = csrf_from(client.get(f"/orang/{p.id}").get_data(as_text=True))
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(buf, "PNG")
    buf.seek(0)
    client.post(f"/orang/{p.id}/foto", data={"csrf_token": token, "photo-photo": (buf, "f.png")},
                content_type="multipart/form-data")
    before = views(db, p.id, me.id)
    assert client.get(f"/orang/{p.id}/foto").status_code == 200
    assert views(db, p.id, me.id) == before + 1


def test_household_page_and_api_log_each_member(logged_in, api, db):
    head = factories.person()
    child = factories.person()
    hh = households.create_household(head)
    households.add_member(hh, child, "anak")
    db.commit()
    client, me = logged_in("peksos", "18.72.01")
    assert client.get(f"/keluarga/{hh.id}").status_code == 200
    assert views(db, head.id, me.id) == 1 and views(db, child.id, me.id) == 1
    call = api("operator")
    assert call("GET", f"/api/v1/households/{hh.id}").status_code == 200
    assert views(db, child.id, call.user.id) == 1


def test_assessment_page_and_case_api_views_are_logged(logged_in, api, db):
    case = factories.case()
    db.commit()
    client, me = logged_in("peksos", "18.72.01")
    assert client.get(f"/kasus/{case.id}/asesmen").status_code == 200
    assert views(db, case.person_id, me.id) == 1
    call = api("supervisor")
    assert call("GET", f"/api/v1/cases/{case.id}").status_code == 200
    assert call("GET", f"/api/v1/cases/{case.id}/assessments").status_code == 200
    assert views(db, case.person_id, call.user.id) == 2


def test_likely_duplicates_hits_are_logged(api, db):
    p = factories.person(nama="Sutarmi Wijaya", tanggal_lahir="1960-04-04")
    db.commit()
    call = api("peksos", "18.72.01")
    resp = call("POST", "/api/v1/persons/likely-duplicates",
                {"nama": "Sutarmi Wijaya", "jenis_kelamin": "P", "tanggal_lahir": "1960-04-04",
                 "kode_wilayah": "18.72.01.1001"})
    assert resp.status_code == 200 and any(i["id"] == str(p.id) for i in resp.get_json()["items"])
    assert views(db, p.id, call.user.id) == 1
