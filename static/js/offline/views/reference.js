// Form parts from the reference bundle: the selects of categories, villages, service types and sex,
// and a category's needs checklist (its SPM components, or every service type).
import { $, checkbox, el, options } from "../dom.js";
import { refName, serviceName, T, villageOption } from "../format.js";
import { S } from "../state.js";

export function fillSelects() {
  if (!S.ref) return;
  const cats = S.ref.categories.map((c) => [c.code, refName(c)]);
  options($("#p-kat"), cats); options($("#a-kat"), cats);
  options($("#p-desa"), S.ref.villages.map(villageOption));
  options($("#d-layanan"), S.ref.service_types.map((s) => [s.code, refName(s)]));
}

// The needs as large touch rows: the category's SPM components first, the other needs it may list
// (the server's `other_needs`: no disaster items outside a disaster case) behind "Kebutuhan lain".
export function renderNeeds(select, checked = []) {
  const box = document.getElementById(select.dataset.needs);
  const cat = S.ref && S.ref.categories.find((c) => c.code === select.value);
  let first = [];
  let rest = [];
  if (cat) {
    const bs = cat.spm_service && S.ref.basic_services.find((b) => b.code === cat.spm_service);
    first = bs ? bs.components : [];
    rest = cat.other_needs || (bs ? [] : S.ref.service_types.map((s) => s.code));
    if (!first.length) { first = rest; rest = []; }
  }
  const row = (code) => el("label", { class: "touch-row" }, checkbox("kebutuhan", code, checked.includes(code)),
    el("span", {}, serviceName(code)));
  const parts = first.map(row);
  if (rest.length) {
    const more = el("details", { class: "more-needs" }, el("summary", {}, T.other_needs + " (" + rest.length + ")"),
      ...rest.map(row));
    if (rest.some((code) => checked.includes(code))) more.open = true;
    parts.push(more);
  }
  box.replaceChildren(...parts);
}
