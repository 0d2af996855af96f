"""The person page's merge history names who merged whom into whom, when and why — never ids."""

from __future__ import annotations

import re

from service.registry import duplicates
from tests import factories

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def _history(html: str) -> str:
    m = re.search(r'(?s)<ul class="merge-history">.*?</ul>', html)
    assert m, "no merge history on the page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0)))


def test_merge_history_names_the_persons_the_user_and_the_moved_records(logged_in, make_user, db):
    sup = make_user("supervisor", full_name="Rina Supervisor")
    a = factories.person(nama="Sri Wahyuni", tanggal_lahir="1955-03-03")
    b = factories.person(nama="Sri Wahyuni Dup", tanggal_lahir="1955-03-03")
    factories.case(b)
    duplicates.merge_persons(a, b, by_id=sup.id, reason="Orang yang sama, NIK ganda di KK")
    db.commit()
    a_id = a.id
    client, _ = logged_in("peksos", "18.72.01")
    text = _history(client.get(f"/orang/{a_id}").get_data(as_text=True))
    assert "Rina Supervisor menggabungkan «Sri Wahyuni Dup» ke data ini (Sri Wahyuni)." in text
    assert "Orang yang sama, NIK ganda di KK" in text and "Kasus 1" in text
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", text)
    assert not UUID_RE.search(text) and "cases" not in text


def test_merge_history_does_not_name_a_person_the_reader_may_not_open(logged_in, make_user, db):
    sup = make_user("supervisor", full_name="Rina Supervisor")
    here = factories.person(nama="Budi Di Sini")
    away = factories.person(nama="Budi Di Selatan", kode_wilayah="18.72.05.1001")
    duplicates.merge_persons(here, away, by_id=sup.id, reason="sama")
    db.commit()
    here_id, away_id = here.id, away.id
    client, _ = logged_in("peksos", "18.72.01")
    html = client.get(f"/orang/{here_id}").get_data(as_text=True)
    text = _history(html)
    assert "Budi Di Selatan" not in html and str(away_id) not in html
    assert "data orang yang tidak dapat Anda buka" in text
