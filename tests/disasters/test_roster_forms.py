"""TAGANA roster forms: deactivate / reactivate a member, end a deployment."""

from __future__ import annotations

from typing import Any

from service.disasters.models.volunteers import Deployment, Volunteer
from tests.conftest import post_form
from tests.disasters.conftest import TODAY, deploy_user


def test_operator_deactivates_and_reactivates(logged_in: Any, make_user: Any, event: Any, db: Any) -> None:
    dep = deploy_user(event, make_user("tagana"))
    db.commit()
    client, _ = logged_in("operator")
    url = f"/bencana/tagana/{dep.volunteer_id}/status"
    html = client.get("/bencana/tagana").get_data(as_text=True)
    assert url in html and "Nonaktifkan " in html
    resp = post_form(client, url, {"active": "0"}, form_page="/bencana/tagana")
    assert resp.status_code == 302
    assert db.get(Volunteer, dep.volunteer_id).active is False
    assert "Aktifkan kembali" in client.get("/bencana/tagana").get_data(as_text=True)
    post_form(client, url, {"active": "1"}, form_page="/bencana/tagana")
    assert db.get(Volunteer, dep.volunteer_id).active is True


def test_ended_deployment_removes_access(client: Any, logged_in: Any, make_user: Any, event: Any, db: Any) -> None:
    volunteer_user = make_user("tagana")
    dep = deploy_user(event, volunteer_user)
    db.commit()
    client, _ = logged_in("supervisor")
    url = f"/bencana/tagana/penugasan/{dep.id}/selesai"
    assert url in client.get("/bencana/tagana").get_data(as_text=True)
    resp = post_form(client, url, {"ended_on": TODAY.isoformat()}, form_page="/bencana/tagana")
    assert resp.status_code == 302
    assert db.get(Deployment, dep.id).ended_on == TODAY
    page = client.get("/bencana/tagana").get_data(as_text=True)
    assert url not in page and "Selesai" in page


def test_tagana_loses_event_after_deployment_ends(app: Any, make_user: Any, event: Any, db: Any) -> None:
    from service.disasters import volunteers
    from tests.conftest import login

    user = make_user("tagana")
    dep = deploy_user(event, user)
    db.commit()
    c = app.test_client()
    login(c, user.username)
    assert c.get(f"/bencana/{event.id}").status_code == 200
    volunteers.end_deployment(db.get(Deployment, dep.id), TODAY)
    db.commit()
    assert c.get(f"/bencana/{event.id}").status_code == 404
    assert event.code not in c.get("/bencana/").get_data(as_text=True)


def test_end_deployment_bad_date_and_denials(logged_in: Any, make_user: Any, event: Any, db: Any) -> None:
    dep = deploy_user(event, make_user("tagana"))
    db.commit()
    url = f"/bencana/tagana/penugasan/{dep.id}/selesai"
    client, _ = logged_in("operator")
    resp = post_form(client, url, {"ended_on": "2000-01-01"}, form_page="/bencana/tagana", follow_redirects=True)
    assert "Tanggal selesai sebelum tanggal mulai." in resp.get_data(as_text=True)
    assert db.get(Deployment, dep.id).ended_on is None
    assert post_form(client, "/bencana/tagana/penugasan/00000000-0000-0000-0000-000000000000/selesai",
                     {}, form_page="/bencana/tagana").status_code == 404


def test_tagana_and_other_area_may_not_use_roster_forms(logged_in: Any, make_user: Any, event: Any,
                                                         db: Any) -> None:
    volunteer_user = make_user("tagana")
    dep = deploy_user(event, volunteer_user)
    db.commit()

    other, _ = logged_in("operator", "11.01")
    for url, data in ((f"/bencana/tagana/penugasan/{dep.id}/selesai", {"ended_on": TODAY.isoformat()}),
                      (f"/bencana/tagana/{dep.volunteer_id}/status", {"active": "0"})):
        assert post_form(other, url, data, form_page="/bencana/tagana").status_code == 404
    assert db.get(Deployment, dep.id).ended_on is None and db.get(Volunteer, dep.volunteer_id).active


def test_tagana_role_is_refused(app: Any, make_user: Any, event: Any, db: Any) -> None:
    from tests.conftest import csrf_from, login

    user = make_user("tagana")
    dep = deploy_user(event, user)
    db.commit()
    c = app.test_client()
    login(c, user.username)
    token = csrf_from(c.get(f"/bencana/{event.id}/distribusi").get_data(as_text=True))
    assert c.post(f"/bencana/tagana/penugasan/{dep.id}/selesai", data={"csrf_token": token}).status_code == 403
    assert c.post(f"/bencana/tagana/{dep.volunteer_id}/status", data={"csrf_token": token, "active": "0"}
                  ).status_code == 403
    assert db.get(Deployment, dep.id).ended_on is None


def test_refused_end_of_deployment_is_shown_beside_its_date(logged_in: Any, make_user: Any, event: Any,
                                                            db: Any) -> None:
    dep = deploy_user(event, make_user("tagana"))
    db.commit()
    client, _ = logged_in("operator")
    resp = post_form(client, f"/bencana/tagana/penugasan/{dep.id}/selesai", {"ended_on": "2000-01-01"},
                     form_page="/bencana/tagana")
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    field = html.split(f'id="end-{dep.id}"', 1)[1].split("</form>", 1)[0]
    assert 'value="2000-01-01"' in field and "Tanggal selesai sebelum tanggal mulai." in field
    assert db.get(Deployment, dep.id).ended_on is None
