// The outbox: every change made on the device is an operation with a device-made op_id and entity_id,
// kept in IndexedDB until the server settles it (docs/offline.md "The app"). Entries carry their owner:
// only the owner's entries are shown and sent.
import { S } from "./state.js";
import { all, get, kvGet, kvSet, put } from "./storage.js";

export const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000".replace(/[018]/g,
  (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));

let seq = Date.now();

// The signed-in user's entries, oldest first.
export async function mine() { return (await all("outbox")).filter((e) => S.user && e.owner === S.user.id).sort((a, b) => a.seq - b.seq); }
// Entries of other users kept on this device.
export async function others() { return (await all("outbox")).filter((e) => !S.user || e.owner !== S.user.id); }

// Queue an operation; with the opId of an entry (a fix) it replaces that entry and keeps its place.
export async function addOp(type, entityId, data, baseVersion, label, opId) {
  const entry = { op_id: opId || uuid(), seq: seq++, type, entity_id: entityId, data, status: "pending", errors: null,
                  owner: S.user.id, owner_name: S.user.username, label, attempts: 0 };
  if (baseVersion) entry.base_version = baseVersion;
  if (opId) { const old = await get("outbox", opId); if (old) entry.seq = old.seq; }
  await put("outbox", entry);
  return entry;
}

// An entry as POST /api/v1/sync takes it.
export function toOperation(entry) {
  const op = { op_id: entry.op_id, type: entry.type, entity_id: entry.entity_id, data: entry.data };
  if (entry.base_version) op.base_version = entry.base_version;
  return op;
}

// The sync notes shown under the outbox (newest first, at most 30).
export async function notice(text) {
  const list = (await kvGet("notices")) || [];
  list.unshift({ at: new Date().toISOString(), text });
  await kvSet("notices", list.slice(0, 30));
}
export const notices = async () => (await kvGet("notices")) || [];
