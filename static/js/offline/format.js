// What the offline app shows: its translated strings (the page's #offline-strings), dates as dd/mm/yyyy,
// the masked NIK, and the names of reference codes (categories, service types, villages).
import { S } from "./state.js";

// The strings of templates/offline/app.html, filled once by loadStrings() when the app starts.
export const T = {};

export function loadStrings(node = document.getElementById("offline-strings")) {
  if (node) Object.assign(T, JSON.parse(node.textContent));
  return T;
}

export const fmt = (key, params = {}) => T[key].replace(/\{(\w+)\}/g, (_, k) => (k in params ? params[k] : ""));

// Today on the device, as yyyy-mm-dd in its own time zone.
export const today = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10); };
const pad = (n) => String(n).padStart(2, "0");
// A date typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, ddmmyyyy or an ISO date) -> ISO "yyyy-mm-dd";
// "" for nothing typed, null for something that is not a real date.
export function parseDay(text) {
  const t = (text || "").trim();
  if (!t) return "";
  let m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  let y, mo, d;
  if (m) [y, mo, d] = [m[1], m[2], m[3]];
  else if ((m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/) || t.match(/^(\d{2})(\d{2})(\d{4})$/))) [d, mo, y] = [m[1], m[2], m[3]];
  else return null;
  const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const check = new Date(iso + "T00:00:00Z");
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso ? null : iso;
}

export const showDate = (iso) => (iso ? iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : "");
export const showDateTime = (iso) => { const d = new Date(iso); return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear() + " " + pad(d.getHours()) + "." + pad(d.getMinutes()); };
// Region digits only: 7–12 are the birth date shown beside it, so the serial is hidden too.
export const maskNik = (nik) => (nik && nik.length === 16 ? nik.slice(0, 6) + "*".repeat(10) : "");

// A downloaded reference row's (category, service type, stock item) name in the page's language; in English
// a row without an English name shows its Indonesian one.
export const refName = (row) => (document.documentElement.lang === "en" && row.name_en) || row.name;
export const categoryName = (code) => { const c = S.ref && S.ref.categories.find((x) => x.code === code); return c ? refName(c) : code; };
export const serviceName = (code) => { const s = S.ref && S.ref.service_types.find((x) => x.code === code); return s ? refName(s) : code; };
export const villageName = (code) => { const v = S.ref && S.ref.villages.find((x) => x.code === code); return v ? v.name + (v.district ? ", " + v.district : "") : (code || ""); };
// A village as a choice in a select: "name (district)".
export const villageOption = (v) => [v.code, v.name + (v.district ? " (" + v.district + ")" : "")];
