// Small DOM helpers of the offline app: queries, element builder, the message box, selects, views and
// the errors beside a form's fields.
import { parseDay, showDate, T } from "./format.js";

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function say(text, kind = "success") {
  const box = $("#message");
  box.className = "flash flash-" + kind;
  box.textContent = text;
  box.hidden = !text;
}

// Fill a select with [value, label] pairs, keeping (or setting) the chosen value.
export function options(select, items, selected, withEmpty = true) {
  const current = selected !== undefined ? selected : select.value;
  select.replaceChildren(...(withEmpty ? [el("option", { value: "" }, T.choose)] : []),
    ...items.map(([value, label]) => { const o = el("option", { value }, label); if (value === current) o.selected = true; return o; }));
}

// A checkbox (name, value), checked or not.
export function checkbox(name, value, checked) {
  const input = el("input", { type: "checkbox", name, value });
  input.checked = checked;
  return input;
}

export function show(view) {
  $$(".app-view").forEach((v) => { v.hidden = v.id !== "view-" + view; });
  $$(".app-tabs button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === view)));
  window.scrollTo(0, 0);
}

export function resetErrors(form) {
  $$("[data-error]", form).forEach((p) => { p.textContent = ""; });
  $$("[aria-invalid]", form).forEach((i) => i.removeAttribute("aria-invalid"));
}

export function resetForm(form) {
  form.reset();
  resetErrors(form);
}

// Put each message beside its field (or in the form's "_" slot); true when there were none.
export function showErrors(form, errors) {
  for (const [name, message] of Object.entries(errors)) {
    const slot = $(`[data-error="${name}"]`, form) || $('[data-error="_"]', form);
    slot.textContent = message;
    const input = form.elements[name];
    if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
  }
  return Object.keys(errors).length === 0;
}

// Show a form's view; when fixing an outbox entry, with the server's messages beside the fields.
export function showForm(form, view, op) {
  if (op && op.errors) showErrors(form, op.errors);
  show(view);
}

// A form's submit handler: no page load, the old messages cleared, then save(form).
export const onSubmit = (save) => (event) => { event.preventDefault(); resetErrors(event.target); return save(event.target); };

// The form's checked values of the checkboxes called `name`.
export const checkedValues = (form, name) => $$(`input[name=${name}]:checked`, form).map((i) => i.value);

// Date fields are text inputs marked data-day (dd/mm/yyyy, never the browser's locale date widget): their
// value as the ISO date the server takes, or what was typed when it is not a date (checkDate says so).
export function fieldValue(input) {
  if (!input.hasAttribute || !input.hasAttribute("data-day")) return input.value.trim();
  const iso = parseDay(input.value);
  return iso === null ? input.value.trim() : iso;
}

// Set a field from stored data: an ISO date is shown dd/mm/yyyy in a data-day field.
export function setField(input, value) {
  input.value = input.hasAttribute && input.hasAttribute("data-day") && /^\d{4}-\d{2}-\d{2}$/.test(value || "")
    ? showDate(value) : value || "";
}
