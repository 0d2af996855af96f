"""The assessment needs checklist (issue 11): the case's SPM components first as large touch rows,
the other needs behind "Kebutuhan lain", no disaster items for a case that is not a disaster's."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from service.casework import cases as casework
from service.casework.models import Assessment
from service.core.errors import ValidationError
from service.offline import downloads
from tests import factories as f
from tests.conftest import post_form

DISASTER_ITEMS = ["bencana_makanan", "bencana_sandang", "bencana_penampungan", "bencana_kelompok_rentan",
                  "bencana_psikososial"]


def _rows(html: str) -> tuple[list[str], list[str]]:
    """(need codes shown before "Kebutuhan lain", those inside it), from the page."""
    block = html[html.index('class="need-rows'):]
    block = block[:block.index("</fieldset>")]
    first, _, rest = block.partition('<details class="more-needs"')
    pick = re.compile(r'<label class="touch-row" for="[^"]+"><input[^>]*value="([a-z_]+)"')
    return pick.findall(first), pick.findall(rest)


def test_components_first_others_folded_no_disaster_items(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    case = f.case(category="gelandangan")
    db.commit()
    html = client.get(f"/kasus/{case.id}/asesmen").get_data(as_text=True)
    first, rest = _rows(html)
    assert first == casework.basic_service_for(casework.get_category("gelandangan")).component_codes
    assert "Kebutuhan lain" in html and "vokasional" in rest and "permakanan" not in rest
    assert not set(DISASTER_ITEMS) & set(first + rest)
    assert re.search(r'<details class="more-needs">', html)  # folded while none of them is chosen
    assert "Penyediaan Permakanan" in html  # names, not codes


def test_an_other_need_is_kept_a_disaster_item_is_refused(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    case = f.case(category="gelandangan")
    db.commit()
    url = f"/kasus/{case.id}/asesmen"
    base = {"assessed_on": "02/11/2026", "neglected": "y", "outside_institution": "y"}
    resp = post_form(client, url, {**base, "needs": ["bencana_makanan", "permakanan"]})
    assert resp.status_code == 422 and 'class="error"' in resp.get_data(as_text=True)  # not even offered
    resp = post_form(client, url, {**base, "needs": ["vokasional"]})  # eligible, yet no SPM component
    assert resp.status_code == 422
    assert "Pilih minimal satu komponen layanan dasar SPM." in resp.get_data(as_text=True)
    assert db.scalar(select(Assessment).where(Assessment.case_id == case.id)) is None
    resp = post_form(client, url, {**base, "needs": ["permakanan", "vokasional"]})
    assert resp.status_code == 302
    a = db.scalar(select(Assessment).where(Assessment.case_id == case.id))
    assert a.need_codes == ["permakanan", "vokasional"]
    html = client.get(url).get_data(as_text=True)
    assert '<details class="more-needs" open>' in html and "1 dipilih" in html  # a chosen other need shows


def test_outside_spm_one_list_without_disaster_items(logged_in, db):
    client, _ = logged_in("peksos", "18.72.01")
    case = f.case(category="pekerja_migran_bermasalah")
    db.commit()
    first, rest = _rows(client.get(f"/kasus/{case.id}/asesmen").get_data(as_text=True))
    assert rest == [] and "pemulangan_migran" in first and not set(DISASTER_ITEMS) & set(first)


def test_disaster_case_offers_its_components_first(db):
    components, others = casework.need_options(casework.get_category("korban_bencana_alam"))
    assert [st.code for st in components] == DISASTER_ITEMS and "permakanan" in {st.code for st in others}


def test_the_rule_is_the_services_for_every_door(db):
    case = f.case()  # lanjut usia: SPM lansia
    with pytest.raises(ValidationError) as err:
        f.assessment(case, ["bencana_psikososial", "permakanan"])
    assert "needs" in err.value.fields
    assert f.assessment(case, ["permakanan", "vokasional"]).need_codes == ["permakanan", "vokasional"]


def test_offline_bundle_carries_the_other_needs(db, make_user):
    bundle = downloads.reference_bundle(make_user("peksos", "18.72.01"))
    cats = {c["code"]: c for c in bundle["categories"]}
    assert "vokasional" in cats["lanjut_usia_terlantar"]["other_needs"]
    assert "permakanan" not in cats["lanjut_usia_terlantar"]["other_needs"]  # a component, shown first
    assert not set(DISASTER_ITEMS) & set(cats["lanjut_usia_terlantar"]["other_needs"])
    assert not set(DISASTER_ITEMS) & set(cats["korban_trafficking"]["other_needs"])
    assert "permakanan" in cats["korban_bencana_alam"]["other_needs"]
