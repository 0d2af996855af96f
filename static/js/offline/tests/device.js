// A clean device before each unit test: the tests' own IndexedDB (never the app's), emptied; the state
// of a signed-in user "wati" (u1); strings that show which message was chosen; a stubbable fetch.
import { T } from "../format.js";
import { S } from "../state.js";
import { clear, useDatabase } from "../storage.js";

export const TEST_DB = "lindung-offline-tests";
export const RELOAD_DB = "lindung-offline-tests-reload";
export const WATI = { id: "u1", username: "wati", full_name: "Wati" };
export const BUDI = { id: "u2", username: "budi", full_name: "Budi" };

const STRINGS = {
  required: "required", future: "future", bad_date: "bad date", no_such_date: "no such date", nik_16: "nik16", age_range: "age", need_reason: "reason", pick_need: "pick a need",
  flagged: "flagged: {label}", conflict_sent: "conflict: {name}",
  guard_day: "{item} given today ({when})", guard_event: "{item} given in this event ({when})",
};

const realFetch = window.fetch;

export async function resetDevice() {
  window.fetch = realFetch;
  useDatabase(TEST_DB);
  for (const store of ["kv", "persons", "cases", "outbox"]) await clear(store);
  Object.assign(S, { user: { ...WATI }, token: "token-1", csrf: null, deviceId: "device-1", ref: null, disaster: null,
                     syncing: false, failures: 0, timer: null });
  for (const k of Object.keys(T)) delete T[k];
  Object.assign(T, STRINGS);
}

// Answer fetch calls with handler(url, init) → [status, body]; returns the calls made.
export function stubFetch(handler) {
  const calls = [];
  window.fetch = async (url, init = {}) => {
    calls.push({ url, init });
    const [status, body] = handler(url, init, calls.length);
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  };
  return calls;
}
