// The victim form (victim.register): a new household's head with its family rows (views/family.js: one
// operation per person, the head first, the members with the head's victim id as kepala_id), or one member
// joining a household (its head's victim id, possibly made on the device). The device's bundle gets the
// persons at once.
import { personErrors } from "../checks.js";
import { $, $$, checkbox, checkedValues, el, fieldValue, options, resetForm, setField, showErrors, showForm } from "../dom.js";
import { currentEvent, findEvent, saveBundle } from "../events.js";
import { fmt, T, today, villageOption } from "../format.js";
import { addOp, uuid } from "../outbox.js";
import { S } from "../state.js";
import { collectMembers, resetFamily } from "./family.js";
import { afterSave } from "./forms.js";

const FIELDS = ["nama", "nik", "alasan_tanpa_nik", "jenis_kelamin", "tanggal_lahir", "umur", "kode_wilayah", "alamat"];

// The needs checklist: the bundle's `bencana` components, all checked unless `checked` says otherwise.
function renderVictimNeeds(checked) {
  const needs = S.disaster ? S.disaster.needs : [];
  $("#v-needs").replaceChildren(...needs.map((n) => el("label", { class: "touch-row" },
    checkbox("kebutuhan", n.code, !checked || checked.includes(n.code)), el("span", {}, n.name))));
}

// A member of `household` (a new household when null), or the outbox entry `op` to fix.
export function openVictim(household, op) {
  const form = $("#victim-form");
  resetForm(form);
  const ev = op ? findEvent(op.data.event_id) || currentEvent() : currentEvent();
  const f = form.elements;
  options(f.kode_wilayah, (S.ref ? S.ref.villages : []).filter((v) => !ev || !ev.village_codes.length || ev.village_codes.includes(v.code) || v.code.startsWith(ev.area_code + "."))
    .map(villageOption));
  const data = op ? op.data : {};
  const headId = op ? data.kepala_id || "" : household ? household.kepala_id : "";
  const hh = headId && ev ? ev.households.find((h) => h.kepala_id === headId) : null;
  $("#view-victim [data-household-name]").textContent = hh ? hh.kepala : T.new_household;
  f.event_id.value = ev ? ev.id : "";
  f.kepala_id.value = headId;
  f.op_id.value = op ? op.op_id : "";
  f.entity_id.value = op ? op.entity_id : "";
  for (const k of ["nama", "nik", "jenis_kelamin", "tanggal_lahir", "alamat"]) setField(f[k], data[k]);
  setField(f.umur, data.umur == null ? "" : String(data.umur));
  f.kode_wilayah.value = data.kode_wilayah || (hh ? hh.kode_wilayah || "" : "");
  f.status.value = data.status || "mengungsi";
  if (data.hubungan) f.hubungan.value = data.hubungan;
  if (data.kerusakan) f.kerusakan.value = data.kerusakan;
  $$("input[name=kelompok_rentan]", form).forEach((i) => { i.checked = (data.kelompok_rentan || []).includes(i.value); });
  $("#v-hubungan-field").hidden = !headId;
  $("#v-kerusakan-field").hidden = Boolean(headId);
  resetFamily(!headId && !op);
  renderVictimNeeds(data.kebutuhan);
  showForm(form, "victim", op);
}

// The person (victim id `entityId`, operation data `data`) in the device's copy of the event's households.
function addToBundle(ev, entityId, data) {
  const member = { id: entityId, nama: data.nama, hubungan: data.hubungan || "kepala_keluarga", status: data.status, local: true };
  let hh = data.kepala_id ? ev.households.find((h) => h.kepala_id === data.kepala_id) : ev.households.find((h) => h.kepala_id === entityId);
  if (!hh) { hh = { id: "local-" + entityId, kepala_id: entityId, kepala: data.nama, kode_wilayah: data.kode_wilayah, anggota: [], local: true }; ev.households.push(hh); }
  hh.anggota = hh.anggota.filter((m) => m.id !== entityId).concat([member]);
  if (hh.kepala_id === entityId) hh.kepala = data.nama;
}

export async function saveVictim(form) {
  const f = form.elements;
  const ev = findEvent(f.event_id.value);
  const data = { event_id: f.event_id.value, tanggal: today(), status: f.status.value };
  for (const k of FIELDS) { const v = fieldValue(f[k]); if (v) data[k] = v; }
  if (f.kepala_id.value) { data.kepala_id = f.kepala_id.value; data.hubungan = f.hubungan.value; } else data.kerusakan = f.kerusakan.value;
  data.kelompok_rentan = checkedValues(form, "kelompok_rentan");
  data.kebutuhan = checkedValues(form, "kebutuhan");
  const errors = personErrors(data, true);
  if (!data.kebutuhan.length) errors.kebutuhan = T.pick_need;
  const family = $("#v-family").hidden ? [] : collectMembers();
  if (family === null) errors._ = T.fix_members;
  if (!showErrors(form, errors)) { const bad = form.querySelector("[aria-invalid=true]"); if (bad && bad.focus) bad.focus(); return; }
  if (data.umur) data.umur = Number(data.umur);  // the operation's schema: an integer
  const entityId = f.entity_id.value || uuid();
  const label = (name) => fmt("op_victim", { event: ev ? ev.code : "", name });
  await addOp("victim.register", entityId, data, null, label(data.nama), f.op_id.value || null);
  if (ev) addToBundle(ev, entityId, data);
  for (const m of family) {  // queued after the head, each its own operation the server settles alone
    const md = { event_id: data.event_id, tanggal: data.tanggal, status: data.status, ...m, kepala_id: entityId,
                 kebutuhan: data.kebutuhan };  // the member's own vulnerable groups, the head's needs
    if (!md.kode_wilayah) md.kode_wilayah = data.kode_wilayah;
    const memberId = uuid();
    await addOp("victim.register", memberId, md, null, fmt("op_member", { event: ev ? ev.code : "", name: md.nama, head: data.nama }), null);
    if (ev) addToBundle(ev, memberId, md);
  }
  if (ev) await saveBundle();
  await afterSave("disaster", family.length ? fmt("family_saved", { name: data.nama, n: family.length + 1 }) : undefined);
}
