"""Budget realisation import (INTERFACES.md): all-or-nothing, line numbers, re-imports change nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from service.core.errors import ValidationError
from service.performance import budget_import, payments
from service.performance.models import BudgetPayment
from tests.performance.conftest import AIDS, MEALS, TODAY, load_plan

HEADER = "kode,tanggal,jumlah,sumber_dana,nomor_bukti,uraian\n"
GOOD = HEADER + (f"{MEALS},2026-02-10,1.250.000,APBD,SP2D-001,Belanja bahan makanan\n"
                 f"{MEALS},15/03/2026,-250000,APBD,SP2D-001-K,Koreksi kelebihan bayar\n"
                 f"{AIDS},2026-04-01,500000,dak,SP2D-002,Kursi roda\n")


def run(text, name="realisasi.csv"):
    return budget_import.import_budget(text.encode() if isinstance(text, str) else text, name, today=TODAY)


def total(db):
    return db.query(BudgetPayment).count(), sum(p.amount for p in db.query(BudgetPayment))


def test_good_file_then_the_same_and_an_overlapping_file_change_nothing(db):
    load_plan()
    report = run(GOOD)
    assert report.ok and (report.created, report.skipped, report.total_amount) == (3, 0, 1500000)
    correction = payments.find_payment(MEALS, "SP2D-001-K")
    assert correction.amount == -250000 and correction.reason == "Koreksi kelebihan bayar"
    assert correction.funding_source == "APBD" and payments.find_payment(AIDS, "SP2D-002").funding_source == "DAK"
    assert total(db) == (3, 1500000)
    again = run(GOOD)
    assert again.ok and (again.created, again.skipped) == (0, 3) and total(db) == (3, 1500000)
    overlap = HEADER + GOOD.splitlines()[3] + "\n" + f"{AIDS},2026-05-01,100000,APBD,SP2D-003,Tongkat\n"
    report = run(overlap)
    assert (report.created, report.skipped) == (1, 1) and total(db) == (4, 1600000)


def test_headers_in_any_case_and_order_and_xlsx_cells(db):
    load_plan()
    wb = Workbook()
    ws = wb.active
    ws.append(["Nomor_Bukti", "KODE", "Jumlah", "Tanggal", "Sumber_Dana", "Uraian", "catatan"])
    ws.append(["SP2D-10", MEALS, 1000000, dt.datetime(2026, 1, 31), "APBN", "Makan", "x"])
    ws.append([None, None, None, None, None, None, None])
    ws.append(["SP2D-11", MEALS, "Rp 2.500", "31/01/2026", "lainnya", "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    report = run(buf.getvalue(), "realisasi.xlsx")
    assert report.ok and report.created == 2 and report.total_amount == 1002500
    assert payments.find_payment(MEALS, "SP2D-10").paid_on == dt.date(2026, 1, 31)


def test_bad_rows_are_all_reported_by_line_and_nothing_is_written(db):
    load_plan()
    bad = HEADER + (f"{MEALS},2026-02-10,1000,APBD,SP2D-1,ok\n"
                    f"{MEALS},2026-02-31,1000,APBD,SP2D-2,tanggal salah\n"
                    f"9.99.99,2026-02-10,1000,APBD,SP2D-3,kode salah\n"
                    f"{MEALS},2026-02-10,-1000,APBD,SP2D-4,\n"
                    f"{MEALS},2026-02-10,12.5,APBD,SP2D-5,sen\n"
                    f"{MEALS},2026-02-10,1000,Hibah,SP2D-6,\n"
                    f"{MEALS},2026-02-10,1000,APBD,,\n"
                    f"{MEALS},2026-02-10,2000,APBD,SP2D-1,beda isi\n"
                    f"{MEALS},2027-01-10,1000,APBD,SP2D-7,masa depan\n")
    report = run(bad)
    assert not report.ok and report.created == 0
    lines = {e.line: e.reason for e in report.errors}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "tanggal" in lines[3] and "kode" in lines[4] and "uraian" in lines[5] and "jumlah" in lines[6]
    assert "sumber_dana" in lines[7] and "nomor_bukti" in lines[8] and "baris 2" in lines[9]
    assert "tanggal" in lines[10]
    assert total(db) == (0, 0)


def test_a_code_needs_the_plan_of_the_payment_year(db):
    load_plan(2026)
    report = run(HEADER + f"{MEALS},2025-12-30,1000,APBD,SP2D-1,\n")
    assert not report.ok and "2025" in report.errors[0].reason


@pytest.mark.parametrize("data,name,message", [
    (b"kode,tanggal\nx,y\n", "a.csv", "Kolom wajib"), (b"", "a.csv", "kosong"),
    (b"not a workbook", "a.xlsx", "XLSX"), (b"x", "a.pdf", "CSV atau XLSX")])
def test_unreadable_files_raise(db, data, name, message):
    with pytest.raises(ValidationError) as err:
        budget_import.import_budget(data, name)
    assert message in str(err.value.fields["file"])


def test_cli_import_reports_and_exits_nonzero(app, tmp_path, db):
    load_plan()
    db.commit()
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(HEADER + f"{MEALS},kemarin,1000,APBD,SP2D-9,\n")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["budget", "import", str(bad)])
    assert result.exit_code != 0 and "line 2" in result.output
    result = runner.invoke(args=["budget", "import", str(tmp_path / "missing.csv")])
    assert result.exit_code != 0 and "not found" in result.output
    result = runner.invoke(args=["budget", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "3 payment(s) recorded (Rp 1.500.000)" in result.output
    result = runner.invoke(args=["budget", "import", str(good)])
    assert result.exit_code == 0 and "0 payment(s) recorded" in result.output and "3 already recorded" in result.output
