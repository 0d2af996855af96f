// The outbox list: per entry its state (waiting / waiting for other data / needs fixing with the
// server's messages), "Perbaiki" (reopens the form; the fixed entry keeps its op_id) and "Buang".
import { $, el } from "../dom.js";
import { T } from "../format.js";
import { render } from "../render.js";
import { del, get } from "../storage.js";
import { openAssessment } from "./assessment.js";
import { openDelivery } from "./delivery.js";
import { openDistribution } from "./distribution.js";
import { openPerson } from "./person.js";
import { openVictim } from "./victim.js";

export function renderOutbox(list) {
  const box = $("#outbox-list");
  if (!list.length) { box.replaceChildren(el("li", { class: "app-item muted" }, T.empty_outbox)); return; }
  box.replaceChildren(...list.map((e) => {
    const state = e.status === "error" ? ["danger", T.needs_fix] : e.status === "retry" ? ["warn", T.retry_later] : ["muted", T.waiting];
    const errs = e.errors ? Object.values(e.errors) : [];
    return el("li", { class: "app-item", "data-op": e.op_id },
      el("div", { class: "app-item-head" }, el("strong", {}, e.label), " ", el("span", { class: "badge " + state[0] }, state[1])),
      ...errs.map((m) => el("p", { class: "error" }, m)),
      el("div", { class: "actions" },
        e.status === "error" ? el("button", { type: "button", class: "btn btn-small", onclick: () => fixOp(e) }, T.fix) : null,
        el("button", { type: "button", class: "btn btn-small btn-danger", onclick: async () => {
          if (window.confirm(T.discard_q)) { await del("outbox", e.op_id); await render(); }
        } }, T.discard)));
  }));
}

async function fixOp(entry) {
  const person = entry.data.person_id ? await get("persons", entry.data.person_id) : null;
  if (entry.type === "person.upsert") openPerson(null, entry);
  else if (entry.type === "assessment.create") openAssessment(person, entry);
  else if (entry.type === "delivery.create") openDelivery(person, entry);
  else if (entry.type === "victim.register") openVictim(null, entry);
  else if (entry.type === "distribution.create") openDistribution(entry);
}
