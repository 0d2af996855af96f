"""The "Gunakan data orang ini" button of the registration pages: the choice is part of the page's form (what was
typed goes with it), and only a person the user may open can be chosen (docs/disasters.md)."""

from __future__ import annotations

import re

from sqlalchemy import select

from service.disasters.models.events import Victim
from tests.conftest import post_form
from tests.disasters.conftest import deploy_user


def test_choosing_a_person_the_user_may_not_open_is_refused(logged_in, event, db):
    """"Gunakan data orang ini" offers only persons the user may open; a crafted id of any other (a
    volunteer may open no registry record) registers nobody and names nobody."""
    from service.registry import persons as registry

    hidden = registry.register_person({"name": "Warsini Rahasia", "nik": "1872056011480002", "sex": "P",
                                       "birth_date": "1948-11-20", "village_code": "18.72.05.1001"})
    db.commit()
    client, me = logged_in("tagana")
    deploy_user(event, me)
    db.commit()
    resp = post_form(client, f"/bencana/{event.id}/korban/baru", {
        "use_person_id": str(hidden.id), "status": "mengungsi", "damage_level": "rusak_berat",
        "needs": ["bencana_makanan"]})
    assert resp.status_code == 404
    assert "Warsini" not in resp.get_data(as_text=True)
    assert db.scalar(select(Victim).where(Victim.person_id == hidden.id)) is None


def test_the_registered_person_is_chosen_with_the_page_form(logged_in, event, db):
    """The choice is a button of the registration form itself (``form=``), so the family rows typed on
    the page are sent with it; the chosen person stays chosen when the page comes back with an error."""
    from service.registry import persons as registry

    known = registry.register_person({"name": "Warsini", "nik": "1872056011480001", "sex": "P",
                                      "birth_date": "1948-11-20", "village_code": "18.72.05.1001"})
    db.commit()
    client, _ = logged_in("operator")
    url = f"/bencana/{event.id}/korban/baru"
    data = {"name": "Sutinah", "nik": "1872056011480001", "sex": "P", "birth_date": "1948-11-20",
            "village_code": "18.72.05.1001", "status": "mengungsi", "needs": ["bencana_makanan"]}
    html = post_form(client, url, data).get_data(as_text=True)
    button = re.search(rf'<button[^>]*value="{known.id}"[^>]*>', html)
    assert button and 'form="victim-form"' in button.group(0) and 'name="use_person_id"' in button.group(0)
    assert re.search(r'<form[^>]*id="victim-form"', html)
    # chosen, but a family row is wrong: the page keeps the choice and says so
    resp = post_form(client, url, {**data, "use_person_id": str(known.id), "members-0-name": "Rini",
                                   "members-0-relationship_code": "anak", "members-0-no_nik_reason": ""})
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Memakai data Warsini yang sudah terdaftar" in html
    assert re.search(rf'<input[^>]*name="use_person_id"[^>]*value="{known.id}"', html)
    resp = post_form(client, url, {**data, "use_person_id": str(known.id), "members-0-name": "Rini",
                                   "members-0-relationship_code": "anak", "members-0-no_nik_reason": "belum_terdaftar",
                                   "members-0-age": "12"})
    assert resp.status_code == 302
    victim = db.scalar(select(Victim).where(Victim.person_id == known.id))
    assert sorted(m.person.name for m in victim.household.members) == ["Rini", "Warsini"]
