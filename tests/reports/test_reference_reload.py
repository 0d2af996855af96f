"""Reloading changed reference data (``service.reference.loader.load_all``) keeps both derived
tables equal to the records: a basic service losing a component (or all of them) and a PPKS
category changing its SPM mapping (docs/reports.md "Derived tables")."""

from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import select

from service.reference import loader
from service.reports import renja_plans, renja_realisation, renja_summary, spm, spm_summary
from service.reports.models.renja_summary import RenjaPersonYear
from service.reports.models.spm_summary import SpmPersonNeed
from tests import factories as f

D = dt.date


def rows(db, query):
    return sorted(tuple(str(v) for v in r) for r in db.execute(query))


def assert_both_exact(db):
    db.flush()
    assert rows(db, select(*SpmPersonNeed.__table__.c)) == rows(db, spm_summary.source_query())
    assert rows(db, select(*RenjaPersonYear.__table__.c)) == rows(db, renja_summary.source_query())
    for month in (3, 12):
        _y, _m, start, end = spm.period(2026, month)
        assert spm.distribution(start, end) == spm.distribution_live(start, end), month
    codes = dict.fromkeys({c for pair in renja_plans.effective_mapping().values() for c in pair if c}, "persons")
    assert renja_realisation.realisations(2026, 4, codes) == renja_realisation.realisations_live(2026, 4, codes)


SHIPPED = loader.DATA_DIR


def changed_data(where, components=None, spm_service=None):
    """A copy of the reference files with some basic services' components and categories' SPM services replaced."""
    where.mkdir()
    for name in ("service_types.csv", "spm_basic_services.csv", "ppks_categories.csv", "case_transitions.csv"):
        shutil.copy(SHIPPED / name, where / name)
    for name, column, changes in (("spm_basic_services.csv", "components", components or {}),
                                  ("ppks_categories.csv", "spm_service", spm_service or {})):
        lines = (where / name).read_text(encoding="utf-8").splitlines()
        at = lines[0].split(",").index(column)
        for i, line in enumerate(lines):
            cells = line.split(",")
            if cells[0] in changes:
                cells[at] = changes[cells[0]]
                lines[i] = ",".join(cells)
        (where / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def reload(monkeypatch, where):
    monkeypatch.setattr(loader, "DATA_DIR", where)
    return loader.load_all(regions=False)


def test_reloading_changed_reference_data_keeps_both_summaries_exact(db, scenario, tmp_path, monkeypatch):
    p = scenario["persons"]
    poor = f.case(f.person(), "fakir_miskin")
    f.deliver(poor.person, "permakanan", D(2026, 5, 2), case=poor)
    assert_both_exact(db)
    stored = rows(db, select(*SpmPersonNeed.__table__.c))
    assert [r for r in stored if r[1] == "lansia" and r[3] == "sandang"]
    assert [r for r in stored if r[1] == "disabilitas"]
    # Only removals (a service loses every component) and a category now mapped to an SPM service.
    report = reload(monkeypatch, changed_data(tmp_path / "a", components={"disabilitas": ""},
                                              spm_service={"fakir_miskin": "lansia"}))
    assert report.counts["ppks_categories"]["updated"] == 1
    assert_both_exact(db)
    assert not [r for r in rows(db, select(*SpmPersonNeed.__table__.c)) if r[1] == "disabilitas"]
    assert [r for r in rows(db, select(*RenjaPersonYear.__table__.c)) if r[1] == str(poor.person_id)
            and r[3] == "True"]
    # A component removed from a service (the others stay).
    lansia = "permakanan;alat_bantu;perbekalan_kesehatan;bimbingan_fmss"
    reload(monkeypatch, changed_data(tmp_path / "b", components={"lansia": lansia, "disabilitas": ""},
                                     spm_service={"fakir_miskin": "lansia"}))
    assert_both_exact(db)
    assert not [r for r in rows(db, select(*SpmPersonNeed.__table__.c)) if r[1] == "lansia" and r[3] == "sandang"]
    # Reloading the shipped files restores everything.
    reload(monkeypatch, SHIPPED)
    assert_both_exact(db)
    assert [r for r in rows(db, select(*SpmPersonNeed.__table__.c)) if r[1] == "disabilitas"
            and r[2] == str(p[1].id)]
    assert not [r for r in rows(db, select(*RenjaPersonYear.__table__.c)) if r[1] == str(poor.person_id)
                and r[3] == "True"]
