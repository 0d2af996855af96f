// Form parts from the reference bundle: the selects of categories, villages, service types and sex,
// and a category's needs checklist (its SPM components, or every service type).
import { $, checkbox, el, options } from "../dom.js";
import { serviceName, T, villageOption } from "../format.js";
import { S } from "../state.js";

export function fillSelects() {
  if (!S.ref) return;
  const cats = S.ref.categories.map((c) => [c.code, c.name]);
  options($("#p-kat"), cats); options($("#a-kat"), cats);
  options($("#p-desa"), S.ref.villages.map(villageOption));
  options($("#d-layanan"), S.ref.service_types.map((s) => [s.code, s.name]));
  options($("#p-jk"), [["L", T.male], ["P", T.female]]);
}

export function renderNeeds(select, checked = []) {
  const box = document.getElementById(select.dataset.needs);
  const cat = S.ref && S.ref.categories.find((c) => c.code === select.value);
  let codes = [];
  if (cat) {
    const bs = cat.spm_service && S.ref.basic_services.find((b) => b.code === cat.spm_service);
    codes = bs ? bs.components : S.ref.service_types.map((s) => s.code);
  }
  box.replaceChildren(...codes.map((code) => el("label", { class: "check" },
    checkbox("kebutuhan", code, checked.includes(code)), " " + serviceName(code))));
}
