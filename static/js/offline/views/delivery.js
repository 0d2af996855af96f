// The delivery form (delivery.create): a service given to a person of the caseload.
import { checkDate } from "../checks.js";
import { fieldValue, setField, showErrors, showForm } from "../dom.js";
import { fmt, serviceName, T, today } from "../format.js";
import { addOp, uuid } from "../outbox.js";
import { all, get } from "../storage.js";
import { afterSave, formForPerson } from "./forms.js";

// For person `p` (the service preset to the first need of their cases), or to fix the outbox entry `op`.
export async function openDelivery(p, op) {
  const form = formForPerson("delivery", p, op);
  const needs = p ? (await all("cases")).filter((c) => c.person_id === p.id).flatMap((c) => c.kebutuhan || []) : [];
  form.elements.layanan.value = op ? op.data.layanan : needs[0] || "";
  setField(form.elements.tanggal_layanan, op ? op.data.tanggal_layanan : today());
  form.elements.jumlah.value = op ? op.data.jumlah : 1;
  showForm(form, "delivery", op);
}

export async function saveDelivery(form) {
  const f = form.elements;
  const data = { person_id: f.person_id.value, layanan: f.layanan.value, tanggal_layanan: fieldValue(f.tanggal_layanan), jumlah: Number(f.jumlah.value || 1) };
  const errors = {};
  if (!data.layanan) errors.layanan = T.required;
  const dateError = checkDate(data.tanggal_layanan, true);
  if (dateError) errors.tanggal_layanan = dateError;
  if (!Number.isInteger(data.jumlah) || data.jumlah < 1) errors.jumlah = T.required;
  if (!showErrors(form, errors)) return;
  const person = await get("persons", data.person_id);
  await addOp("delivery.create", f.entity_id.value || uuid(), data, null,
    fmt("op_delivery", { service: serviceName(data.layanan), name: person ? person.nama : "" }), f.op_id.value || null);
  await afterSave();
}
