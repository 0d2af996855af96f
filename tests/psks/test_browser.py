"""The PSKS register on a portrait tablet: record a training and its participants, then the LKS
document reminders."""

from __future__ import annotations

import pytest

from tests.browser import TABLET_PORTRAIT, sign_in, submit

pytestmark = pytest.mark.e2e


def test_operator_records_a_training_with_participants(tablet):
    sign_in(tablet, "operator")
    tablet.goto("/psks")
    assert tablet.get_by_role("heading", name="Potensi dan Sumber Kesejahteraan Sosial (PSKS)").is_visible()
    tablet.get_by_role("link", name="Pelatihan", exact=True).click()
    tablet.get_by_role("link", name="Tambah pelatihan").click()
    tablet.get_by_label("Nama pelatihan / bimtek").fill("Bimtek Pendampingan Lansia Uji")
    tablet.get_by_label("Penyelenggara").fill("Dinas Sosial Kota Metro")
    tablet.get_by_label("Tanggal mulai").fill("24/11/2026")
    tablet.get_by_label("Tanggal selesai").fill("25/11/2026")
    tablet.get_by_label("Tempat").fill("Aula Dinas Sosial")
    submit(tablet, "Simpan")
    assert "Pelatihan disimpan." in tablet.get_by_role("status").first.inner_text()
    tablet.get_by_label("PSKS perseorangan").select_option(label="Sugeng Riyadi · TKSK (Tenaga Kesejahteraan Sosial "
                                                                 "Kecamatan)")
    submit(tablet, "Tambah peserta")
    assert "Peserta ditambahkan." in tablet.get_by_role("status").first.inner_text()
    tablet.get_by_label("Lembaga").select_option(label="Karang Taruna Kota Metro · Karang Taruna")
    tablet.get_by_label("Diwakili oleh").fill("Ahmad Fauzi")
    box = tablet.get_by_role("button", name="Tambah peserta").bounding_box()
    assert box["height"] >= 44
    submit(tablet, "Tambah peserta")
    tablet.get_by_role("heading", name="Peserta (2)").wait_for()
    tablet.get_by_role("link", name="Sugeng Riyadi").click()
    tablet.wait_for_url("**/psks/orang/*")
    tablet.get_by_role("link", name="Bimtek Pendampingan Lansia Uji").wait_for()  # who attended what, when
    tablet.goto("/psks/pengingat")
    tablet.get_by_role("row").filter(has_text="LKS Bina Insani Metro").first.wait_for()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET_PORTRAIT["width"]
    assert tablet.js_errors == []
