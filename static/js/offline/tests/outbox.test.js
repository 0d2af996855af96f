// The outbox (../outbox.js): enqueue, order, ownership, fixes, dequeue, and that it survives a reload.
import { addOp, mine, others, toOperation } from "../outbox.js";
import { S } from "../state.js";
import { all, del, dropDatabase, get, put, useDatabase } from "../storage.js";
import { deepEqual, equal, ok } from "./assert.js";
import { BUDI, RELOAD_DB, WATI } from "./device.js";

const labels = (list) => list.map((e) => e.label);

export const tests = {
  "enqueue: a pending entry with device-made ids, tagged with its owner": async () => {
    const entry = await addOp("person.upsert", "p-1", { nama: "Sarinah" }, null, "Data orang: Sarinah");
    const [stored] = await all("outbox");
    deepEqual(stored, entry);
    ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(stored.op_id), "a v4 uuid: " + stored.op_id);
    deepEqual([stored.type, stored.entity_id, stored.data, stored.status, stored.errors, stored.attempts],
      ["person.upsert", "p-1", { nama: "Sarinah" }, "pending", null, 0]);
    deepEqual([stored.owner, stored.owner_name, stored.label], ["u1", "wati", "Data orang: Sarinah"]);
    ok(!("base_version" in stored), "no base_version for a new person");
  },
  "enqueue: base_version when the person was downloaded": async () => {
    const entry = await addOp("person.upsert", "p-1", { nama: "Sarinah" }, 4, "x");
    equal((await get("outbox", entry.op_id)).base_version, 4);
  },
  "mine: the signed-in user's entries, oldest first; others: everybody else's": async () => {
    await addOp("person.upsert", "p-1", {}, null, "first");
    S.user = { ...BUDI };
    await addOp("person.upsert", "p-2", {}, null, "budi's");
    S.user = { ...WATI };
    await addOp("delivery.create", "d-1", {}, null, "second");
    deepEqual(labels(await mine()), ["first", "second"]);
    deepEqual(labels(await others()), ["budi's"]);
    S.user = null;
    deepEqual(labels(await mine()), []);
    equal((await others()).length, 3);
  },
  "a fixed entry keeps its op_id and its place, and waits again": async () => {
    const first = await addOp("person.upsert", "p-1", { nama: "Sarnah" }, null, "first");
    const second = await addOp("delivery.create", "d-1", {}, null, "second");
    await put("outbox", { ...first, status: "error", errors: { nama: "Nama tidak sah." } });
    await addOp("person.upsert", "p-1", { nama: "Sarinah" }, null, "first, fixed", first.op_id);
    deepEqual((await mine()).map((e) => [e.op_id, e.label, e.status, e.errors, e.data]),
      [[first.op_id, "first, fixed", "pending", null, { nama: "Sarinah" }], [second.op_id, "second", "pending", null, {}]]);
  },
  "dequeue: a discarded entry is gone, the others stay": async () => {
    const first = await addOp("person.upsert", "p-1", {}, null, "first");
    await addOp("person.upsert", "p-2", {}, null, "second");
    await del("outbox", first.op_id);
    deepEqual(labels(await mine()), ["second"]);
  },
  "toOperation: what POST /api/v1/sync gets, nothing of the device's bookkeeping": async () => {
    const entry = await addOp("person.upsert", "p-1", { nama: "Sarinah" }, 2, "x");
    deepEqual(toOperation(entry), { op_id: entry.op_id, type: "person.upsert", entity_id: "p-1", data: { nama: "Sarinah" }, base_version: 2 });
    const other = await addOp("delivery.create", "d-1", { jumlah: 1 }, null, "y");
    deepEqual(Object.keys(toOperation(other)).sort(), ["data", "entity_id", "op_id", "type"]);
  },
  "reload (1/2): the outbox written before the page reloads": async () => {
    useDatabase(RELOAD_DB);
    await dropDatabase();
    await addOp("person.upsert", "p-1", { nama: "Wagiman" }, null, "Data orang: Wagiman", "op-reload-1");
    await addOp("assessment.create", "a-1", { person_id: "p-1", kebutuhan: ["permakanan"] }, null, "Asesmen: Wagiman", "op-reload-2");
    S.user = { ...BUDI };
    await addOp("person.upsert", "p-9", { nama: "Budi's" }, null, "budi's", "op-reload-3");
    equal((await all("outbox")).length, 3);
  },
};

export const afterReload = {
  "reload (2/2): the outbox is still there, in order, with its owners": async () => {
    useDatabase(RELOAD_DB);
    const list = await mine();
    deepEqual(list.map((e) => [e.op_id, e.type, e.entity_id, e.status, e.owner]),
      [["op-reload-1", "person.upsert", "p-1", "pending", "u1"], ["op-reload-2", "assessment.create", "a-1", "pending", "u1"]]);
    deepEqual(list[1].data, { person_id: "p-1", kebutuhan: ["permakanan"] });
    deepEqual((await others()).map((e) => [e.op_id, e.owner_name]), [["op-reload-3", "budi"]]);
    await dropDatabase();
  },
};
