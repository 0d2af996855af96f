"""The conflict page shows values as people read them: "Perempuan", 12/03/1941, the village's
name — not P, 1941-03-12, 18.72.01.1002 or field names."""

from __future__ import annotations

import re

from service.reference.models import Region
from tests.offline.test_offline_web import make_conflict


def _table_text(html: str) -> str:
    m = re.search(r'(?s)<table class="side-by-side">.*?</table>', html)
    assert m
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0)))


def test_conflict_page_shows_labels_and_human_values(logged_in, db, make_user):
    conflict_id, _ = make_conflict(db, make_user)
    village = db.get(Region, "18.72.01.1002").name
    c, _ = logged_in("supervisor")
    text = _table_text(c.get(f"/sinkron/konflik/{conflict_id}").get_data(as_text=True))
    assert "Perempuan" in text and "12/03/1941" in text and village in text
    assert "Jenis kelamin" in text and "Tanggal lahir" in text and "Desa/kelurahan" in text
    assert "1941-03-12" not in text and "18.72.01.1002" not in text and " P " not in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text)


def test_conflict_list_names_flag_kinds(logged_in, db):
    import uuid

    from service.offline.conflicts import flag_for_review

    flag_for_review("stock_shortfall", "distributions", uuid.uuid4(), "18.72.01", "Beras · Gudang Kota")
    db.commit()
    c, _ = logged_in("supervisor")
    html = c.get("/sinkron/konflik").get_data(as_text=True)
    assert "Stok tercatat kurang" in html and "stock_shortfall" not in html
