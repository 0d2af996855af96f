// The person form (person.upsert): register someone new, optionally opening a case with an assessment,
// or change a person's details (sends the downloaded version as base_version).
import { personErrors } from "../checks.js";
import { $, fieldValue, resetForm, setField, showErrors, showForm } from "../dom.js";
import { fmt, today } from "../format.js";
import { addOp, uuid } from "../outbox.js";
import { get, put } from "../storage.js";
import { assessmentErrors, putLocalCase } from "./assessment.js";
import { fillSelects, renderNeeds } from "./reference.js";
import { afterSave } from "./forms.js";

const FIELDS = ["nama", "nik", "alasan_tanpa_nik", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "alamat", "telepon"];

// A new person (both null), person `p` to edit, or the outbox entry `op` to fix.
export function openPerson(p, op) {
  const form = $("#person-form");
  resetForm(form);
  fillSelects();
  const data = op ? op.data : p || {};
  for (const k of FIELDS) setField(form.elements[k], data[k]);
  form.elements.entity_id.value = op ? op.entity_id : p ? p.id : "";
  form.elements.base_version.value = op ? op.base_version || "" : p && p.version ? p.version : "";
  form.elements.op_id.value = op ? op.op_id : "";
  $("#p-case").hidden = Boolean(p || op);
  setField($("#p-tgl"), today());
  renderNeeds($("#p-kat"));
  showForm(form, "person", op);
}

export async function savePerson(form) {
  const f = form.elements;
  const data = {};
  for (const k of FIELDS) {
    const v = fieldValue(f[k]); if (v) data[k] = v;
  }
  const errors = personErrors(data, !f.base_version.value); // a new person: the NIK-less reason is required
  let assessment = null;
  if (!$("#p-case").hidden && f.kategori_ppks.value) {
    const [aErrors, aData] = assessmentErrors(form);
    Object.assign(errors, aErrors);
    assessment = aData;
  }
  if (!showErrors(form, errors)) return;
  const entityId = f.entity_id.value || uuid();
  const base = f.base_version.value ? Number(f.base_version.value) : null;
  await addOp("person.upsert", entityId, data, base, fmt("op_person", { name: data.nama }), f.op_id.value || null);
  const existing = await get("persons", entityId);
  await put("persons", { ...(existing || { local: true, version: null }), ...data, id: entityId });
  if (assessment) {
    await addOp("assessment.create", uuid(), { person_id: entityId, ...assessment }, null, fmt("op_assessment", { name: data.nama }));
    await putLocalCase(entityId, assessment);
  }
  await afterSave();
}
