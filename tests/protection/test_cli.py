"""The protection commands: the batch file, the answer file (a bad line fails with its number), the check."""

from __future__ import annotations

from tests.protection.conftest import approved_batch, proposal


def test_export_answers_and_double_listing_commands(app, db, tmp_path):
    a = proposal()
    approved_batch(props=[a])
    db.commit()
    runner = app.test_cli_runner()
    out = tmp_path / "usulan.csv"
    res = runner.invoke(args=["protection", "export", "2026-03", "--format", "csv", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert str(a.id) in out.read_text(encoding="utf-8-sig")
    assert runner.invoke(args=["protection", "export", "2030-01"]).exit_code != 0
    bad = tmp_path / "bad.csv"
    bad.write_text(f"ID_USULAN,HASIL\n{a.id},MUNGKIN\n")
    res = runner.invoke(args=["protection", "answers", "2026-03", str(bad)])
    assert res.exit_code != 0 and "Baris 2" in res.output
    good = tmp_path / "good.csv"
    good.write_text(f"ID_USULAN,HASIL\n{a.id},DITERIMA\n")
    res = runner.invoke(args=["protection", "answers", "2026-03", str(good)])
    assert res.exit_code == 0 and "1 answers recorded" in res.output
    res = runner.invoke(args=["protection", "double-listing"])
    assert res.exit_code == 0 and "findings" in res.output
