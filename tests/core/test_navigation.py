"""The areas link to each other: a case page leads to its services, and back."""

from __future__ import annotations

from tests import factories as f


def test_case_page_links_to_services_and_back(logged_in, db):
    client, worker = logged_in("peksos", "18.72.01")
    case = f.case(f.person(), worker_id=worker.id)
    db.commit()
    html = client.get(f"/kasus/{case.id}").get_data(as_text=True)
    for href in (f"/layanan/kasus/{case.id}", f"/layanan/kasus/{case.id}/penelusuran",
                 f"/layanan/kasus/{case.id}/pemberian/baru"):
        assert f'href="{href}"' in html, href
    services = client.get(f"/layanan/kasus/{case.id}").get_data(as_text=True)
    assert f'href="/kasus/{case.id}"' in services
    assert f'href="/orang/{case.person_id}"' in services


def test_auditor_sees_service_links_but_no_recording(logged_in, db):
    client, _ = logged_in("auditor")
    case = f.case(f.person())
    db.commit()
    html = client.get(f"/kasus/{case.id}").get_data(as_text=True)
    assert f'href="/layanan/kasus/{case.id}"' in html
    assert "/pemberian/baru" not in html
