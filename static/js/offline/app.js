// Lindung offline app (/aplikasi), the page's one module: loads the strings, wires the page and starts.
// Caseload, forms and the outbox live in IndexedDB; sync with POST /api/v1/sync (docs/offline.md,
// "The app's modules"). Device hygiene: data on the device belongs to the signed-in user only. When the
// server says nobody (or somebody else) is signed in, the downloaded caseload, reference data and token
// are wiped; the outbox is never silently dropped: entries stay, tagged with their owner, and only the
// owner can send them.
import { $, $$, onSubmit, show } from "./dom.js";
import { downloadEvents, loadReference, takeOffline } from "./downloads.js";
import { loadStrings } from "./format.js";
import { uuid } from "./outbox.js";
import { render, setRenderer } from "./render.js";
import { fetchSession, logout, needLogin, obtainToken, switchUser, wipeUserData } from "./session.js";
import { S } from "./state.js";
import { all, kvGet, kvSet } from "./storage.js";
import { syncIfPending, syncNow } from "./sync.js";
import { saveAssessment } from "./views/assessment.js";
import { renderCaseload } from "./views/caseload.js";
import { saveDelivery } from "./views/delivery.js";
import { renderDisaster } from "./views/disaster.js";
import { addMember, bindInheritance, maskDates } from "./views/family.js";
import { bindScanner, checkCard, openDistribution, saveDistribution } from "./views/distribution.js";
import { renderPage } from "./views/page.js";
import { openPerson, savePerson } from "./views/person.js";
import { renderNeeds } from "./views/reference.js";
import { openVictim, saveVictim } from "./views/victim.js";

function setNetwork() {
  $("#offline-banner").hidden = navigator.onLine;
  document.body.classList.toggle("is-offline", !navigator.onLine);
}

async function start() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/aplikasi" }).catch(() => {});
  }
  setNetwork();
  S.deviceId = await kvGet("deviceId");
  if (!S.deviceId) { S.deviceId = uuid(); await kvSet("deviceId", S.deviceId); }
  S.user = await kvGet("user");
  S.token = await kvGet("token");
  S.ref = await kvGet("ref");
  S.disaster = await kvGet("disaster");
  let online = navigator.onLine;
  if (online) {
    try {
      const info = await fetchSession();
      if (!info) {
        if (S.user) await wipeUserData();
        needLogin((await all("outbox")).length ? "login_needed" : "not_signed_in");
      } else {
        if (!S.user || S.user.id !== info.user.id) await switchUser(info);
        S.user = info.user; S.csrf = info.csrf_token;
        await kvSet("user", info.user);
        if (!S.token) await obtainToken();
        await loadReference(false);
      }
    } catch (e) { online = false; }
  }
  if (!online && !S.user) needLogin("not_signed_in");
  await render();
  document.body.dataset.ready = "1";
  if (online && S.user) syncNow();
}

function boot() {
  loadStrings();
  setRenderer(renderPage);
  $("#person-form").addEventListener("submit", onSubmit(savePerson));
  $("#assessment-form").addEventListener("submit", onSubmit(saveAssessment));
  $("#delivery-form").addEventListener("submit", onSubmit(saveDelivery));
  $$("[data-cancel]").forEach((b) => b.addEventListener("click", () => show(b.dataset.cancel || "caseload")));
  $("#victim-form").addEventListener("submit", onSubmit(saveVictim));
  $("#v-add-member").addEventListener("click", () => addMember($("#victim-form")));
  bindInheritance($("#victim-form"));
  maskDates(document);
  $("#dist-form").addEventListener("submit", onSubmit(saveDistribution));
  $("#take-events").addEventListener("click", () => downloadEvents(false));
  $("#ev-select").addEventListener("change", async () => { await kvSet("eventId", $("#ev-select").value); renderDisaster(); });
  $("#hh-q").addEventListener("input", renderDisaster);
  $("#ev-new-household").addEventListener("click", () => openVictim(null));
  $("#ev-distribute").addEventListener("click", () => openDistribution(null));
  $("#dist-kartu").addEventListener("input", () => checkCard());
  $("#dist-kartu").addEventListener("change", () => checkCard());
  $("#dist-hh").addEventListener("change", () => { $("#dist-guard").hidden = true; });
  $("#dist-barang").addEventListener("change", () => { $("#dist-guard").hidden = true; });
  bindScanner();
  $$("select[data-needs]").forEach((s) => s.addEventListener("change", () => renderNeeds(s)));
  $$(".app-tabs button").forEach((b) => b.addEventListener("click", () => {
    if (b.dataset.view === "person") openPerson(null); else show(b.dataset.view);
  }));
  $("#caseload-q").addEventListener("input", renderCaseload);
  $("#sync-now").addEventListener("click", syncNow);
  $("#take-offline").addEventListener("click", takeOffline);
  $("#logout").addEventListener("click", logout);
  window.addEventListener("online", () => { setNetwork(); S.failures = 0; syncNow(); });
  window.addEventListener("offline", setNetwork);
  setInterval(syncIfPending, 60000);
  start();
}

boot();  // a module script runs once the page is parsed (after cardverify.js, before DOMContentLoaded)
