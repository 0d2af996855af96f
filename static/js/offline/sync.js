// Sync with POST /api/v1/sync: the owner's outbox in batches of 200, each result settled on the device,
// retryable rejections resent in the same run after progress, exponential back-off when the server
// cannot be reached (docs/offline.md "The app").
import { api, haveToken } from "./api.js";
import { $, say } from "./dom.js";
import { downloadEvents } from "./downloads.js";
import { fmt } from "./format.js";
import { mine, notice, toOperation } from "./outbox.js";
import { render } from "./render.js";
import { needLogin } from "./session.js";
import { S } from "./state.js";
import { del, get, kvSet, put } from "./storage.js";

export const BATCH = 200;
const ROUNDS = 3;
const DISASTER_TYPES = ["victim.register", "distribution.create"];

// What one result means for its outbox entry: "applied" (applied or duplicate: the entry leaves the
// outbox), "conflict" (leaves it, a note says the supervisor decides), "retry" (stays, resent later) or
// "error" (stays until fixed or discarded).
export async function settle(entry, result) {
  if (result.status === "applied" || result.status === "duplicate") {
    await del("outbox", entry.op_id);
    if (result.status === "applied" && result.conflict_id) await notice(fmt("flagged", { label: entry.label }));
    if (entry.type === "person.upsert") {
      const p = await get("persons", entry.entity_id);
      if (p) { p.version = result.version; p.local = false; await put("persons", p); }
    }
    return "applied";
  }
  if (result.status === "conflict") {
    await del("outbox", entry.op_id);
    await notice(fmt("conflict_sent", { name: entry.data.nama || entry.label }));
    const p = await get("persons", entry.entity_id);
    if (p) { p.version = result.version; await put("persons", p); }
    return "conflict";
  }
  if (result.retryable) {
    entry.attempts++; entry.status = "retry"; entry.errors = result.errors; await put("outbox", entry);
    return "retry";
  }
  entry.status = "error"; entry.errors = result.errors; await put("outbox", entry);
  return "error";
}

// Send the owner's outbox (not the entries that need fixing) with send(operations) → the server's
// answer; again while retryable ones remain and the last round made progress, at most 3 rounds.
export async function pushOutbox(send) {
  const counts = { applied: 0, conflicts: 0, errors: 0, disasterSent: false };
  for (let round = 0; round < ROUNDS; round++) {
    const queue = (await mine()).filter((e) => e.status !== "error");
    if (!queue.length) break;
    let progressed = false, retry = false;
    for (let i = 0; i < queue.length; i += BATCH) {
      const chunk = queue.slice(i, i + BATCH);
      const body = await send(chunk.map(toOperation));
      for (let j = 0; j < chunk.length; j++) {
        const entry = chunk[j];
        const outcome = await settle(entry, body.results[j]);
        if (outcome === "applied") {
          counts.applied++; progressed = true;
          if (DISASTER_TYPES.includes(entry.type)) counts.disasterSent = true;
        } else if (outcome === "conflict") {
          counts.conflicts++; progressed = true;
        } else if (outcome === "retry") retry = true;
        else counts.errors++;
      }
    }
    if (!retry || !progressed) break;
  }
  return counts;
}

async function sendBatch(operations) {
  const res = await api("POST", "/api/v1/sync", { device_id: S.deviceId, operations });
  if (!res.ok) throw new Error("sync " + res.status);
  return res.json();
}

// Seconds until the next try after `failures` failed syncs in a row: 10 s, 20 s … at most 5 minutes.
export const retryDelay = (failures) => Math.min(300, 5 * 2 ** Math.min(failures, 6));

export async function syncNow() {
  if (S.syncing || !S.user || !navigator.onLine) return;
  clearTimeout(S.timer);
  S.syncing = true;
  $("#sync-now").disabled = true;
  try {
    if (!(await haveToken())) { needLogin("login_needed"); return; }
    const { applied, conflicts, errors, disasterSent } = await pushOutbox(sendBatch);
    S.failures = 0;
    if (disasterSent && S.disaster) await downloadEvents(true);
    await kvSet("lastSync", new Date().toISOString());
    say(fmt("sync_done", { applied, conflicts, errors }), errors ? "warning" : "success");
    $("#login-banner").hidden = true;
  } catch (err) {
    if (err.auth) { needLogin("login_needed"); } else {
      S.failures++;
      const seconds = retryDelay(S.failures);
      say(fmt("sync_failed", { seconds }), "warning");
      S.timer = setTimeout(syncNow, seconds * 1000);
    }
  } finally {
    S.syncing = false;
    $("#sync-now").disabled = false;
    await render();
  }
}

// Sync when something the owner can send is waiting (the app's one-minute timer).
export async function syncIfPending() {
  if (navigator.onLine && !S.syncing && (await mine()).some((e) => e.status !== "error")) syncNow();
}
