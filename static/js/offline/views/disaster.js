// The Bencana tab: the event select and the event's households (searchable by member name), with
// "Tambah anggota" and "Bagikan bantuan" per household.
import { $, $$, el, options } from "../dom.js";
import { currentEvent } from "../events.js";
import { fmt, T, villageName } from "../format.js";
import { S } from "../state.js";
import { kvGet } from "../storage.js";
import { openDistribution } from "./distribution.js";
import { openVictim } from "./victim.js";

export function renderDisaster() {
  const select = $("#ev-select");
  const events = S.disaster ? S.disaster.events : [];
  const chosen = select.value;
  options(select, events.map((e) => [e.id, e.code + " · " + e.name]), chosen, false);
  kvGet("eventId").then((id) => { if (id && !chosen && events.some((e) => e.id === id)) { select.value = id; renderDisaster(); } });
  const ev = currentEvent();
  $$("#ev-new-household, #ev-distribute").forEach((b) => { b.disabled = !ev; });
  const box = $("#household-list");
  if (!ev) { box.replaceChildren(el("li", { class: "app-item muted" }, T.no_events)); return; }
  const q = $("#hh-q").value.trim().toLowerCase();
  const rows = ev.households.filter((h) => !q || h.anggota.some((m) => (m.nama || "").toLowerCase().includes(q)))
    .sort((a, b) => (a.kepala || "").localeCompare(b.kepala || ""));
  if (!rows.length) { box.replaceChildren(el("li", { class: "app-item muted" }, T.no_households)); return; }
  box.replaceChildren(...rows.map((h) => el("li", { class: "app-item", "data-household": h.kepala_id },
    el("div", { class: "app-item-head" }, el("strong", {}, h.kepala), " ",
      h.local ? el("span", { class: "badge warn" }, T.new_on_device) : null),
    el("div", { class: "muted" }, [fmt("members", { n: h.anggota.length }), villageName(h.kode_wilayah),
      h.kartu_serial ? fmt("card", { serial: h.kartu_serial }) : T.no_card].filter(Boolean).join(" · ")),
    el("div", {}, h.anggota.map((m) => m.nama).join(", ")),
    el("div", { class: "actions" },
      el("button", { type: "button", class: "btn btn-small", onclick: () => openVictim(h) }, T.add_member),
      el("button", { type: "button", class: "btn btn-small", onclick: () => openDistribution(null, h) }, T.distribute)))));
}
