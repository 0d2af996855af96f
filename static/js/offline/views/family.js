// The victim form's family rows (a new household only): "Tambah anggota keluarga" adds a member row from
// the page's <template id="member-template">; members inherit the head's village and address until their
// own is edited; each row has name, relationship, sex (two buttons), birth date (dd/mm/yyyy) or an estimated
// age, NIK or the reason without one, and the member's own vulnerable groups. Saving checks every row on the
// device (checks.js) before anything is queued.
import { personErrors } from "../checks.js";
import { $, $$, fieldValue } from "../dom.js";
import { T } from "../format.js";

let next = 0;  // row numbers for element ids, never reused while the page lives

const rowsBox = () => $("#v-members");
export const memberRows = () => $$("[data-member-row]", rowsBox());
const input = (row, key) => $(`[data-m="${key}"]`, row);

// Typing dd/mm/yyyy as on the web forms (static/js/forms.js), when that script is there.
export function maskDates(root) {
  if (window.LindungForms) $$("input[data-day]", root).forEach((i) => { if (!i.dataset.masked) { i.dataset.masked = "1"; window.LindungForms.maskDate(i); } });
}

function number() {
  memberRows().forEach((row, i) => { const legend = $("legend", row); legend.textContent = legend.dataset.text.replace("__n__", String(i + 1)); });
}

// Show the family section (a new household) or hide it (a member joining, a fix of one entry); rows cleared.
export function resetFamily(visible) {
  rowsBox().replaceChildren();
  $("#v-family").hidden = !visible;
}

function headSex(form) { return (form.querySelector("input[name=jenis_kelamin]:checked") || {}).value; }

export function addMember(form) {
  const i = String(next++);
  const holder = document.createElement("div");
  holder.innerHTML = $("#member-template").innerHTML.replace(/__i__/g, i);
  const row = holder.firstElementChild;
  const legend = $("legend", row);
  legend.dataset.text = legend.textContent;
  const village = input(row, "kode_wilayah");
  village.replaceChildren(...Array.from(form.elements.kode_wilayah.options).map((o) => o.cloneNode(true)));
  village.value = form.elements.kode_wilayah.value;
  input(row, "alamat").value = form.elements.alamat.value;
  if (!memberRows().length) input(row, "hubungan").value = headSex(form) === "P" ? "suami" : "istri";
  else input(row, "hubungan").value = "anak";
  for (const key of ["kode_wilayah", "alamat"]) {
    const field = input(row, key);
    field.addEventListener(key === "alamat" ? "input" : "change", () => { field.dataset.edited = "1"; });
  }
  $("[data-remove-member]", row).addEventListener("click", () => {
    const after = row.nextElementSibling;
    row.remove();
    number();
    (after ? input(after, "nama") : $("#v-add-member")).focus();
  });
  rowsBox().append(row);
  maskDates(row);
  number();
  input(row, "nama").focus();
}

// The head's village and address follow into the rows whose own one was not edited.
export function bindInheritance(form) {
  for (const key of ["kode_wilayah", "alamat"]) {
    form.elements[key].addEventListener(key === "alamat" ? "input" : "change", () => {
      for (const row of memberRows()) { const f = input(row, key); if (!f.dataset.edited) f.value = form.elements[key].value; }
    });
  }
}

function rowData(row) {
  const data = {};
  for (const key of ["nama", "nik", "alasan_tanpa_nik", "tanggal_lahir", "umur", "kode_wilayah", "alamat", "hubungan"]) {
    const v = fieldValue(input(row, key));
    if (v) data[key] = v;
  }
  const sex = $('[data-m="jenis_kelamin"]:checked', row);
  if (sex) data.jenis_kelamin = sex.value;
  data.kelompok_rentan = $$("[data-m-vulnerable]:checked", row).map((i) => i.value);
  return data;
}

function showRowErrors(row, errors) {
  $$("[data-merror]", row).forEach((p) => { p.textContent = ""; });
  $$("[aria-invalid]", row).forEach((i) => i.removeAttribute("aria-invalid"));
  for (const [key, message] of Object.entries(errors)) {
    ($(`[data-merror="${key}"]`, row) || $('[data-merror="_"]', row)).textContent = message;
    const field = input(row, key);
    if (field) field.setAttribute("aria-invalid", "true");
    if (key === "kode_wilayah" || key === "alamat") $("details", row).open = true;
  }
  return Object.keys(errors).length === 0;
}

// Every row's data (the device's checks shown beside each field), or null when a row needs fixing.
export function collectMembers() {
  let ok = true;
  const members = memberRows().map((row) => {
    const data = rowData(row);
    const errors = personErrors(data, true);
    if (!data.hubungan) errors.hubungan = T.required;
    if (!showRowErrors(row, errors)) ok = false;
    if (data.umur) data.umur = Number(data.umur);  // the operation's schema: an integer
    return data;
  });
  return ok ? members : null;
}
