// What the device downloads to work offline: the reference bundle, "Bawa beban kasus saya offline"
// (the worker's caseload) and "Bawa kejadian saya offline" (the disaster bundle).
import { api, haveToken } from "./api.js";
import { say } from "./dom.js";
import { keepPending } from "./events.js";
import { fmt } from "./format.js";
import { mine } from "./outbox.js";
import { render } from "./render.js";
import { needLogin } from "./session.js";
import { S } from "./state.js";
import { kvGet, kvSet, swapDownloaded } from "./storage.js";

export async function loadReference(force) {
  S.ref = await kvGet("ref");
  if ((S.ref && !force) || !navigator.onLine || !S.user) return;
  if (!(await haveToken())) return;
  const res = await api("GET", "/api/v1/sync/reference");
  if (res.ok) { S.ref = await res.json(); await kvSet("ref", S.ref); }
}

// The caseload comes in keyset pages (GET /api/v1/sync/caseload?limit=&cursor=, docs/offline.md):
// each page is staged in `kv` ("caseload_partial", with the cursor of the next page) and the stored
// caseload is replaced only when the last page is in (`swapDownloaded`, one transaction). A break
// half-way keeps the old caseload; the next try resumes from the staged cursor (the server re-sends on
// the last page whatever changed since the first). The latest copy of each id wins. The page size can
// be made small for tests: localStorage "lindung.caseload_limit".
export const CASELOAD_LIMIT = 500;
const STAGED_FOR_MS = 6 * 3600 * 1000; // staged pages older than this are dropped: the download starts over

function pageLimit() {
  const raw = Number(localStorage.getItem("lindung.caseload_limit"));
  return raw >= 1 && raw <= CASELOAD_LIMIT ? Math.floor(raw) : CASELOAD_LIMIT;
}

export async function downloadCaseload() {
  let part = await kvGet("caseload_partial");
  const fresh = part && part.user_id === S.user.id && Date.now() - part.started < STAGED_FOR_MS;
  if (!fresh) part = { user_id: S.user.id, started: Date.now(), cursor: "", persons: {}, cases: {} };
  for (;;) {
    const res = await api("GET", `/api/v1/sync/caseload?limit=${pageLimit()}&cursor=${encodeURIComponent(part.cursor)}`);
    if (res.status === 422 && part.cursor) { await kvSet("caseload_partial", null); return downloadCaseload(); }
    if (!res.ok) throw new Error("caseload " + res.status);
    const load = await res.json();
    for (const p of load.persons) part.persons[p.id] = p;
    for (const c of load.cases) part.cases[c.id] = c;
    if (!load.next_cursor) break;
    part.cursor = load.next_cursor;
    await kvSet("caseload_partial", part);
  }
  const persons = Object.values(part.persons), cases = Object.values(part.cases);
  await swapDownloaded(persons, cases);
  return { persons, cases };
}

export async function takeOffline() {
  if (!S.user || !navigator.onLine) return;
  try {
    if (!(await haveToken())) { needLogin("login_needed"); return; }
    await loadReference(true);
    const load = await downloadCaseload();
    say(fmt("caseload_saved", { persons: load.persons.length, cases: load.cases.length }));
  } catch (err) {
    if (err.auth) needLogin("login_needed"); else say(fmt("sync_failed", { seconds: 0 }), "warning");
  }
  await render();
}

// The events bundle; `quiet` after a sync that sent disaster operations (no message, no reference).
export async function downloadEvents(quiet) {
  if (!S.user || !navigator.onLine) return;
  try {
    if (!(await haveToken())) { needLogin("login_needed"); return; }
    if (!quiet) await loadReference(true);
    const res = await api("GET", "/api/v1/sync/events");
    if (!res.ok) throw new Error("events " + res.status);
    const pending = new Set((await mine()).map((e) => e.entity_id));
    const fresh = keepPending(S.disaster, await res.json(), pending);
    S.disaster = fresh;
    await kvSet("disaster", fresh);
    if (!quiet) say(fmt("events_saved", { events: fresh.events.length, households: fresh.events.reduce((n, e) => n + e.households.length, 0) }));
  } catch (err) {
    if (err.auth) needLogin("login_needed"); else if (!quiet) say(fmt("sync_failed", { seconds: 0 }), "warning");
  }
  await render();
}
