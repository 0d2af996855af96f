// Checks on the device (../checks.js): dates, the person's fields, and the double-distribution guard.
import { checkDate, guardMessage, personErrors, priorDistributions } from "../checks.js";
import { today } from "../format.js";
import { deepEqual, equal } from "./assert.js";

const dayAfter = (iso, days) => new Date(Date.parse(iso) + days * 86400000).toISOString().slice(0, 10);

const KIT = { code: "family_kit", name: "Family kit", guard_period: "event" };
const RICE = { code: "beras", name: "Beras", guard_period: "day" };
const WATER = { code: "air", name: "Air", guard_period: "none" };

function event() {
  const day = today(), before = dayAfter(day, -3);
  return {
    distributions: [
      { id: "x1", household_id: "hh-1", kartu_id: "card-1", barang: "family_kit", tanggal: before },
      { id: "x2", household_id: "hh-1", kartu_id: "card-1", barang: "beras", tanggal: before },
      { id: "x3", household_id: "hh-1", kartu_id: "card-1", barang: "beras", tanggal: day, local: true },
      { id: "x4", household_id: "hh-2", kartu_id: null, barang: "family_kit", tanggal: day },
      { id: "x5", household_id: "hh-1", kartu_id: "card-1", barang: "air", tanggal: day },
    ],
  };
}
const ids = (list) => list.map((d) => d.id);

export const tests = {
  "checkDate: required, and never after today": async () => {
    equal(checkDate("", true), "required");
    equal(checkDate("", false), null);
    equal(checkDate(today(), true), null);
    equal(checkDate("1944-05-17", false), null);
    equal(checkDate(dayAfter(today(), 1), false), "future");
    equal(checkDate("17/05/1944x", false), "bad date");  // what fieldValue gives back for a non-date
    equal(checkDate("31/02/1990", false), "no such date");  // written right, not in the calendar
    equal(checkDate("29021991", false), "no such date");
  },
  "personErrors: name and village required, a 16-digit NIK, a birth date not in the future": async () => {
    deepEqual(personErrors({}), { nama: "required", kode_wilayah: "required" });
    deepEqual(personErrors({ nama: "S", kode_wilayah: "18.72.01.1002", nik: "18720112", tanggal_lahir: dayAfter(today(), 2) }),
      { nik: "nik16", tanggal_lahir: "future" });
    deepEqual(personErrors({ nama: "S", kode_wilayah: "18.72.01.1002", nik: "1872011203410001", tanggal_lahir: "1941-03-12" }), {});
  },
  "personErrors: a new person without NIK needs the reason (no silent default); an edit keeps the server's": async () => {
    deepEqual(personErrors({ nama: "S", kode_wilayah: "18.72.01.1002" }, true), { alasan_tanpa_nik: "reason" });
    deepEqual(personErrors({ nama: "S", kode_wilayah: "18.72.01.1002", alasan_tanpa_nik: "dokumen_hilang" }, true), {});
    deepEqual(personErrors({ nama: "S", kode_wilayah: "18.72.01.1002", nik: "1872011203410001" }, true), {});
    deepEqual(personErrors({ nama: "S", kode_wilayah: "18.72.01.1002" }, false), {});
  },
  "personErrors: an estimated age is a whole number of years, 0 to 120 (the server's rule)": async () => {
    const who = { nama: "Mbah S", kode_wilayah: "18.72.01.1002" };
    deepEqual(personErrors({ ...who, umur: "72" }), {});
    deepEqual(personErrors({ ...who, umur: 0 }), {});
    deepEqual(personErrors({ ...who, umur: "120" }), {});
    for (const bad of ["121", "150", "-1", "7.5", "tujuh"]) deepEqual(personErrors({ ...who, umur: bad }), { umur: "age" }, bad);
  },
  "guard 'event': the item given earlier in the event to the household or on the card": async () => {
    const ev = event();
    deepEqual(ids(priorDistributions(ev, KIT, { householdId: "hh-1", cardId: null, day: today() })), ["x1"]);
    deepEqual(ids(priorDistributions(ev, KIT, { householdId: null, cardId: "card-1", day: today() })), ["x1"]);
    deepEqual(ids(priorDistributions(ev, KIT, { householdId: "hh-2", cardId: null, day: today() })), ["x4"]);
    deepEqual(ids(priorDistributions(ev, KIT, { householdId: "hh-3", cardId: "card-3", day: today() })), []);
  },
  "guard 'day': only what was given today counts, including what this device recorded": async () => {
    const ev = event();
    deepEqual(ids(priorDistributions(ev, RICE, { householdId: "hh-1", cardId: "card-1", day: today() })), ["x3"]);
    deepEqual(ids(priorDistributions(ev, RICE, { householdId: "hh-1", cardId: null, day: dayAfter(today(), 1) })), []);
  },
  "guard 'none': never a double distribution": async () => {
    deepEqual(priorDistributions(event(), WATER, { householdId: "hh-1", cardId: "card-1", day: today() }), []);
  },
  "guard message: the rule and the last time, dd/mm/yyyy": async () => {
    const seen = [{ tanggal: "2024-03-01" }, { tanggal: "2024-03-09" }, { tanggal: "2024-03-05" }];
    equal(guardMessage(KIT, seen), "Family kit given in this event (09/03/2024)");
    equal(guardMessage(RICE, seen.slice(0, 1)), "Beras given today (01/03/2024)");
  },
};
