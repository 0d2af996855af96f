// Checks on the device that mirror the server's: required fields, NIK, dates not in the future, and the
// device's own double-distribution guard (docs/offline.md "Double distribution across devices").
import { fmt, refName, showDate, T, today } from "./format.js";

// A date field's message, or null: required, a real date (31/02 is written right but does not exist), and
// never after today.
export function checkDate(value, required) {
  if (!value) return required ? T.required : null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{8})$/.test(value.trim()) ? T.no_such_date : T.bad_date;
  }
  return value > today() ? T.future : null;
}

// The person's fields of the person and victim forms; `newPerson`: without NIK the reason must be chosen
// (the server rejects it otherwise; a person already on the server keeps the stored reason).
export function personErrors(data, newPerson = false) {
  const errors = {};
  if (!data.nama) errors.nama = T.required;
  if (newPerson && !data.nik && !data.alasan_tanpa_nik) errors.alasan_tanpa_nik = T.need_reason;
  if (!data.kode_wilayah) errors.kode_wilayah = T.required;
  if (data.nik && !/^\d{16}$/.test(data.nik)) errors.nik = T.nik_16;
  const born = checkDate(data.tanggal_lahir, false);
  if (born) errors.tanggal_lahir = born;
  // An estimated age (victim form: "umur 70" when nobody knows the birth date), as the server checks it.
  if (data.umur !== undefined && (!/^\d{1,3}$/.test(String(data.umur).trim()) || Number(data.umur) > 120)) errors.umur = T.age_range;
  return errors;
}

// The earlier distributions of `item` the device knows (downloaded + recorded here) that its guard rule
// counts against this one: the same household or card, within the event ("event") or on `day` ("day").
export function priorDistributions(ev, item, { householdId, cardId, day }) {
  if (item.guard_period === "none") return [];
  return ev.distributions.filter((d) => d.barang === item.code &&
    ((householdId && d.household_id === householdId) || (cardId && d.kartu_id === cardId)) &&
    (item.guard_period === "event" || d.tanggal === day));
}

// The guard's message beside the reason field: the rule and the last time the item was given.
export function guardMessage(item, seen) {
  const last = seen.map((d) => d.tanggal).sort().pop();
  return fmt(item.guard_period === "day" ? "guard_day" : "guard_event", { item: refName(item), when: showDate(last) });
}
