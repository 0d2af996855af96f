// The assessment form (assessment.create), also the optional "open a case" part of the person form.
import { checkDate } from "../checks.js";
import { checkedValues, fieldValue, setField, showErrors, showForm } from "../dom.js";
import { fmt, T, today } from "../format.js";
import { addOp, uuid } from "../outbox.js";
import { S } from "../state.js";
import { get, put } from "../storage.js";
import { afterSave, formForPerson } from "./forms.js";
import { renderNeeds } from "./reference.js";

// The assessment fields of `form`: [errors, data].
export function assessmentErrors(form) {
  const errors = {};
  const cat = form.elements.kategori_ppks.value;
  const day = fieldValue(form.elements.tanggal_asesmen);
  const needs = checkedValues(form, "kebutuhan");
  if (!cat) errors.kategori_ppks = T.required;
  const dateError = checkDate(day, true);
  if (dateError) errors.tanggal_asesmen = dateError;
  if (cat && !needs.length) errors.kebutuhan = T.pick_need;
  // Only the SPM components count: at least one of them (the server's rule, casework.record_assessment).
  const c = S.ref && S.ref.categories.find((x) => x.code === cat);
  const bs = c && c.spm_service && S.ref.basic_services.find((b) => b.code === c.spm_service);
  if (bs && needs.length && !needs.some((n) => bs.components.includes(n))) errors.kebutuhan = T.pick_component;
  // The person's consent, as on the web intake (the server needs it to open a case).
  const consent = form.elements.persetujuan.checked;
  const consentBy = form.elements.persetujuan_oleh.value.trim();
  if (!consent) errors.persetujuan = T.need_consent;
  return [errors, { kategori_ppks: cat, tanggal_asesmen: day, kebutuhan: needs, persetujuan: consent,
    persetujuan_oleh: consentBy }];
}

// The device's copy of the case the assessment opens (until the next caseload download).
export const putLocalCase = (personId, data) => put("cases", { id: "local-" + uuid(), person_id: personId,
  kategori_ppks: data.kategori_ppks, kebutuhan: data.kebutuhan, local: true });

// For person `p`, or to fix the outbox entry `op`.
export function openAssessment(p, op) {
  const form = formForPerson("assessment", p, op);
  form.elements.kategori_ppks.value = op ? op.data.kategori_ppks : "";
  setField(form.elements.tanggal_asesmen, op ? op.data.tanggal_asesmen : today());
  form.elements.persetujuan.checked = op ? !!op.data.persetujuan : false;
  form.elements.persetujuan_oleh.value = op ? op.data.persetujuan_oleh || "" : "";
  renderNeeds(form.elements.kategori_ppks, op ? op.data.kebutuhan : []);
  showForm(form, "assessment", op);
}

export async function saveAssessment(form) {
  const [errors, data] = assessmentErrors(form);
  if (!showErrors(form, errors)) return;
  const personId = form.elements.person_id.value;
  const person = await get("persons", personId);
  const name = person ? person.nama : "";
  await addOp("assessment.create", form.elements.entity_id.value || uuid(), { person_id: personId, ...data }, null,
    fmt("op_assessment", { name }), form.elements.op_id.value || null);
  if (!form.elements.op_id.value) await putLocalCase(personId, data);
  await afterSave();
}
