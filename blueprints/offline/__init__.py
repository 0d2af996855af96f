"""The offline tablet app (installable PWA at ``/aplikasi``) and the supervisor's sync inbox.

* ``/aplikasi`` is a shell page that holds no personal data: the service worker
  (``/sw.js``) caches it with the scripts, styles and icons, and the app keeps
  the worker's caseload, the reference bundle and the outbox in IndexedDB.
* ``/aplikasi/sesi`` and ``/aplikasi/token`` turn the normal web login into a bearer
  token for the API (CSRF-protected), so the app syncs with ``POST /api/v1/sync``.
* ``/sinkron/konflik`` is the supervisor's inbox: both versions side by side,
  choose or merge per field.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from wtforms import TextAreaField

from blueprints.core import record_labels
from blueprints.core.i18n import lang, tr
from blueprints.core.nav import register_nav, register_tile
from blueprints.core.security import ensure, public, requires, user
from blueprints.core.transaction import commit_now, service_errors
from service.accounts.models import User
from service.accounts.users import TOKEN_DAYS, issue_token
from service.core import audit, display, interchange, paths
from service.core.access import can
from service.core.db import session
from service.core.errors import N_, ServiceError
from service.core.pagination import paginate
from service.disasters import sync_ops as disaster_sync
from service.offline import conflicts as inbox
from service.registry import sync_ops as person_sync

bp = Blueprint("offline", __name__)

register_nav(60, "offline.app_shell", N_("Aplikasi offline"), "sync.push")
register_nav(62, "offline.conflicts", N_("Konflik sinkronisasi"), "sync.resolve")
register_tile(("peksos", "supervisor", "operator", "tagana"), "offline.app_shell", N_("Aplikasi offline"),
              N_("Bawa beban kasus ke lapangan, catat tanpa sinyal, kirim saat online."))
register_tile(("supervisor",), "offline.conflicts", N_("Konflik sinkronisasi"),
              N_("Perubahan dari perangkat yang bertabrakan: pilih atau gabungkan."))

# The app shell the service worker caches, besides the page and the manifest: these files and every
# ES module of the app (shell_assets()). The cache's name is a digest of their contents (cache_version()),
# so a deploy that changes any of them makes every device fetch the new shell.
SHELL_ASSETS = ["css/app.css", "css/forms.css", "js/disasters/cardverify.js", "js/forms.js", "icons/lindung.svg",
                "icons/lindung-192.png", "icons/lindung-512.png"]
APP_MODULES = "js/offline"
CACHE_PREFIX = "lindung-offline-"


class ResolveForm(FlaskForm):
    note = TextAreaField(N_("Catatan keputusan"))


class _RowErrors:
    """Where ``service_errors`` puts a decision's field errors: one slot per row of the side-by-side
    table (the rows are the record's fields, not the form's); the rest is flashed."""

    def __init__(self) -> None:
        self._slots: dict[str, SimpleNamespace] = {}

    def __getattr__(self, name: str) -> SimpleNamespace:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._slots.setdefault(name, SimpleNamespace(errors=[]))

    def messages(self) -> dict[str, str]:
        return {name: slot.errors[0] for name, slot in self._slots.items() if slot.errors}


# ---------------------------------------------------------------- the PWA
@bp.route("/aplikasi")
@public
def app_shell() -> Any:
    """The offline app's shell: no personal data, so the service worker may cache it."""
    return render_template("offline/app.html")


