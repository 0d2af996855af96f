"""The Renstra: load (CLI and upload, line-numbered errors, all or nothing) and the comparison with each year."""

from __future__ import annotations

import io
from decimal import Decimal

from service.core.db import session
from service.core.models.audit import AuditLog
from service.performance import demo, indicators, renstra, renstra_compare
from service.performance.models import IndicatorSupport, Renstra, RenstraRow
from tests.conftest import login, post_form
from tests.performance.conftest import AIDS, MEALS

# The Metro Renstra prints codes with spaces and two-digit suffixes (seeds-renstra-metro.md §2.4): the
# crosswalk normalises them to the Renja's four digits; ``kode_renja`` says it when it differs otherwise.
RENSTRA = """kode;tingkat;nama;indikator;satuan;nilai_dasar;kode_renja;iku;target_2025;pagu_2025;target_2026;pagu_2026;target_2027;pagu_2027
IKU-01;iku;Persentase PPKS yang tertangani;;%;62,5;;;70;;75;;80;
1 06 04;program;Program Rehabilitasi Sosial;Proporsi PPKS terlayani;persen;60;;;70;;80;;90;
1 06 04 2.01;kegiatan;Rehabilitasi Sosial Dasar;x;persen;;;;;;;;;
1 06 04 2.01 01;sub_kegiatan;Penyediaan Permakanan;Jumlah lansia;orang;48;;IKU-01;6;Rp 180.000;10;200.000;12;220.000
1.06.04.2.01.09;sub_kegiatan;Penyediaan Alat Bantu (nomenklatur lama);Jumlah penerima;orang;;1.06.04.2.01.0003;IKU-01;20;40.000;20;50.000;20;10.037.000,00
"""


def load(text: str = RENSTRA, name: str = "renstra.csv") -> renstra.RenstraReport:
    return renstra.load(text.encode(), name)


def test_load_normalises_codes_keeps_the_crosswalk_and_is_idempotent(scenario):
    demo.seed_indicators()
    rep = load()
    assert rep.ok and (rep.first_year, rep.last_year) == (2025, 2027)
    assert rep.counts == {"inserted": 5, "updated": 0, "unchanged": 0, "deleted": 0}
    rows = {r.code: r for r in session.query(RenstraRow)}
    assert rows[MEALS].renja_code == MEALS and rows["1.06.04"].level == "program"
    assert rows["1.06.04.2.01.0009"].renja_code == AIDS  # as printed, mapped by the file's kode_renja
    assert rows[MEALS].targets["2026"] == {"target": "10", "budget": 200000}
    assert rows[MEALS].targets["2025"]["budget"] == 180000 and rows["1.06.04.2.01.0009"].targets["2027"][
        "budget"] == 10037000
    iku = indicators.get_indicator("IKU-01")
    targets = {t.year: t for t in indicators.targets_of(iku)}
    assert targets[2027].renstra_target == Decimal(80) and targets[2026].pk_target == Decimal(80)  # PK kept
    assert indicators.supports_of(iku) == [MEALS, AIDS]
    again = load()
    assert again.counts == {"inserted": 0, "updated": 0, "unchanged": 5, "deleted": 0}
    assert session.query(RenstraRow).count() == 5 and session.query(IndicatorSupport).count() == 2


def test_a_bad_file_lists_every_bad_line_and_writes_nothing(scenario):
    demo.seed_indicators()
    bad = RENSTRA.replace("1 06 04 2.01;kegiatan", "1 06 04 2.01;aktivitas").replace(";Rp 180.000;", ";banyak;") \
        + "1.06.04.2.01.0001;sub_kegiatan;Dobel;x;orang;;;;1;;1;;1;\nIKU-99;iku;Tak dikenal;;%;;;;1;;1;;1;\n"
    rep = load(bad)
    assert not rep.ok
    lines = {e.line: e.reason for e in rep.errors}
    assert sorted(lines) == [4, 5, 7, 8]
    assert "Tingkat" in lines[4] and "Pagu" in lines[5] and "baris 5" in lines[7] and "IKU-99" in lines[8]
    assert session.query(Renstra).count() == 0 and session.query(RenstraRow).count() == 0
    assert session.query(IndicatorSupport).count() == 0


def test_comparison_renstra_target_renja_target_and_realisation(scenario):
    """2026 through Q2 (conftest): Permakanan realised 4 of the Renja target 8, spent 181,990.

    Renstra 2026 target 10 -> capaian vs Renstra 4/10 = 40.00 %. Cumulative: 2025 realised 0 (its plan is
    loaded, nothing delivered) + 4 = 4 of the final target 6 + 10 + 12 = 28 -> 14.29 %. Spending 2025-2026
    = 77,777 (30 Dec 2025) + 181,990 = 259,767 of the five-year pagu 180,000 + 200,000 + 220,000 = 600,000
    -> 43.29 %. Alat bantu (the crosswalked code): Renja pagu 50,000, spent 30,000, realised 0.
    """
    demo.seed_indicators()
    load()
    comp = renstra_compare.comparison(2026, 2)
    rows = {r.row.code: r for r in comp["rows"]}
    meals = rows[MEALS]
    cell = next(c for c in meals.years if c.year == 2026)
    assert (cell.renstra_target, cell.renja_target, cell.realised, cell.capaian) == (Decimal(10), 8, 4, Decimal("40.00"))
    assert (cell.renstra_budget, cell.renja_budget, cell.spent) == (200000, 200000, 181990)
    assert meals.final_target == 28 and meals.cumulative == 4 and meals.cumulative_pct == Decimal("14.29")
    assert meals.rating == "Sangat Rendah"
    assert (meals.budget_total, meals.spent_total, meals.spent_pct) == (600000, 259767, Decimal("43.29"))
    later = next(c for c in meals.years if c.year == 2027)
    assert later.realised is None and later.spent is None  # a future year shows only its targets
    aids = next(c for c in rows["1.06.04.2.01.0009"].years if c.year == 2026)
    assert (aids.renja_budget, aids.spent, aids.realised) == (50000, 30000, 0)
    program = rows["1.06.04"]  # a percentage: the final target is the last year's, not a sum
    assert program.final_target == 90 and program.cumulative is None
    assert next(c for c in program.years if c.year == 2026).spent == 211990
    iku = rows["IKU-01"]
    assert iku.final_target == 80 and next(c for c in iku.years if c.year == 2026).renja_target == Decimal(80)


