"""Deterministic province-scale data on PostgreSQL: persons, households, cases, assessments, needs, deliveries.

    python -m bench.generate --url postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench2 [--scale 1.0]

Persons come from ``bench.population``: Indonesian name frequencies, birth dates, NIKs,
households over the real villages of Kota Metro (18.72), planted true duplicates with
spelling variants and namesakes with their own NIKs (table ``bench_planted``, kind
``duplicate`` / ``namesake``, for the HTTP benchmark's recall and precision).

Scale 1.0 = 1,000,000 persons, 300,000 cases, 3,000,000 deliveries (COPY via psycopg),
spread over 2024–2026 (the "now" of the data is 1 November 2026); persons were registered
at moments spread over 2019–2026 (at their first intake at the latest), cases at intake, as a
registry accumulates — not all at one instant, which would put the persons list in name order. The data follows
the SPM rules: eligible and ineligible assessments, rejected ones, re-assessments
(``supersedes_id``), needs per basic service (sometimes a non-component, which SPM
ignores); deliveries of needed and of non-needed components, under a case or none,
planned-only and voided rows; ~85 % of persons in households (Renja KK units).

The database is rebuilt from the migrations; never point it at a shared database.
Foreign-key triggers are off during the COPY (the generated rows are consistent by
construction) and the secondary indexes are built once after the load; the report
derived tables (``service.core.derived``: the SPM, Renja and IKU summaries, the dashboard's
signatures, the duplicate pairs) are then filled by their own rebuilds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import uuid

from sqlalchemy.engine import make_url

from bench.population import population

SERVICES = {  # basic service -> (categories, weight)
    "lansia": (["lanjut_usia_terlantar"], 30), "anak": (["anak_terlantar", "anak_jalanan"], 20),
    "disabilitas": (["penyandang_disabilitas", "anak_dengan_kedisabilitasan"], 20),
    "gepeng": (["gelandangan", "pengemis"], 10), "bencana": (["korban_bencana_alam", "korban_bencana_sosial"], 20)}
OTHER_CATEGORIES = ["pemulung", "fakir_miskin", "perempuan_rawan_sosial_ekonomi", "anak_korban_kekerasan"]
OTHER_TYPES = ["akses_pendidikan_kesehatan", "layanan_data_pengaduan", "kedaruratan", "bantuan_ekonomi",
               "bansos_kesejahteraan_keluarga", "vokasional"]
YEARS_START = dt.date(2024, 1, 1)
REGISTRY_START = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)  # persons registered since; none before its first case
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
DAYS = (NOW.date() - YEARS_START).days  # data from 2024-01-01 to 2026-10-31
SHARED = ("test", "postgres")
PROVINCE, REGENCY = "18", "18.72"  # Lampung, Kota Metro


def regency_villages(regency: str = REGENCY) -> list[str]:
    """The real village codes (PP.KK.DD.VVVV) of the regency, from the reference data."""
    from service.reference.loader import iter_regions

    return [code for code, _ in iter_regions([regency[:2]]) if code.startswith(regency + ".") and code.count(".") == 3]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _instant(rng: random.Random, start: dt.datetime, end: dt.datetime) -> dt.datetime:
    """A moment between ``start`` and ``end`` (to the second): when a record was made."""
    return start + dt.timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


def _copy(conn, table: str, columns: list[str], rows) -> int:
    n = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def _drop_secondary_indexes(conn, tables: tuple[str, ...]) -> list[str]:
    """Drop plain (non-constraint) indexes of ``tables``; return their definitions to recreate."""
    rows = conn.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY(%s) "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint)", (list(tables),)).fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [d for _, d in rows]


def generate(url: str, scale: float = 1.0, seed: int = 20260331, log=print) -> dict[str, int]:
    import psycopg
    from sqlalchemy import select

    from service.core import db as dbmod
    from service.core import migrate
    from service.reference.loader import load_all
    from service.reference.models import BasicServiceComponent
    from service.registry.persons import name_key

    engine = dbmod.make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    migrate.upgrade(url)
    dbmod.session.configure(bind=engine)
    load_all([PROVINCE])  # villages are foreign keys of persons and households
    dbmod.session.commit()
    comps: dict[str, list[str]] = {}
    for c in dbmod.session.scalars(select(BasicServiceComponent).order_by(BasicServiceComponent.position)):
        comps.setdefault(c.basic_service_code, []).append(c.service_type_code)
    dbmod.session.remove()
    engine.dispose()

    rng = random.Random(seed)
    n_persons, n_cases, n_deliveries = int(1_000_000 * scale), int(300_000 * scale), int(3_000_000 * scale)
    now = NOW
    villages = regency_villages()
    counts: dict[str, int] = {}
    t0 = time.perf_counter()
    raw = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    tables = ("persons", "households", "household_members", "cases", "assessments", "assessment_needs",
              "deliveries")
    with psycopg.connect(raw) as conn:
        conn.execute("SET session_replication_role = replica")  # no FK triggers during the load
        indexdefs = _drop_secondary_indexes(conn, tables)
        pop = population(n_persons, villages, rng)
        person_ids = [_uuid(rng) for _ in range(len(pop.persons))]
        areas = [p["area_code"] for p in pop.persons]
        counts["persons"] = _copy(conn, "persons", [
            "id", "nik", "no_nik_reason", "name", "name_key", "dedup_key", "sex", "birth_date", "birth_year",
            "birth_date_estimated", "birth_place", "village_code", "area_code", "address", "disability_types",
            "nik_warnings", "version", "created_at", "updated_at"],
            ((pid, p["nik"], p["no_nik_reason"], p["name"], key, key.replace(" ", ""), p["sex"], p["birth_date"],
              p["birth_date"].year, p["birth_date_estimated"], p["birth_place"], p["village_code"], p["area_code"],
              p["address"], "[]", "[]", 1, at, at)
             for pid, p in zip(person_ids, pop.persons, strict=True) for key in [name_key(p["name"])]
             for at in [_instant(rng, REGISTRY_START, NOW)]))
        # Households (family cards): head, spouse, children; ~15 % of persons live in none.
        households, members = [], []
        for hh in pop.households:
            hid = _uuid(rng)
            households.append((hid, hh["kk_number"], hh["village_code"], hh["village_code"], 1, now, now))
            for k in hh["members"]:
                head = k == hh["head"]
                members.append((_uuid(rng), hid, person_ids[k], "kepala_keluarga" if head else "anggota",
                                head, now, now))
        counts["households"] = _copy(conn, "households", ["id", "kk_number", "village_code", "area_code", "version",
                                                          "created_at", "updated_at"], households)
        counts["household_members"] = _copy(conn, "household_members", [
            "id", "household_id", "person_id", "relationship_code", "is_head", "created_at", "updated_at"], members)
        counts["planted_duplicates"] = len(pop.duplicates)
        planted = [(person_ids[a], person_ids[b]) for a, b in pop.duplicates]
        namesakes = [(person_ids[a], person_ids[b]) for a, b in pop.namesakes]
        n_persons = len(person_ids)
        # The planted pairs, for the benchmark's recall and precision (not part of the app's schema).
        conn.execute("CREATE TABLE bench_planted (kind text NOT NULL, a uuid NOT NULL, b uuid NOT NULL)")
        _copy(conn, "bench_planted", ["kind", "a", "b"],
              [("duplicate", a, b) for a, b in planted] + [("namesake", a, b) for a, b in namesakes])
        del planted, namesakes, pop
        del households, members
        log(f"  persons, households: {time.perf_counter() - t0:.0f} s")

        cases, assessments, needs = [], [], []
        seq: dict[tuple[str, int], int] = {}
        need_by_case: dict[str, list[str]] = {}
        service_codes = list(SERVICES)
        weights = [SERVICES[s][1] for s in service_codes]
        for _ in range(n_cases):
            pid_idx = rng.randrange(n_persons)
            if rng.random() < 0.85:
                bs = rng.choices(service_codes, weights=weights)[0]
                cat = rng.choice(SERVICES[bs][0])
            else:
                bs, cat = None, rng.choice(OTHER_CATEGORIES)
            cid = _uuid(rng)
            intake = YEARS_START + dt.timedelta(days=rng.randrange(DAYS))
            in_institution = bs not in (None, "bencana") and rng.random() < 0.05
            prefix = "BNC" if bs == "bencana" else "REH"  # as service.casework.cases numbers them
            seq[(prefix, intake.year)] = seq.get((prefix, intake.year), 0) + 1
            number = f"{prefix}-{intake.year}-{seq[(prefix, intake.year)]:05d}"
            opened = dt.datetime.combine(intake, dt.time(7), tzinfo=dt.UTC) + dt.timedelta(seconds=rng.randrange(36_000))
            cases.append([cid, number, person_ids[pid_idx], cat, False, "in_service", "outreach", intake,
                          areas[pid_idx], "normal", True, in_institution, 1, opened, opened, opened])
            wanted = need_by_case.setdefault(cid, [])
            previous = None
            day = intake
            for _k in range(2 if rng.random() < 0.12 else 1):  # some re-assessments (union of needs)
                aid = _uuid(rng)
                day = min(day + dt.timedelta(days=rng.randrange(0, 120)), NOW.date() - dt.timedelta(days=1))
                eligible = bs is not None and not in_institution and rng.random() < 0.95
                status = "rejected" if rng.random() < 0.02 else ("approved" if rng.random() < 0.6 else "submitted")
                assessments.append((aid, cid, person_ids[pid_idx], cat, bs, day, True, not in_institution, eligible,
                                    status, previous, "import", 1, now, now))
                pool = comps.get(bs) or OTHER_TYPES
                chosen = rng.sample(pool, rng.randint(1, min(4, len(pool))))
                if bs is not None and rng.random() < 0.03:
                    chosen.append("bantuan_ekonomi")  # not a component of S: ignored by SPM
                for code in chosen:
                    needs.append((aid, code))
                wanted.extend(chosen)
                previous = aid
            cases[-1][13] = max(opened, dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC))  # last activity
        counts["cases"] = _copy(conn, "cases", [
            "id", "number", "person_id", "category_code", "is_sensitive", "status", "intake_source", "intake_date",
            "area_code", "urgency", "consent_given", "in_institution", "version", "last_activity_at", "created_at",
            "updated_at"], cases)
        counts["assessments"] = _copy(conn, "assessments", [
            "id", "case_id", "person_id", "category_code", "basic_service_code", "assessed_on", "neglected",
            "outside_institution", "eligible", "status", "supersedes_id", "source", "version", "created_at",
            "updated_at"], assessments)
        counts["assessment_needs"] = _copy(conn, "assessment_needs", ["assessment_id", "service_type_code"], needs)
        # A person opened a case no earlier than they were registered: registered at the first intake.
        conn.execute("UPDATE persons p SET created_at = c.opened, updated_at = c.opened FROM (SELECT person_id, "
                     "min(created_at) AS opened FROM cases GROUP BY person_id) c "
                     "WHERE c.person_id = p.id AND c.opened < p.created_at")
        # The counters behind case numbers continue after the generated ones.
        _copy(conn, "case_number_sequences", ["prefix", "year", "last_value"],
              [(prefix, year, last) for (prefix, year), last in sorted(seq.items())])
        del assessments, needs
        log(f"  cases, assessments: {time.perf_counter() - t0:.0f} s")
        all_types = sorted({c for v in comps.values() for c in v} | set(OTHER_TYPES))

        def deliveries():
            for _ in range(n_deliveries):
                c = cases[rng.randrange(len(cases))]
                wanted = need_by_case[c[0]] or OTHER_TYPES
                code = rng.choice(wanted) if rng.random() < 0.7 else rng.choice(all_types)
                # Mostly after intake, some before (SPM counts deliveries before the assessment too).
                day = c[7] + dt.timedelta(days=rng.randrange(-30, 240))
                if day >= NOW.date() or day < YEARS_START:
                    day = YEARS_START + dt.timedelta(days=rng.randrange(DAYS))
                planned_only = rng.random() < 0.03
                voided = now if rng.random() < 0.02 else None
                on_case = rng.random() >= 0.05
                yield (_uuid(rng), c[2], c[0] if on_case else None, code, None if planned_only else day, day,
                       rng.randint(1, 3), "orang", c[8], False, voided, "voided in bench" if voided else None,
                       "import", 1, now, now)

        counts["deliveries"] = _copy(conn, "deliveries", [
            "id", "person_id", "case_id", "service_type_code", "delivered_on", "planned_on", "quantity", "unit",
            "area_code", "late", "voided_at", "void_reason", "source", "version", "created_at", "updated_at"],
            deliveries())
        log(f"  deliveries: {time.perf_counter() - t0:.0f} s")
        for d in indexdefs:
            conn.execute(d)
        conn.execute("SET session_replication_role = origin")
        conn.commit()
        # Statistics before the summary rebuilds: without them the planner probes the households
        # of 1.6 M (person, type) groups through the wrong index (minutes instead of seconds).
        conn.execute("ANALYZE")
        conn.commit()
        log(f"  indexes: {time.perf_counter() - t0:.0f} s")
    from service.core import derived

    engine = dbmod.make_engine(url)  # registers every area's derived tables, in their refresh order
    dbmod.session.configure(bind=engine)
    for table in derived.tables():  # all of them: an empty one would make its pages fast and wrong
        counts.update(table.rebuild())
    dbmod.session.commit()
    dbmod.session.remove()
    log(f"  summary tables: {time.perf_counter() - t0:.0f} s")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    engine.dispose()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench2")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    if make_url(args.url).database in SHARED:
        raise SystemExit("refusing to use a shared database")
    t0 = time.perf_counter()
    counts = generate(args.url, args.scale)
    print(f"generated {counts} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