@bp.route("/aplikasi/manifest.webmanifest")
@public
def manifest() -> Any:
    body = {
        "name": "Lindung — " + tr("Aplikasi lapangan"),
        "short_name": "Lindung",
        "description": tr("Catat pendaftaran, asesmen dan layanan tanpa sinyal; kirim saat online."),
        "lang": lang(),
        "start_url": "/aplikasi",
        "scope": "/aplikasi",
        "display": "standalone",
        "orientation": "any",
        "background_color": "#ffffff",
        "theme_color": "#0b6e4f",
        "icons": [
            {"src": url_for("static", filename="icons/lindung-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": url_for("static", filename="icons/lindung-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "any maskable"},
            {"src": url_for("static", filename="icons/lindung.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return Response(json.dumps(body), mimetype="application/manifest+json")


def shell_assets() -> list[str]:
    """SHELL_ASSETS and the app's modules: ``static/js/offline/**/*.js`` but the service worker itself and
    the modules' unit tests (``static/js/offline/tests/``), so that the app starts offline (docs/offline.md)."""
    static = Path(current_app.static_folder)  # type: ignore[arg-type]
    modules = []
    for path in sorted((static / APP_MODULES).rglob("*.js")):
        inside = path.relative_to(static / APP_MODULES).parts
        if inside != ("sw.js",) and inside[0] != "tests":
            modules.append(path.relative_to(static).as_posix())
    return SHELL_ASSETS + modules


def content_digest(paths: list[Path]) -> str:
    """A short digest of these files' names and contents."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def cache_version() -> str:
    """The service worker cache's name: changes whenever the shell page, the worker or an asset changes."""
    static = Path(current_app.static_folder)  # type: ignore[arg-type]
    files = [static / a for a in shell_assets()] + [static / "js/offline/sw.js"]
    return CACHE_PREFIX + content_digest(files + [paths.TEMPLATES / "offline/app.html"])


@bp.route("/sw.js")
@public
def service_worker() -> Any:
    """The service worker, served from the root so it may control ``/aplikasi`` (and say so)."""
    path = current_app.static_folder + "/js/offline/sw.js"  # type: ignore[operator]
    with open(path, encoding="utf-8") as fh:
        code = fh.read()
    assets = ["/aplikasi", url_for("offline.manifest")] + [url_for("static", filename=a) for a in shell_assets()]
    code = code.replace("__CACHE_VERSION__", cache_version()).replace("__ASSETS__", json.dumps(assets))
    resp = Response(code, mimetype="application/javascript")
    resp.headers["Service-Worker-Allowed"] = "/"
    resp.headers["Cache-Control"] = "no-cache"
    return resp


@bp.route("/aplikasi/sesi")
@public
def app_session() -> Any:
    """Who is signed in (for device hygiene) and a CSRF token for ``/aplikasi/token`` and logout; 401 when nobody."""
    if not current_user.is_authenticated:
        return jsonify({"error": {"code": "unauthorized", "message": tr("Silakan masuk terlebih dahulu.")}}), 401
    u = user()
    return jsonify({"user": {"id": str(u.id), "username": u.username, "full_name": u.full_name, "role": u.role,
                             "area_code": u.area_code},
                    "can_sync": can(u, "sync.push"), "can_resolve": can(u, "sync.resolve"),
                    "csrf_token": generate_csrf()})


@bp.route("/aplikasi/token", methods=["POST"])
@requires("sync.push")
def app_token() -> Any:
    """A bearer token for the signed-in user's offline app (CSRF-protected: same-origin only)."""
    u = user()
    raw = issue_token(session.get(User, u.id), label="offline app")
    audit.log_event("token", "users", u.id, {"purpose": "offline app"})
    return jsonify({"token": raw, "expires_in_days": TOKEN_DAYS, "user_id": str(u.id)})


# ---------------------------------------------------------------- the conflict inbox
@bp.route("/sinkron/konflik")
@requires("sync.resolve")
def conflicts() -> Any:
    status = request.args.get("status", "open")
    q = request.args.get("q", "")
    page = paginate(inbox.conflicts_stmt(user(), status, q), request.args.get("page", 1, type=int))
    names = {u.id: u.full_name or u.username for u in session.query(User).filter(
        User.id.in_({c.submitted_by_id for c in page.items if c.submitted_by_id}))}
    return render_template("offline/conflicts.html", page=page, status=status, q=q, names=names,
                           flag_labels=disaster_sync.FLAG_LABELS)


def _conflict(conflict_id: str) -> Any:
    try:
        return inbox.get_conflict(user(), conflict_id)
    except ServiceError as exc:
        abort(exc.status)


@bp.route("/sinkron/konflik/<conflict_id>", methods=["GET", "POST"])
@requires("sync.resolve")
def conflict_detail(conflict_id: str) -> Any:
    item = _conflict(conflict_id)
    ensure("sync.resolve", item)
    form = ResolveForm()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        choices = {k[7:]: v for k, v in request.form.items() if k.startswith("choice_")}
        beside_rows = _RowErrors()
        with service_errors(beside_rows) as done:
            inbox.resolve_conflict(user(), item, choices, seen_version=request.form.get("seen_version", type=int),
                                  note=form.note.data)
        if done.ok:
            flash(tr("Konflik diselesaikan."), "success")
            return redirect(url_for("offline.conflicts"))
        item = _conflict(conflict_id)  # rolled back: read it again
        errors, status = beside_rows.messages(), 422
    elif request.method == "POST":
        status = 422
    if item.entity_type == "persons":
        audit.log_access("persons", item.entity_id, purpose="sync_conflict")
        if status >= 400:
            commit_now()  # the person's record is shown although the answer is 422: its access log stays
    rows, version = inbox.conflict_rows(item)
    _show_values(rows, item)
    submitted = session.get(User, item.submitted_by_id) if item.submitted_by_id else None
    return render_template("offline/conflict.html", item=item, rows=rows, version=version, form=form,
                           errors=errors, submitted=submitted, labels=dict(person_sync.PERSON_FIELDS),
                           flag_labels=disaster_sync.FLAG_LABELS), status


def _show_values(rows: list[dict[str, Any]], item: Any) -> None:
    """Each row's values as people read them ("Perempuan", 12/03/1941, the village's name), in
    ``server_shown``/``device_shown``; the stored values stay for the choice."""
    res = display.Resolver(user(), tr, lang(), record_labels.code_label)
    table = item.entity_type if item.kind == "version" else ""
    columns = {r["field"]: interchange.PERSON.get(r["field"], r["field"]) for r in rows}
    if table:
        res.want_values(table, {columns[r["field"]]: [r["server"], r["device"]] for r in rows})
        res.load()
    for r in rows:
        for side in ("server", "device"):
            value = r[side]
            r[side + "_shown"] = res.value(table, columns[r["field"]], value) if table else (
                "–" if value in (None, "") else str(value))

