// Sync results (../sync.js): applied, duplicate, conflict, rejected, retryable; rounds, batches, back-off.
import { addOp, mine, notices } from "../outbox.js";
import { get, put } from "../storage.js";
import { BATCH, pushOutbox, retryDelay } from "../sync.js";
import { deepEqual, equal, ok, rejects } from "./assert.js";

// A scripted server: answer(op, call) → the result's status fields; records the operations sent.
function server(answer) {
  const calls = [];
  const send = async (operations) => {
    calls.push(operations.map((op) => op.op_id));
    return { results: operations.map((op) => ({ op_id: op.op_id, entity_id: op.entity_id, version: null, ...answer(op, calls.length) })) };
  };
  return { send, calls };
}

const person = (id, extra = {}) => put("persons", { id, nama: "Sarinah", local: true, version: null, ...extra });

export const tests = {
  "applied: the entry leaves the outbox, the device's person gets the server's version": async () => {
    await person("p-1");
    await addOp("person.upsert", "p-1", { nama: "Sarinah" }, null, "Data orang: Sarinah");
    const { send, calls } = server(() => ({ status: "applied", version: 1 }));
    deepEqual(await pushOutbox(send), { applied: 1, conflicts: 0, errors: 0, disasterSent: false });
    equal(calls.length, 1);
    deepEqual(await mine(), []);
    const p = await get("persons", "p-1");
    deepEqual([p.version, p.local], [1, false]);
    deepEqual(await notices(), []);
  },
  "duplicate: settled before, counted as received, leaves the outbox": async () => {
    await addOp("delivery.create", "d-1", { layanan: "permakanan" }, null, "x");
    const { send } = server(() => ({ status: "duplicate", first_status: "applied", version: 1 }));
    deepEqual(await pushOutbox(send), { applied: 1, conflicts: 0, errors: 0, disasterSent: false });
    deepEqual(await mine(), []);
  },
  "applied with a conflict_id: a note that a supervisor checks it": async () => {
    await addOp("distribution.create", "x-1", { barang: "family_kit" }, null, "Distribusi Family kit × 1: Ponirah");
    const { send } = server(() => ({ status: "applied", version: 1, conflict_id: "c-1" }));
    deepEqual(await pushOutbox(send), { applied: 1, conflicts: 0, errors: 0, disasterSent: true });
    deepEqual((await notices()).map((n) => n.text), ["flagged: Distribusi Family kit × 1: Ponirah"]);
  },
  "conflict: leaves the outbox with a note; the person keeps the device's values, the server's version": async () => {
    await person("p-1", { local: false, version: 2, telepon: "0822" });
    await addOp("person.upsert", "p-1", { nama: "Kartosuwiryo", telepon: "0822" }, 2, "Data orang: Kartosuwiryo");
    const { send } = server(() => ({ status: "conflict", version: 3, conflict_id: "c-1" }));
    deepEqual(await pushOutbox(send), { applied: 0, conflicts: 1, errors: 0, disasterSent: false });
    deepEqual(await mine(), []);
    deepEqual((await notices()).map((n) => n.text), ["conflict: Kartosuwiryo"]);
    const p = await get("persons", "p-1");
    deepEqual([p.version, p.telepon, p.local], [3, "0822", false]);
  },
  "rejected: stays, needing a fix, with the server's messages, and is not sent again": async () => {
    const entry = await addOp("person.upsert", "p-1", { nama: "S" }, null, "x");
    const { send, calls } = server(() => ({ status: "rejected", errors: { nik: "NIK harus 16 angka." } }));
    deepEqual(await pushOutbox(send), { applied: 0, conflicts: 0, errors: 1, disasterSent: false });
    const [stored] = await mine();
    deepEqual([stored.op_id, stored.status, stored.errors, stored.attempts], [entry.op_id, "error", { nik: "NIK harus 16 angka." }, 0]);
    deepEqual(await pushOutbox(send), { applied: 0, conflicts: 0, errors: 0, disasterSent: false });
    equal(calls.length, 1, "nothing to send the second time");
  },
  "retryable: resent in the same run after the others made progress": async () => {
    const head = await addOp("person.upsert", "p-1", { nama: "Wagiman" }, null, "person");
    const delivery = await addOp("delivery.create", "d-1", { person_id: "p-1" }, null, "delivery");
    const { send, calls } = server((op, call) => (op.op_id === delivery.op_id && call === 1
      ? { status: "rejected", retryable: true, errors: { person_id: "belum ada" } } : { status: "applied", version: 1 }));
    deepEqual(await pushOutbox(send), { applied: 2, conflicts: 0, errors: 0, disasterSent: false });
    deepEqual(calls, [[head.op_id, delivery.op_id], [delivery.op_id]]);
    deepEqual(await mine(), []);
  },
  "retryable without progress: one round, the entry waits for the other data": async () => {
    const entry = await addOp("delivery.create", "d-1", { person_id: "p-9" }, null, "delivery");
    const { send, calls } = server(() => ({ status: "rejected", retryable: true, errors: { person_id: "belum ada" } }));
    deepEqual(await pushOutbox(send), { applied: 0, conflicts: 0, errors: 0, disasterSent: false });
    equal(calls.length, 1);
    const [stored] = await mine();
    deepEqual([stored.op_id, stored.status, stored.attempts, stored.errors], [entry.op_id, "retry", 1, { person_id: "belum ada" }]);
  },
  "batches of 200, in the outbox's order": async () => {
    const ids = [];
    for (let i = 0; i < 450; i++) ids.push((await addOp("delivery.create", "d-" + i, {}, null, "d" + i)).op_id);
    const { send, calls } = server(() => ({ status: "applied", version: 1 }));
    equal((await pushOutbox(send)).applied, 450);
    equal(BATCH, 200);
    deepEqual(calls.map((c) => c.length), [200, 200, 50]);
    deepEqual(calls.flat(), ids);
  },
  "disaster operations sent: the events bundle is to be downloaded again": async () => {
    await addOp("victim.register", "v-1", { nama: "Sukirman" }, null, "x");
    const { send } = server(() => ({ status: "duplicate", first_status: "applied", version: 1 }));
    ok((await pushOutbox(send)).disasterSent);
  },
  "server unreachable: the run stops, the outbox is kept as it was": async () => {
    await addOp("delivery.create", "d-1", {}, null, "x");
    await rejects(pushOutbox(async () => { throw new TypeError("Failed to fetch"); }), (e) => e instanceof TypeError);
    deepEqual((await mine()).map((e) => [e.status, e.attempts]), [["pending", 0]]);
  },
  "back-off: 10 s, doubling, at most 5 minutes": async () => {
    deepEqual([1, 2, 3, 5, 6, 7, 20].map(retryDelay), [10, 20, 40, 160, 300, 300, 300]);
  },
};
