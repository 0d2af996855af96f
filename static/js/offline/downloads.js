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
import { all, del, kvGet, kvSet, put } from "./storage.js";

export async function loadReference(force) {
  S.ref = await kvGet("ref");
  if ((S.ref && !force) || !navigator.onLine || !S.user) return;
  if (!(await haveToken())) return;
  const res = await api("GET", "/api/v1/sync/reference");
  if (res.ok) { S.ref = await res.json(); await kvSet("ref", S.ref); }
}

// The caseload replaces what was downloaded before; persons and cases made on the device stay.
export async function takeOffline() {
  if (!S.user || !navigator.onLine) return;
  try {
    if (!(await haveToken())) { needLogin("login_needed"); return; }
    await loadReference(true);
    const res = await api("GET", "/api/v1/sync/caseload");
    if (!res.ok) throw new Error("caseload " + res.status);
    const load = await res.json();
    for (const p of await all("persons")) if (!p.local) await del("persons", p.id);
    for (const c of await all("cases")) if (!c.local) await del("cases", c.id);
    for (const p of load.persons) await put("persons", { ...p, local: false });
    for (const c of load.cases) await put("cases", { ...c, local: false });
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
