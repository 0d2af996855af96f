"""HTTP benchmark over a generated database, behind the production server (gunicorn).

    python -m bench.http_bench --generate --scale 0.02     # ~20,000 persons, a few minutes here
    python -m bench.http_bench --url URL                   # an already generated database (e.g. scale 1.0)

It creates one user per role, starts gunicorn (``--workers``, default 2) on the app and logs in
as each role, then times ``--n`` requests (default 20, after one warm-up) of each of: the sync
of 500 new operations, the duplicate review queue, the IKU / dashboard / SPM and Renja drill-down
reports, searches (case number, NIK, a common name, a name with no match) and every other list
and report page of the app (found in its URL map, as the first role allowed to open it). It
prints p50/p95 beside each target, runs intake (register a person and open a case through the
API: ``POST /api/v1/intake``, one request like the bare one; the two-request path ``POST /persons``
+ ``POST /cases`` is printed for information) side by side with a bare Flask + SQLAlchemy endpoint
(``bench.bare_app``) on the same database, reports the recall of the duplicate queue on the planted duplicates (table
``bench_planted`` of ``bench.generate``) and the workers' RSS, and exits 1 when a target is missed
or a page does not answer 200. Targets: issue 15.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.http_support import PASSWORD, Client, intake_rate, pct, start_server, time_it, worker_rss_mb

PAGE, SEARCH, REPORT, QUEUE, SYNC = 300, 150, 500, 500, 3000  # p95 targets, ms
EXPORT = 60_000  # a whole-year download (streamed; at most EXPORT_LIMIT rows): the worker's RSS is the other check
# The query a page needs to answer 200 (a report of a year, the app's own page size).
QUERIES = {"/api/v1/reports/spm": "?year=2026&month=11", "/api/v1/reports/renja": "?year=2026&quarter=4",
           "/api/v1/reports/performance": "?year=2026&quarter=4", "/api/v1/reports/iku": "?year=2026",
           "/api/v1/reports/indicators": "?year=2026", "/api/v1/reports/renstra": "?year=2026&quarter=4",
           "/api/v1/budget/payments": "?year=2026", "/api/v1/complaints/monthly": "?year=2026",
           "/api/v1/sync/caseload": "?limit=500"}
EXPORTS = re.compile(r"/unduh|\.pdf$|\.xlsx$|\.csv$")
INTAKE_RATIO, RSS_MB = 0.5, 300
ROLES = {"admin": None, "pimpinan": None, "supervisor": None, "operator": None, "peksos": "18.72.01"}
SKIP = re.compile(r"^/(masuk|aduan|sw\.js|healthz|wilayah/|aplikasi/(manifest|sesi)|api/v1/(openapi|cards))")


def prepare(url: str) -> dict:
    """Users per role, an API token for the peksos, and the values the searches look for."""
    from sqlalchemy import text

    from service.accounts.users import configure_hasher, create_user, find_by_username, issue_token
    from service.core import db as dbmod

    configure_hasher(time_cost=1, memory_cost=1024, parallelism=1)
    engine = dbmod.make_engine(url)
    dbmod.session.configure(bind=engine)
    s = dbmod.session
    for role, area in ROLES.items():
        if find_by_username(f"bench-{role}") is None:
            create_user(f"bench-{role}", PASSWORD, role, area)
    seeds = {"tokens": {role: issue_token(find_by_username(f"bench-{role}")) for role in ROLES}}
    one = lambda sql: s.execute(text(sql)).scalar()  # noqa: E731
    seeds["case_number"] = one("SELECT number FROM cases ORDER BY number OFFSET (SELECT count(*) / 2 FROM cases) "
                               "LIMIT 1")
    seeds["nik"] = one("SELECT nik FROM persons WHERE nik IS NOT NULL ORDER BY nik LIMIT 1 OFFSET 100")
    seeds["kk"] = one("SELECT kk_number FROM households WHERE kk_number IS NOT NULL ORDER BY kk_number LIMIT 1")
    seeds["common_name"] = one("SELECT name FROM persons GROUP BY name ORDER BY count(*) DESC, name LIMIT 1")
    # Six digits from the middle of a real NIK (birth date and sequence: few persons share them).
    seeds["nik_part"] = seeds["nik"][7:13]
    # The commonest first word of a name ("Siti", "Muhammad"): a drill-down search matching ~100,000.
    seeds["first_name"] = one("SELECT split_part(name, ' ', 1) FROM persons GROUP BY 1 ORDER BY count(*) DESC, 1 "
                              "LIMIT 1")
    seeds["person_id"] = str(one("SELECT id FROM persons WHERE area_code LIKE '18.72.01.%' ORDER BY id LIMIT 1"))
    seeds["case_id"] = str(one("SELECT id FROM cases WHERE area_code LIKE '18.72.01.%' ORDER BY id LIMIT 1"))
    from service.reports import renja_plans

    if renja_plans.get_plan(2026) is None:  # the Renja pages and their drill-downs need the year's plan
        plan = Path(renja_plans.__file__).resolve().parents[1] / "reference" / "data" / "renja_plan_kota_metro_2026.csv"
        renja_plans.import_plan(plan.read_bytes(), plan.name, 2026)
    s.commit()
    if engine.dialect.name == "postgresql" and one("SHOW autovacuum") == "off":
        # A server without autovacuum (this machine's) never refreshes the planner's statistics: the
        # previous runs' registrations would be measured on a plan no production server keeps.
        # Analyse as autovacuum would (migration 0030: after 1 % of a large table changed).
        print("autovacuum is off on this server: ANALYZE first, as autovacuum would", flush=True)
        s.execute(text("ANALYZE"))
        s.commit()
    dbmod.session.remove()
    engine.dispose()
    return seeds


def planted_recall(url: str) -> tuple[float, int, int] | None:
    """Share of the planted duplicates the review queue shows, and namesakes wrongly paired."""
    from sqlalchemy import text

    from service.accounts.users import find_by_username
    from service.core import db as dbmod
    from service.registry import duplicates as dedup

    engine = dbmod.make_engine(url)
    dbmod.session.configure(bind=engine)
    s = dbmod.session
    try:
        rows = s.execute(text("SELECT kind, a, b FROM bench_planted")).all()
    except Exception:  # noqa: BLE001 - a database not made by bench.generate
        s.rollback()
        return None
    pairs = {frozenset((a.id, b.id)) for a, b in s.execute(dedup.duplicate_queue_query(
        find_by_username("bench-supervisor")))}
    dups = [r for r in rows if r.kind == "duplicate"]
    found = sum(frozenset((r.a, r.b)) in pairs for r in dups)
    wrong = sum(frozenset((r.a, r.b)) in pairs for r in rows if r.kind == "namesake")
    dbmod.session.remove()
    engine.dispose()
    return (found / len(dups) if dups else 1.0), len(pairs), wrong


def sync_body() -> dict:
    from bench.sync_bench import build_ops

    return {"device_id": str(uuid.uuid4()), "operations": build_ops()}


def app_pages() -> list[str]:
    from wsgi import create_app

    app = create_app({"LINDUNG_SCHEDULER": False})
    return sorted(r.rule for r in app.url_map.iter_rules()
                  if "GET" in r.methods and not r.arguments and not SKIP.match(r.rule))


def main() -> int:  # noqa: PLR0915 - one script, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/lindung_bench_http")
    parser.add_argument("--generate", action="store_true", help="(re)generate the database first")
    parser.add_argument("--scale", type=float, default=0.02, help="with --generate: 1.0 = 1,000,000 persons")
    parser.add_argument("--n", type=int, default=20, help="timed requests per line")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--intake-seconds", type=float, default=10)
    parser.add_argument("--pages", default="", help="only the other pages matching this regex ('-': none)")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("SECRET_KEY", "bench")
    if args.generate:
        from bench.generate import SHARED, generate

        if make_url(args.url).database in SHARED:
            raise SystemExit("refusing to use a shared database")
        t0 = time.perf_counter()
        print("generated", generate(args.url, args.scale, log=lambda *a: None),
              f"in {time.perf_counter() - t0:.0f} s", flush=True)
    seeds = prepare(args.url)
    env = {"DATABASE_URL": args.url, "SECRET_KEY": "bench", "LINDUNG_INSECURE_COOKIES": "1",
           "LINDUNG_SCHEDULER": "0", "LINDUNG_INSTANCE_PATH": tempfile.mkdtemp(prefix="lindung-http-bench-")}
    server, base = start_server("wsgi:app", env, args.workers)
    rows: list[tuple[str, str, float, float, float, bool]] = []
    failed = False
    try:
        clients = {}
        for role in ROLES:
            clients[role] = Client(base)
            clients[role].login(f"bench-{role}")
        apis = {role: Client(base, token) for role, token in seeds["tokens"].items()}
        api = apis["peksos"]

        def line(label: str, role: str, fn, target: float) -> None:
            nonlocal failed
            times, statuses = time_it(fn, args.n)
            ok = statuses <= {200, 201} and pct(times, 95) < target
            failed |= not ok
            note = "" if statuses <= {200, 201} else f" HTTP {sorted(statuses)}"
            rows.append((label + note, role, pct(times, 50), pct(times, 95), target, ok))
            print(f"  {label}{note}: p50 {pct(times, 50):.0f} ms, p95 {pct(times, 95):.0f} ms", flush=True)

        def get(role: str, path: str):
            return lambda: (apis if path.startswith("/api/") else clients)[role].request(path)

        q = urllib.parse.quote
        line("POST /api/v1/sync, 500 new operations", "peksos",
             lambda: api.post_json("/api/v1/sync", sync_body()), SYNC)
        line("/orang/duplikat (duplicate queue)", "supervisor", get("supervisor", "/orang/duplikat"), QUEUE)
        line("/laporan/iku?year=2026", "pimpinan", get("pimpinan", "/laporan/iku?year=2026"), REPORT)
        _, renja, _ = clients["pimpinan"].request("/laporan/renja?year=2026")
        drill = re.search(r'href="(/laporan/renja/orang\?[^"]+)"', renja)
        if drill:
            first_row = drill.group(1).replace("&amp;", "&")
            line("/laporan/renja/orang (first row)", "pimpinan", get("pimpinan", first_row), REPORT)
            line(f"/laporan/renja/orang (first row), q={seeds['first_name']} (commonest first name)", "pimpinan",
                 get("pimpinan", f"{first_row}&q={q(seeds['first_name'])}"), SEARCH)
        else:
            rows.append(("/laporan/renja/orang: no drill-down link on /laporan/renja", "-", 0, 0, REPORT, False))
            failed = True
        records = re.search(r'href="(/laporan/renja/catatan\?[^"]+)"', renja)
        if records:
            line("/laporan/renja/catatan (records of a row)", "pimpinan",
                 get("pimpinan", records.group(1).replace("&amp;", "&")), REPORT)
        line("/laporan/dasbor", "pimpinan", get("pimpinan", "/laporan/dasbor"), REPORT)
        line("/laporan/spm/orang lansia, all", "pimpinan",
             get("pimpinan", "/laporan/spm/orang?service=lansia&year=2026&filter=all"), REPORT)
        line(f"/kasus?q={seeds['case_number']} (case number)", "supervisor",
             get("supervisor", f"/kasus?q={q(seeds['case_number'])}"), SEARCH)
        line("/orang?q=<NIK>", "supervisor", get("supervisor", f"/orang?q={seeds['nik']}"), SEARCH)
        line("/orang?q=<KK number> (a household's members)", "supervisor",
             get("supervisor", f"/orang?q={seeds['kk']}"), SEARCH)
        line(f"/orang?q={seeds['common_name']} (commonest name)", "supervisor",
             get("supervisor", f"/orang?q={q(seeds['common_name'])}"), SEARCH)
        line("/orang?q=Zulkarnaen Wiratmaja (no match)", "peksos",
             get("peksos", f"/orang?q={q('Zulkarnaen Wiratmaja')}"), SEARCH)
        line(f"/orang?q={seeds['nik_part']} (part of a NIK)", "supervisor",
             get("supervisor", f"/orang?q={seeds['nik_part']}"), SEARCH)
        line("/orang?warnings=1 (NIK warnings)", "supervisor", get("supervisor", "/orang?warnings=1"), PAGE)
        first = q(seeds["first_name"])
        line(f"/orang?q={seeds['first_name']} (commonest first name)", "supervisor",
             get("supervisor", f"/orang?q={first}"), SEARCH)
        line(f"/kasus?q={seeds['first_name']} (commonest first name)", "peksos", get("peksos", f"/kasus?q={first}"),
             SEARCH)
        line(f"/orang?q={seeds['first_name']}&page=10 (a deeper page)", "peksos",
             get("peksos", f"/orang?q={first}&page=10"), SEARCH)
        line(f"/layanan/?q={seeds['first_name']} (deliveries, commonest first name)", "peksos",
             get("peksos", f"/layanan/?q={first}"), SEARCH)
        line(f"/laporan/spm/orang lansia, q={seeds['first_name']} (commonest first name)", "pimpinan",
             get("pimpinan", f"/laporan/spm/orang?service=lansia&year=2026&filter=all&q={q(seeds['first_name'])}"),
             SEARCH)
        line("/orang (own area)", "peksos", get("peksos", "/orang"), PAGE)
        line("/kasus (own area)", "peksos", get("peksos", "/kasus"), PAGE)
        line("/orang/<id> (a person's record)", "peksos", get("peksos", f"/orang/{seeds['person_id']}"), PAGE)
        line("/kasus/<id> (a case file)", "peksos", get("peksos", f"/kasus/{seeds['case_id']}"), PAGE)
        line("GET /api/v1/persons", "peksos", get("peksos", "/api/v1/persons"), PAGE)
        line("GET /api/v1/cases", "peksos", get("peksos", "/api/v1/cases"), PAGE)
        done = {"/orang", "/kasus", "/orang/duplikat", "/laporan/dasbor", "/laporan/iku", "/laporan/renja/orang", "/laporan/renja/catatan",
                "/laporan/spm/orang", "/api/v1/persons", "/api/v1/cases"}
        for path in app_pages():
            if path in done or (args.pages and not re.search(args.pages, path)):
                continue
            path += QUERIES.get(path, "")
            for role in ("peksos", "supervisor", "pimpinan", "admin", "operator"):
                if get(role, path)()[0] == 200:
                    target = REPORT if path.startswith(("/laporan", "/api/v1/reports")) else PAGE
                    line(path, role, get(role, path), EXPORT if EXPORTS.search(path) else target)
                    break
            else:
                rows.append((f"{path}: no role got 200", "-", 0, 0, PAGE, False))
                failed = True
        rss = worker_rss_mb(server)
        rss_ok = bool(rss) and max(rss) < RSS_MB
        failed |= not rss_ok

        import random

        from bench.population import make_name

        rng = random.Random(15)

        def new_person() -> dict:
            # A realistic name and birth date: the same name and birth date on every registration would
            # make each one a suspected duplicate of all the others (the duplicate pairs table says so).
            # Both sexes, with the population's names: these registrations are the newest cases, at the top
            # of the peksos's lists in every later run; women only (no "Muhammad") made `/kasus?q=Muhammad`
            # walk past thousands of them.
            born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(20_000))
            sex = rng.choice("LP")
            return {"nama": make_name(rng, sex), "jenis_kelamin": sex, "tanggal_lahir": born.isoformat(),
                    "kode_wilayah": "18.72.01.1001", "no_nik_reason": "belum_terdaftar"}

        new_case = {"intake_source": "outreach", "category_code": "lanjut_usia_terlantar"}

        def app_intake(_k: int) -> bool:  # one request, like the bare endpoint's
            return api.post_json("/api/v1/intake", {**new_person(), "case": new_case})[0] == 201

        def two_requests(_k: int) -> bool:  # the same through POST /persons then POST /cases
            status, body, _ = api.post_json("/api/v1/persons", new_person())
            if status != 201:
                return False
            return api.post_json("/api/v1/cases", {"person_id": json.loads(body)["id"], **new_case})[0] == 201
        app_rate = intake_rate(app_intake, args.intake_seconds)
        two_rate = intake_rate(two_requests, args.intake_seconds / 2)
        # The floor: an authenticated request that does nothing (token, user, JSON), as fast as it goes.
        floor_rate = intake_rate(lambda _k: api.request("/api/v1/me")[0] == 200, args.intake_seconds / 2)
    finally:
        server.terminate()
        server.wait()
    if make_url(args.url).get_backend_name() == "postgresql":  # the one-statement ceiling inside the app
        inside, inside_base = start_server("bench.app_ceiling:app", env, args.workers)
        try:
            inside_client = Client(inside_base, seeds["tokens"]["peksos"])
            inside_rate = intake_rate(lambda _k: inside_client.post_json("/bench/intake-one-write",
                                                                          new_person())[0] == 201,
                                      args.intake_seconds / 2)
        finally:
            inside.terminate()
            inside.wait()
    from bench import bare_app

    bare_app.reset()
    bare_app.engine.dispose()
    bare, bare_base = start_server("bench.bare_app:app", env, args.workers)
    try:
        bare_client = Client(bare_base)
        bare_rate = intake_rate(lambda _k: bare_client.post_json("/intake", {
            "nama": "Warga Bare", "jenis_kelamin": "P", "tanggal_lahir": "1950-03-04",
            "kode_wilayah": "18.72.01.1001"})[0] == 201, args.intake_seconds)
        tables_rate = intake_rate(lambda _k: bare_client.post_json("/intake/app-tables", new_person())[0] == 201,
                                  args.intake_seconds / 2)
        ceilings = {}  # the intake's own work without the ORM or validation (bench/intake_ceiling.py)
        if make_url(args.url).get_backend_name() == "postgresql":
            ceiling_client = Client(bare_base, seeds["tokens"]["peksos"])
            for path in ("/intake/app-minimum", "/intake/app-one-write"):
                ceilings[path] = intake_rate(lambda _k, p=path: ceiling_client.post_json(p, new_person())[0] == 201,
                                             args.intake_seconds / 2)
    finally:
        bare.terminate()
        bare.wait()
        bare_app.remove_app_table_rows()
    ratio = app_rate / bare_rate if bare_rate else 0.0
    failed |= ratio < INTAKE_RATIO
    recall = planted_recall(args.url)

    db = make_url(args.url)
    print(f"\nHTTP benchmark on {db.get_backend_name()} {db.database}, gunicorn {args.workers} workers, "
          f"{args.n} requests per line, load average {os.getloadavg()[0]:.1f}")
    print("| what | role | p50 ms | p95 ms | target p95 | met |\n|---|---|---|---|---|---|")
    for label, role, p50, p95, target, ok in rows:
        print(f"| {label} | {role} | {p50:.0f} | {p95:.0f} | < {target} | {'yes' if ok else 'NO'} |")
    print(f"| intake through the API vs bare endpoint | peksos | {app_rate:.1f} vs {bare_rate:.1f} /s | "
          f"ratio {ratio:.2f} | >= {INTAKE_RATIO} | {'yes' if ratio >= INTAKE_RATIO else 'NO'} |")
    print(f"| (information) intake as two requests, POST /persons + POST /cases | peksos | {two_rate:.1f} /s | "
          f"ratio {two_rate / bare_rate if bare_rate else 0.0:.2f} | | |")
    print(f"| (information) GET /api/v1/me, the app's floor (token, user, JSON; no writes) | peksos | "
          f"{floor_rate:.1f} /s | ratio {floor_rate / bare_rate if bare_rate else 0.0:.2f} | | |")
    print(f"| (information) the bare endpoint writing into the app's own persons and cases | - | "
          f"{tables_rate:.1f} /s | app ratio to it {app_rate / tables_rate if tables_rate else 0.0:.2f} | | |")
    for path, label in (("/intake/app-minimum", "seven Core statements"), ("/intake/app-one-write", "one statement")):
        if path in ceilings:
            print(f"| (information) ceiling: the intake's writes without the ORM or validation, {label} "
                  f"(bench/intake_ceiling.py {path}) | peksos | {ceilings[path]:.1f} /s | "
                  f"ratio {ceilings[path] / bare_rate if bare_rate else 0.0:.2f} | | |")
    if "/intake/app-one-write" in ceilings:
        print(f"| (information) ceiling inside the app: the same one statement behind the app's framework and "
              f"token check (bench/app_ceiling.py) | peksos | {inside_rate:.1f} /s | "
              f"ratio {inside_rate / bare_rate if bare_rate else 0.0:.2f} | | |")
    print(f"| worker RSS after the mix | - | {' / '.join(f'{r:.0f}' for r in rss)} MB | | < {RSS_MB} MB | "
          f"{'yes' if rss_ok else 'NO'} |")
    if recall is not None:
        rec, n_pairs, wrong = recall
        print(f"duplicate queue: recall {rec:.3f} of the planted duplicates, {n_pairs} pairs shown, "
              f"{wrong} namesakes with their own NIKs paired")
        failed |= rec < 1.0 or wrong > 0
    print("all targets met" if not failed else "targets MISSED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
