"""A TAGANA volunteer typing a NIK learns only that it is registered, never whose it is (issue 12)."""

from __future__ import annotations

from sqlalchemy import select

from service.disasters.models.events import Victim
from tests.conftest import post_form
from tests.disasters.conftest import deploy_user


def test_taken_nik_never_names_its_holder_to_a_volunteer(logged_in, event, db, make_user):
    """A TAGANA volunteer may not open registry records: a taken NIK says only that (issue 12)."""
    from service.registry import persons as registry

    known = registry.register_person({"name": "Warsini", "nik": "1872056011480001", "sex": "P",
                                      "birth_date": "1948-11-20", "village_code": "18.72.05.1001",
                                      "address": "Jl. Rahasia 7"})
    known_id = known.id
    db.commit()
    client, volunteer = logged_in("tagana", "18.72.05")
    deploy_user(event, volunteer)
    db.commit()
    url = f"/bencana/{event.id}/korban/baru"
    data = {"name": "Sutinah", "nik": "1872056011480001", "sex": "P", "birth_date": "1948-11-20",
            "village_code": "18.72.05.1002", "status": "mengungsi", "damage_level": "rusak_berat",
            "vulnerable_groups": "lansia", "needs": ["bencana_makanan"]}
    resp = post_form(client, url, data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "NIK ini sudah terdaftar" in html
    assert "Warsini" not in html and str(known_id) not in html and "Gunakan data orang ini" not in html
    # the same NIK, name and birth date: that person, in the village the volunteer found her in
    resp = post_form(client, url, {**data, "name": "Bu Warsini"})
    assert resp.status_code == 302, resp.get_data(as_text=True)
    victim = db.scalar(select(Victim).where(Victim.person_id == known_id))
    assert victim is not None and victim.household.village_code == "18.72.05.1002"
    assert "Jl. Rahasia" not in (victim.household.address or "")