def test_cli_load_prints_a_summary_and_fails_on_a_bad_line(app, scenario, tmp_path):
    demo.seed_indicators()
    session.commit()
    good, bad = tmp_path / "renstra.csv", tmp_path / "rusak.csv"
    good.write_text(RENSTRA, encoding="utf-8")
    bad.write_text(RENSTRA.replace(";10;200.000;", ";sepuluh;200.000;"), encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["renstra", "load", str(bad)])
    assert result.exit_code != 0 and "line 5" in result.output and "target_2026" in result.output
    assert session.query(RenstraRow).count() == 0
    result = runner.invoke(args=["renstra", "load", str(good)])
    assert result.exit_code == 0, result.output
    assert "Renstra 2025-2027: 5 row(s): 5 new" in result.output


def test_page_upload_errors_and_comparison(scenario, logged_in, db):
    demo.seed_indicators()
    db.commit()
    client, _ = logged_in("supervisor")
    html = client.get("/kinerja/renstra?year=2026&quarter=2").get_data(as_text=True)
    assert "Belum ada Renstra" in html and "Muat Renstra" in html
    bad = RENSTRA.replace(";10;200.000;", ";sepuluh;200.000;")
    resp = post_form(client, "/kinerja/renstra?year=2026&quarter=2",
                     {"file": (io.BytesIO(bad.encode()), "renstra.csv")}, content_type="multipart/form-data")
    text = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "1 baris salah" in text and "<td class=\"num\">5</td>" in text
    assert "target_2026" in text
    resp = post_form(client, "/kinerja/renstra?year=2026&quarter=2",
                     {"file": (io.BytesIO(RENSTRA.encode()), "renstra.csv")}, content_type="multipart/form-data",
                     follow_redirects=True)
    text = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Renstra 2025–2027 dimuat: 5 baris baru" in text
    html = client.get("/kinerja/renstra?year=2026&quarter=2").get_data(as_text=True)
    assert "Penyediaan Permakanan" in html and "14,29 %" in html and "40,00 %" in html and "Rp 200.000" in html
    assert "→ Renja 1.06.04.2.01.0003" in html
    assert db.query(AuditLog).filter(AuditLog.action == "renstra.load").count() == 1


def test_only_a_supervisor_loads_and_others_may_not_see(scenario, app, make_user):
    for role in ("operator", "pimpinan", "auditor"):
        client = app.test_client()
        assert login(client, make_user(role).username).status_code == 302
        assert client.get("/kinerja/renstra").status_code == 200
        resp = post_form(client, "/kinerja/renstra", {"file": (io.BytesIO(RENSTRA.encode()), "r.csv")},
                         form_page="/kinerja/", content_type="multipart/form-data")
        assert resp.status_code == 403, role
        assert "Muat Renstra" not in client.get("/kinerja/renstra").get_data(as_text=True)
    assert session.query(Renstra).count() == 0


def test_a_negative_indicator_is_compared_by_its_polarity(scenario):
    """IK-02 (days to resolve a complaint, less is better): 6 days in 2026 against the Renstra's 7 ->
    (2 × 7 − 6) ÷ 7 = 114.29 %; cumulative: the latest value 6 against the final target 5 -> 80.00 %."""
    demo.seed_indicators()
    load("kode;tingkat;nama;satuan;target_2025;target_2026;target_2027\nIK-02;iku;Rata-rata waktu;hari;8;7;5\n")
    row = renstra_compare.comparison(2026, 4)["rows"][0]
    assert next(c for c in row.years if c.year == 2026).capaian == Decimal("114.29")
    assert row.final_target == 5 and row.cumulative_pct == Decimal("80.00") and row.rating == "Tinggi"


def test_api_comparison_and_denials(scenario, api):
    demo.seed_indicators()
    load()
    body = api("pimpinan")("GET", "/api/v1/reports/renstra?year=2026&quarter=2").get_json()
    assert body["period"] == [2025, 2027]
    meals = next(r for r in body["rows"] if r["code"] == MEALS)
    assert meals["cumulative_pct"] == 14.29 and meals["spent_total"] == 259767
    y2026 = next(y for y in meals["years"] if y["year"] == 2026)
    assert (y2026["renstra_target"], y2026["renja_target"], y2026["realised"], y2026["capaian"]) == (10, 8, 4, 40.0)
    assert api("pimpinan")("GET", "/api/v1/reports/renstra?year=2026").status_code == 422
    for role, area in (("peksos", None), ("tagana", None), ("supervisor", "18.72.01")):
        assert api(role, area)("GET", "/api/v1/reports/renstra?year=2026&quarter=2").status_code == 403
