// The disaster bundle on the device (../events.js): a fresh download keeps what is still in the outbox.
import { keepPending } from "../events.js";
import { deepEqual, equal } from "./assert.js";

const old = () => ({ events: [{
  id: "ev-1",
  households: [
    { kepala_id: "v-1", kepala: "Ponirah", anggota: [{ id: "v-1" }] },
    { kepala_id: "v-new", kepala: "Sukirman", local: true, anggota: [{ id: "v-new", local: true }] },
    { kepala_id: "v-sent", kepala: "Sent", local: true, anggota: [{ id: "v-sent", local: true }] },
  ],
  distributions: [{ id: "d-old" }, { id: "d-new", local: true }, { id: "d-sent", local: true }],
}, { id: "ev-gone", households: [], distributions: [{ id: "d-gone", local: true }] }] });

export const tests = {
  "keepPending: the device's households and distributions still in the outbox stay": async () => {
    const fresh = { events: [{ id: "ev-1", households: [{ kepala_id: "v-1", kepala: "Ponirah", anggota: [{ id: "v-1" }] },
      { kepala_id: "v-sent", kepala: "Sent", anggota: [{ id: "v-sent" }] }], distributions: [{ id: "d-old" }, { id: "d-sent" }] }] };
    const merged = keepPending(old(), fresh, new Set(["v-new", "d-new", "d-gone"]));
    equal(merged, fresh);
    deepEqual(merged.events[0].households.map((h) => [h.kepala_id, Boolean(h.local)]), [["v-1", false], ["v-sent", false], ["v-new", true]]);
    deepEqual(merged.events[0].distributions.map((d) => d.id), ["d-old", "d-sent", "d-new"]);
    equal(merged.events.length, 1);
  },
  "keepPending: the first download is taken as it is": async () => {
    const fresh = { events: [] };
    equal(keepPending(null, fresh, new Set()), fresh);
  },
};
