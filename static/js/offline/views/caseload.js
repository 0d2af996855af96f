// The caseload on the device: persons (searchable by name) with their cases and the form buttons.
import { $, el } from "../dom.js";
import { categoryName, maskNik, serviceName, showDate, T, villageName } from "../format.js";
import { all } from "../storage.js";
import { openAssessment } from "./assessment.js";
import { openDelivery } from "./delivery.js";
import { openPerson } from "./person.js";

export async function renderCaseload() {
  const q = $("#caseload-q").value.trim().toLowerCase();
  const persons = (await all("persons")).filter((p) => !q || (p.nama || "").toLowerCase().includes(q))
    .sort((a, b) => (a.nama || "").localeCompare(b.nama || ""));
  const cases = await all("cases");
  const box = $("#caseload-list");
  if (!persons.length) { box.replaceChildren(el("li", { class: "app-item muted" }, T.no_cases)); return; }
  box.replaceChildren(...persons.map((p) => {
    const own = cases.filter((c) => c.person_id === p.id);
    return el("li", { class: "app-item", "data-person": p.id },
      el("div", { class: "app-item-head" }, el("strong", {}, p.nama), " ",
        p.local ? el("span", { class: "badge warn" }, T.new_on_device) : null),
      el("div", { class: "muted" }, [maskNik(p.nik), villageName(p.kode_wilayah), showDate(p.tanggal_lahir)].filter(Boolean).join(" · ")),
      ...own.map((c) => el("div", {}, (c.number || T.case) + " · " + categoryName(c.kategori_ppks) +
        (c.kebutuhan && c.kebutuhan.length ? " · " + c.kebutuhan.map(serviceName).join(", ") : ""))),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "btn btn-small", onclick: () => openDelivery(p) }, T.record_delivery),
        el("button", { type: "button", class: "btn btn-small", onclick: () => openAssessment(p) }, T.new_assessment),
        el("button", { type: "button", class: "btn btn-small", onclick: () => openPerson(p) }, T.edit_person)));
  }));
}
