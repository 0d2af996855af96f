// What the forms share: opening a caseload form for a person (or for an outbox entry to fix), and
// after saving on the device: the message, back to the list, a sync when online.
import { $, resetForm, say, show } from "../dom.js";
import { T } from "../format.js";
import { render } from "../render.js";
import { syncNow } from "../sync.js";
import { fillSelects } from "./reference.js";

// The form of `view` ("assessment", "delivery") cleared, its selects filled, the person's name in the
// heading and the ids set: for person `p`, or for the outbox entry `op`.
export function formForPerson(view, p, op) {
  const form = $(`#${view}-form`);
  resetForm(form);
  fillSelects();
  $(`#view-${view} [data-person-name]`).textContent = p ? p.nama : (op && op.label) || "";
  form.elements.person_id.value = op ? op.data.person_id : p.id;
  form.elements.op_id.value = op ? op.op_id : "";
  form.elements.entity_id.value = op ? op.entity_id : "";
  return form;
}

export async function afterSave(view = "caseload", message = undefined) {
  say(message || T.saved);
  show(view);
  await render();
  if (navigator.onLine) syncNow();
}
