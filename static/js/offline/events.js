// The disaster bundle on the device (GET /api/v1/sync/events, kv "disaster"): what the device records
// is added to it (local: true) so that the device's own guard sees it, until the next download.
import { $ } from "./dom.js";
import { S } from "./state.js";
import { kvSet } from "./storage.js";

// The event chosen in the Bencana tab (the first one when none is chosen); null without events.
export const currentEvent = () => {
  if (!S.disaster || !S.disaster.events.length) return null;
  const id = $("#ev-select").value;
  return S.disaster.events.find((e) => e.id === id) || S.disaster.events[0];
};

export const findEvent = (id) => S.disaster.events.find((e) => e.id === id);
export const itemOf = (code) => S.disaster && S.disaster.items.find((i) => i.code === code);
export async function saveBundle() { await kvSet("disaster", S.disaster); }

// A fresh download keeps what the device recorded and the server has not confirmed yet
// (`pending`: the entity ids still in the outbox): its households and distributions.
export function keepPending(old, fresh, pending) {
  if (!old) return fresh;
  for (const before of old.events) {
    const ev = fresh.events.find((x) => x.id === before.id);
    if (!ev) continue;
    for (const hh of before.households) if (hh.local && hh.anggota.some((m) => pending.has(m.id)) && !ev.households.some((h) => h.kepala_id === hh.kepala_id)) ev.households.push(hh);
    for (const d of before.distributions) if (d.local && pending.has(d.id)) ev.distributions.push(d);
  }
  return fresh;
}
