"""The event summary and the situation report name villages, categories, items and SPM services;
dates as dd/mm/yyyy — no region codes, raw codes or ISO dates."""

from __future__ import annotations

import re

from service.reference.models import Region
from tests.disasters.conftest import START, household


def _main(html: str) -> str:
    m = re.search(r"(?s)<main\b.*?</main>", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0) if m else html))


def test_event_summary_shows_village_names_and_dates(logged_in, event, db):
    household(event)
    db.commit()
    villages = [db.get(Region, c).name for c in ("18.72.05.1001", "18.72.05.1002")]
    event_id = event.id
    client, _ = logged_in("supervisor")
    text = _main(client.get(f"/bencana/{event_id}").get_data(as_text=True))
    assert all(v in text for v in villages), villages
    assert "18.72.05.1001" not in text and "18.72.05.1002" not in text
    assert START.strftime("%d/%m/%Y") in text and START.isoformat() not in text
    assert "Banjir" in text and "Bencana alam" in text and "banjir" not in text.split()
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)


def test_situation_report_in_english_names_the_spm_services_in_english(logged_in, event, db):
    from tests.conftest import csrf_from

    household(event)
    db.commit()
    event_id = event.id
    client, _ = logged_in("supervisor")
    page = client.get(f"/bencana/{event_id}/laporan")
    id_text = _main(page.get_data(as_text=True))
    client.post("/bahasa/en", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "next": "/"})
    en_text = _main(client.get(f"/bencana/{event_id}/laporan").get_data(as_text=True))
    assert id_text != en_text
    from service.disasters.victims import bencana_components
    from service.reference.models import ServiceType

    for code in bencana_components():
        st = db.get(ServiceType, code)
        if st and st.name_en and st.name_en != st.name_id:
            assert st.name_en in en_text and st.name_id in id_text
        assert code not in en_text.split()
