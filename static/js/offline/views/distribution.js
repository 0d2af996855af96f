// The distribution form (distribution.create): the card scanned with the camera or typed (the same code
// path), its signature checked on the device (static/js/disasters/cardverify.js, window.LindungCards),
// or a household chosen; the device's own double-distribution guard asks for a reason.
import { guardMessage, priorDistributions } from "../checks.js";
import { $, options, resetForm, showErrors, showForm } from "../dom.js";
import { currentEvent, findEvent, itemOf, saveBundle } from "../events.js";
import { fmt, refName, T, today } from "../format.js";
import { addOp, uuid } from "../outbox.js";
import { S } from "../state.js";
import { afterSave } from "./forms.js";

const cardError = (r) => (r.reason === "revoked" ? T.card_revoked : T.card_bad);

// For `household` (or any), or the outbox entry `op` to fix.
export function openDistribution(op, household) {
  const form = $("#dist-form");
  resetForm(form);
  const ev = op ? findEvent(op.data.event_id) || currentEvent() : currentEvent();
  const f = form.elements;
  $("#view-distribution [data-event-name]").textContent = ev ? ev.code : "";
  f.event_id.value = ev ? ev.id : "";
  options(f.korban_id, (ev ? ev.households : []).map((h) => [h.kepala_id, h.kepala + " (" + fmt("members", { n: h.anggota.length }) + ")"]));
  options(f.barang, S.disaster.items.map((i) => [i.code, refName(i) + " (" + i.unit + ")"]));
  options(f.gudang, S.disaster.warehouses.map((w) => [w.code, w.name]), S.disaster.warehouses.length === 1 ? S.disaster.warehouses[0].code : undefined);
  const data = op ? op.data : {};
  f.op_id.value = op ? op.op_id : "";
  f.entity_id.value = op ? op.entity_id : "";
  f.kartu.value = data.kartu || "";
  f.korban_id.value = data.korban_id || (household ? household.kepala_id : "");
  if (data.barang) f.barang.value = data.barang;
  if (data.gudang) f.gudang.value = data.gudang;
  f.jumlah.value = data.jumlah || 1;
  f.tempat.value = data.tempat || "";
  f.alasan.value = data.alasan || "";
  $("#dist-guard").hidden = !data.alasan;
  $("#dist-scan-result").textContent = "";
  if (data.kartu) checkCard();
  showForm(form, "distribution", op);
}

// Verify the card code in the form against the bundle's keys and the event's revoked cards.
export async function checkCard() {
  const value = $("#dist-kartu").value.trim();
  const out = $("#dist-scan-result");
  out.className = "scan-result";
  $("#dist-guard").hidden = true;
  if (!value) { out.textContent = ""; return null; }
  const ev = currentEvent();
  const r = await window.LindungCards.verifyOffline(value, { keys: S.disaster.keys.keys, revoked: ev ? ev.revoked : [] });
  if (r.ok === true) { out.textContent = fmt("card_ok", { name: r.payload.n, serial: r.payload.s }); out.classList.add("ok"); }
  else if (r.ok === null) out.textContent = T.card_unknown;
  else { out.textContent = cardError(r); out.classList.add("bad"); }
  return r;
}

export async function saveDistribution(form) {
  const f = form.elements;
  const ev = findEvent(f.event_id.value);
  const data = { event_id: f.event_id.value, barang: f.barang.value, gudang: f.gudang.value, jumlah: Number(f.jumlah.value || 0),
                 waktu: new Date().toISOString(), tempat: f.tempat.value.trim() || null };
  const errors = {};
  let household = null, cardId = null, holder = "";
  const token = f.kartu.value.trim();
  if (token) {
    const r = await checkCard();
    if (r.ok === false) errors.kartu = cardError(r);
    else {
      data.kartu = token; cardId = r.payload.c; holder = r.payload.n;
      household = ev && ev.households.find((h) => h.kartu_id === cardId);
    }
  } else if (f.korban_id.value) {
    data.korban_id = f.korban_id.value;
    household = ev && ev.households.find((h) => h.kepala_id === data.korban_id);
  } else errors.kartu = T.pick_recipient;
  if (!data.barang) errors.barang = T.required;
  if (!data.gudang) errors.gudang = T.required;
  if (!Number.isInteger(data.jumlah) || data.jumlah < 1) errors.jumlah = T.quantity_min;
  if (!showErrors(form, errors)) return;
  // the device's own guard: the item's rule over what this device knows (downloaded + recorded here)
  const item = itemOf(data.barang);
  const day = today();
  const hhId = household ? household.id : null;
  const seen = priorDistributions(ev, item, { householdId: hhId, cardId, day });
  data.terlihat = seen.length;
  const reason = f.alasan.value.trim();
  if (seen.length && !reason) {
    $("#dist-guard").hidden = false;
    showErrors(form, { alasan: guardMessage(item, seen) });
    f.alasan.focus();
    return;
  }
  if (reason) data.alasan = reason;
  const entityId = f.entity_id.value || uuid();
  const name = household ? household.kepala : holder;
  await addOp("distribution.create", entityId, data, null, fmt("op_distribution", { item: refName(item), qty: data.jumlah, name }), f.op_id.value || null);
  ev.distributions = ev.distributions.filter((d) => d.id !== entityId).concat([{ id: entityId, household_id: hhId, kartu_id: cardId, barang: data.barang, tanggal: day, jumlah: data.jumlah, local: true }]);
  await saveBundle();
  await afterSave("disaster");
}

// The camera button when the browser can scan QR codes; otherwise the hint to type the code.
export function bindScanner() {
  if (window.LindungCards.cameraAvailable()) {
    $("#dist-camera").hidden = false;
    $("#dist-camera").addEventListener("click", () => window.LindungCards.scanOnce($("#dist-video"), (text) => {
      $("#dist-kartu").value = text; checkCard(); $("#dist-barang").focus();
    }).catch(() => { $("#dist-no-camera").hidden = false; }));
  } else {
    $("#dist-no-camera").hidden = false;
  }
}
