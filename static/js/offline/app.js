// Lindung offline app (/aplikasi): caseload, forms and the outbox in IndexedDB; sync with POST /api/v1/sync.
// Device hygiene: data on the device belongs to the signed-in user only. When the server says nobody (or
// somebody else) is signed in, the downloaded caseload, reference data and token are wiped; the outbox is
// never silently dropped: entries stay, tagged with their owner, and only the owner can send them.
"use strict";

(() => {
  const T = JSON.parse(document.getElementById("offline-strings").textContent);
  const fmt = (key, params = {}) => T[key].replace(/\{(\w+)\}/g, (_, k) => (k in params ? params[k] : ""));
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const S = { user: null, token: null, csrf: null, deviceId: null, ref: null, disaster: null, syncing: false, failures: 0, timer: null };

  // ------------------------------------------------------------ IndexedDB
  let dbPromise = null;
  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const req = indexedDB.open("lindung-offline", 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          db.createObjectStore("kv", { keyPath: "k" });
          db.createObjectStore("persons", { keyPath: "id" });
          db.createObjectStore("cases", { keyPath: "id" });
          db.createObjectStore("outbox", { keyPath: "op_id" });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return dbPromise;
  }
  async function run(store, mode, fn) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const result = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  }
  const all = (store) => run(store, "readonly", (s) => s.getAll());
  const get = (store, key) => run(store, "readonly", (s) => s.get(key));
  const put = (store, value) => run(store, "readwrite", (s) => s.put(value));
  const del = (store, key) => run(store, "readwrite", (s) => s.delete(key));
  const clear = (store) => run(store, "readwrite", (s) => s.clear());
  const kvGet = async (k) => { const row = await get("kv", k); return row ? row.v : null; };
  const kvSet = (k, v) => put("kv", { k, v });

  // ------------------------------------------------------------ helpers
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : "10000000-1000-4000-8000-100000000000".replace(/[018]/g,
    (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16)));
  const today = () => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10); };
  const pad = (n) => String(n).padStart(2, "0");
  const showDate = (iso) => (iso ? iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : "");
  const showDateTime = (iso) => { const d = new Date(iso); return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear() + " " + pad(d.getHours()) + "." + pad(d.getMinutes()); };
  const maskNik = (nik) => (nik && nik.length === 16 ? nik.slice(0, 6) + "******" + nik.slice(12) : "");
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  const categoryName = (code) => { const c = S.ref && S.ref.categories.find((x) => x.code === code); return c ? c.name : code; };
  const serviceName = (code) => { const s = S.ref && S.ref.service_types.find((x) => x.code === code); return s ? s.name : code; };
  const villageName = (code) => { const v = S.ref && S.ref.villages.find((x) => x.code === code); return v ? v.name + (v.district ? ", " + v.district : "") : (code || ""); };
  function say(text, kind = "success") {
    const box = $("#message");
    box.className = "flash flash-" + kind;
    box.textContent = text;
    box.hidden = !text;
  }

  // ------------------------------------------------------------ session and token
  async function fetchSession() {
    const res = await fetch("/aplikasi/sesi", { credentials: "same-origin", cache: "no-store" });
    if (res.status === 401) return null;
    if (!res.ok) throw new Error("session " + res.status);
    return res.json();
  }
  async function obtainToken() {
    const info = await fetchSession();
    if (!info) return false;
    if (S.user && info.user.id !== S.user.id) { await switchUser(info); }
    S.csrf = info.csrf_token;
    const res = await fetch("/aplikasi/token", { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": info.csrf_token } });
    if (!res.ok) return false;
    S.token = (await res.json()).token;
    await kvSet("token", S.token);
    return true;
  }
  async function api(method, path, body, retried = false) {
    const res = await fetch(path, {
      method, headers: { "Content-Type": "application/json", Authorization: "Bearer " + S.token },
      body: body ? JSON.stringify(body) : undefined, cache: "no-store",
    });
    if (res.status === 401 && !retried) {
      if (await obtainToken()) return api(method, path, body, true);
      const err = new Error("auth"); err.auth = true; throw err;
    }
    return res;
  }
  function needLogin(key) {
    $("#login-text").textContent = T[key];
    $("#login-banner").hidden = false;
  }

  // The device holds one user's data. Wipe what was downloaded; keep the outbox (tagged with its owner).
  async function wipeUserData() {
    await clear("persons");
    await clear("cases");
    for (const k of ["token", "user", "ref", "lastSync", "notices", "disaster"]) await del("kv", k);
    S.disaster = null;
    S.user = null; S.token = null; S.ref = null;
  }
  async function switchUser(info) {
    await wipeUserData();
    S.user = info.user;
    await kvSet("user", info.user);
  }

  // ------------------------------------------------------------ outbox
  let seq = Date.now();
  async function mine() { return (await all("outbox")).filter((e) => S.user && e.owner === S.user.id).sort((a, b) => a.seq - b.seq); }
  async function addOp(type, entityId, data, baseVersion, label, opId) {
    const entry = { op_id: opId || uuid(), seq: seq++, type, entity_id: entityId, data, status: "pending", errors: null,
                    owner: S.user.id, owner_name: S.user.username, label, attempts: 0 };
    if (baseVersion) entry.base_version = baseVersion;
    if (opId) { const old = await get("outbox", opId); if (old) entry.seq = old.seq; }
    await put("outbox", entry);
    return entry;
  }
  async function notice(text) {
    const list = (await kvGet("notices")) || [];
    list.unshift({ at: new Date().toISOString(), text });
    await kvSet("notices", list.slice(0, 30));
  }

  async function syncNow() {
    if (S.syncing || !S.user || !navigator.onLine) return;
    clearTimeout(S.timer);
    S.syncing = true;
    $("#sync-now").disabled = true;
    let applied = 0, conflicts = 0, errors = 0, disasterSent = false;
    try {
      if (!S.token && !(await obtainToken())) { needLogin("login_needed"); return; }
      for (let round = 0; round < 3; round++) {
        const queue = (await mine()).filter((e) => e.status !== "error");
        if (!queue.length) break;
        let progressed = false, retry = false;
        for (let i = 0; i < queue.length; i += 200) {
          const chunk = queue.slice(i, i + 200);
          const operations = chunk.map((e) => { const op = { op_id: e.op_id, type: e.type, entity_id: e.entity_id, data: e.data }; if (e.base_version) op.base_version = e.base_version; return op; });
          const res = await api("POST", "/api/v1/sync", { device_id: S.deviceId, operations });
          if (!res.ok) throw new Error("sync " + res.status);
          const body = await res.json();
          for (let j = 0; j < chunk.length; j++) {
            const entry = chunk[j], result = body.results[j];
            if (result.status === "applied" || result.status === "duplicate") {
              await del("outbox", entry.op_id); applied++; progressed = true;
              if (entry.type === "victim.register" || entry.type === "distribution.create") disasterSent = true;
              if (result.status === "applied" && result.conflict_id) await notice(fmt("flagged", { label: entry.label }));
              if (entry.type === "person.upsert") {
                const p = await get("persons", entry.entity_id);
                if (p) { p.version = result.version; p.local = false; await put("persons", p); }
              }
            } else if (result.status === "conflict") {
              await del("outbox", entry.op_id); conflicts++; progressed = true;
              await notice(fmt("conflict_sent", { name: entry.data.nama || entry.label }));
              const p = await get("persons", entry.entity_id);
              if (p) { p.version = result.version; await put("persons", p); }
            } else if (result.retryable) {
              entry.attempts++; entry.status = "retry"; entry.errors = result.errors; await put("outbox", entry); retry = true;
            } else {
              entry.status = "error"; entry.errors = result.errors; await put("outbox", entry); errors++;
            }
          }
        }
        if (!retry || !progressed) break;
      }
      S.failures = 0;
      if (disasterSent && S.disaster) await downloadEvents(true);
      const now = new Date().toISOString();
      await kvSet("lastSync", now);
      say(fmt("sync_done", { applied, conflicts, errors }), errors ? "warning" : "success");
      $("#login-banner").hidden = true;
    } catch (err) {
      if (err.auth) { needLogin("login_needed"); } else {
        S.failures++;
        const seconds = Math.min(300, 5 * 2 ** Math.min(S.failures, 6));
        say(fmt("sync_failed", { seconds }), "warning");
        S.timer = setTimeout(syncNow, seconds * 1000);
      }
    } finally {
      S.syncing = false;
      $("#sync-now").disabled = false;
      await render();
    }
  }

  async function takeOffline() {
    if (!S.user || !navigator.onLine) return;
    try {
      if (!S.token && !(await obtainToken())) { needLogin("login_needed"); return; }
      await loadReference(true);
      const res = await api("GET", "/api/v1/sync/caseload");
      if (!res.ok) throw new Error("caseload " + res.status);
      const load = await res.json();
      for (const p of await all("persons")) if (!p.local) await del("persons", p.id);
      for (const c of await all("cases")) if (!c.local) await del("cases", c.id);
      for (const p of load.persons) await put("persons", { ...p, local: false });
      for (const c of load.cases) await put("cases", { ...c, local: false });
      say(fmt("caseload_saved", { persons: load.persons.length, cases: load.cases.length }));
    } catch (err) {
      if (err.auth) needLogin("login_needed"); else say(fmt("sync_failed", { seconds: 0 }), "warning");
    }
    await render();
  }

  async function loadReference(force) {
    S.ref = await kvGet("ref");
    if ((S.ref && !force) || !navigator.onLine || !S.user) return;
    if (!S.token && !(await obtainToken())) return;
    const res = await api("GET", "/api/v1/sync/reference");
    if (res.ok) { S.ref = await res.json(); await kvSet("ref", S.ref); }
  }

  // ------------------------------------------------------------ rendering
  async function render() {
    const list = await mine();
    const others = (await all("outbox")).filter((e) => !S.user || e.owner !== S.user.id);
    $("#pending-count").textContent = fmt("pending", { n: list.length });
    const last = await kvGet("lastSync");
    $("#last-sync").textContent = fmt("synced_at", { when: last ? showDateTime(last) : T.never });
    $("#who").textContent = S.user ? (S.user.full_name || S.user.username) : "";
    $("#logout").hidden = !S.user;
    const otherBox = $("#other-user");
    otherBox.hidden = !others.length;
    if (others.length) otherBox.textContent = fmt("other_user", { n: others.length, username: others[0].owner_name });
    const enabled = Boolean(S.user);
    $$("#sync-now, #take-offline, #take-events, .app-tabs button").forEach((b) => { b.disabled = !enabled; });
    fillSelects();
    await renderCaseload();
    renderDisaster();
    renderOutbox(list);
    const notices = (await kvGet("notices")) || [];
    const box = $("#notices");
    box.replaceChildren(...notices.map((n) => el("li", { class: "app-item" }, el("small", {}, showDateTime(n.at)), " ", n.text)));
  }

  async function renderCaseload() {
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

  function renderOutbox(list) {
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

  function options(select, items, selected, withEmpty = true) {
    const current = selected !== undefined ? selected : select.value;
    select.replaceChildren(...(withEmpty ? [el("option", { value: "" }, T.choose)] : []),
      ...items.map(([value, label]) => { const o = el("option", { value }, label); if (value === current) o.selected = true; return o; }));
  }
  function fillSelects() {
    if (!S.ref) return;
    const cats = S.ref.categories.map((c) => [c.code, c.name]);
    options($("#p-kat"), cats); options($("#a-kat"), cats);
    options($("#p-desa"), S.ref.villages.map((v) => [v.code, v.name + (v.district ? " (" + v.district + ")" : "")]));
    options($("#d-layanan"), S.ref.service_types.map((s) => [s.code, s.name]));
    options($("#p-jk"), [["L", T.male], ["P", T.female]]);
  }
  function renderNeeds(select, checked = []) {
    const box = document.getElementById(select.dataset.needs);
    const cat = S.ref && S.ref.categories.find((c) => c.code === select.value);
    let codes = [];
    if (cat) {
      const bs = cat.spm_service && S.ref.basic_services.find((b) => b.code === cat.spm_service);
      codes = bs ? bs.components : S.ref.service_types.map((s) => s.code);
    }
    box.replaceChildren(...codes.map((code) => el("label", { class: "check" },
      (() => { const i = el("input", { type: "checkbox", name: "kebutuhan", value: code }); i.checked = checked.includes(code); return i; })(),
      " " + serviceName(code))));
  }

  // ------------------------------------------------------------ views and forms
  function show(view) {
    $$(".app-view").forEach((v) => { v.hidden = v.id !== "view-" + view; });
    $$(".app-tabs button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === view)));
    window.scrollTo(0, 0);
  }
  function resetForm(form) {
    form.reset();
    $$("[data-error]", form).forEach((p) => { p.textContent = ""; });
    $$("[aria-invalid]", form).forEach((i) => i.removeAttribute("aria-invalid"));
  }
  function showErrors(form, errors) {
    for (const [name, message] of Object.entries(errors)) {
      const slot = $(`[data-error="${name}"]`, form) || $('[data-error="_"]', form);
      slot.textContent = message;
      const input = form.elements[name];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
    }
    return Object.keys(errors).length === 0;
  }
  function openPerson(p, op) {
    const form = $("#person-form");
    resetForm(form);
    fillSelects();
    const data = op ? op.data : p || {};
    for (const k of ["nama", "nik", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "alamat", "telepon"]) form.elements[k].value = data[k] || "";
    form.elements.entity_id.value = op ? op.entity_id : p ? p.id : "";
    form.elements.base_version.value = op ? op.base_version || "" : p && p.version ? p.version : "";
    form.elements.op_id.value = op ? op.op_id : "";
    $("#p-case").hidden = Boolean(p || op);
    $("#p-tgl").value = today();
    renderNeeds($("#p-kat"));
    if (op && op.errors) showErrors(form, op.errors);
    show("person");
  }
  function openAssessment(p, op) {
    const form = $("#assessment-form");
    resetForm(form);
    fillSelects();
    $("#view-assessment [data-person-name]").textContent = p ? p.nama : (op && op.label) || "";
    form.elements.person_id.value = op ? op.data.person_id : p.id;
    form.elements.op_id.value = op ? op.op_id : "";
    form.elements.entity_id.value = op ? op.entity_id : "";
    form.elements.kategori_ppks.value = op ? op.data.kategori_ppks : "";
    form.elements.tanggal_asesmen.value = op ? op.data.tanggal_asesmen : today();
    renderNeeds(form.elements.kategori_ppks, op ? op.data.kebutuhan : []);
    if (op && op.errors) showErrors(form, op.errors);
    show("assessment");
  }
  async function openDelivery(p, op) {
    const form = $("#delivery-form");
    resetForm(form);
    fillSelects();
    $("#view-delivery [data-person-name]").textContent = p ? p.nama : (op && op.label) || "";
    form.elements.person_id.value = op ? op.data.person_id : p.id;
    form.elements.op_id.value = op ? op.op_id : "";
    form.elements.entity_id.value = op ? op.entity_id : "";
    const needs = p ? (await all("cases")).filter((c) => c.person_id === p.id).flatMap((c) => c.kebutuhan || []) : [];
    form.elements.layanan.value = op ? op.data.layanan : needs[0] || "";
    form.elements.tanggal_layanan.value = op ? op.data.tanggal_layanan : today();
    form.elements.jumlah.value = op ? op.data.jumlah : 1;
    if (op && op.errors) showErrors(form, op.errors);
    show("delivery");
  }
  async function fixOp(entry) {
    const person = entry.data.person_id ? await get("persons", entry.data.person_id) : null;
    if (entry.type === "person.upsert") openPerson(null, entry);
    else if (entry.type === "assessment.create") openAssessment(person, entry);
    else if (entry.type === "delivery.create") openDelivery(person, entry);
    else if (entry.type === "victim.register") openVictim(null, entry);
    else if (entry.type === "distribution.create") openDistribution(entry);
  }

  function checkDate(value, required) {
    if (!value) return required ? T.required : null;
    return value > today() ? T.future : null;
  }
  function assessmentErrors(form, prefix) {
    const errors = {};
    const cat = form.elements.kategori_ppks.value;
    const day = form.elements.tanggal_asesmen.value;
    const needs = $$("input[name=kebutuhan]:checked", form).map((i) => i.value);
    if (!cat) errors.kategori_ppks = T.required;
    const dateError = checkDate(day, true);
    if (dateError) errors.tanggal_asesmen = dateError;
    if (cat && !needs.length) errors.kebutuhan = T.pick_need;
    return [errors, { kategori_ppks: cat, tanggal_asesmen: day, kebutuhan: needs }, prefix];
  }

  async function savePerson(event) {
    event.preventDefault();
    const form = event.target;
    resetErrors(form);
    const f = form.elements;
    const data = {};
    for (const k of ["nama", "nik", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "alamat", "telepon"]) {
      const v = f[k].value.trim(); if (v) data[k] = v;
    }
    const errors = {};
    if (!data.nama) errors.nama = T.required;
    if (!data.kode_wilayah) errors.kode_wilayah = T.required;
    if (data.nik && !/^\d{16}$/.test(data.nik)) errors.nik = T.nik_16;
    const born = checkDate(data.tanggal_lahir, false);
    if (born) errors.tanggal_lahir = born;
    let assessment = null;
    if (!$("#p-case").hidden && f.kategori_ppks.value) {
      const [aErrors, aData] = assessmentErrors(form);
      Object.assign(errors, aErrors);
      assessment = aData;
    }
    if (!showErrors(form, errors)) return;
    const entityId = f.entity_id.value || uuid();
    const base = f.base_version.value ? Number(f.base_version.value) : null;
    await addOp("person.upsert", entityId, data, base, fmt("op_person", { name: data.nama }), f.op_id.value || null);
    const existing = await get("persons", entityId);
    await put("persons", { ...(existing || { local: true, version: null }), ...data, id: entityId });
    if (assessment) {
      await addOp("assessment.create", uuid(), { person_id: entityId, ...assessment }, null, fmt("op_assessment", { name: data.nama }));
      await put("cases", { id: "local-" + uuid(), person_id: entityId, kategori_ppks: assessment.kategori_ppks, kebutuhan: assessment.kebutuhan, local: true });
    }
    await afterSave();
  }
  async function saveAssessment(event) {
    event.preventDefault();
    const form = event.target;
    resetErrors(form);
    const [errors, data] = assessmentErrors(form);
    if (!showErrors(form, errors)) return;
    const personId = form.elements.person_id.value;
    const person = await get("persons", personId);
    const name = person ? person.nama : "";
    await addOp("assessment.create", form.elements.entity_id.value || uuid(), { person_id: personId, ...data }, null,
      fmt("op_assessment", { name }), form.elements.op_id.value || null);
    if (!form.elements.op_id.value) await put("cases", { id: "local-" + uuid(), person_id: personId, kategori_ppks: data.kategori_ppks, kebutuhan: data.kebutuhan, local: true });
    await afterSave();
  }
  async function saveDelivery(event) {
    event.preventDefault();
    const form = event.target;
    resetErrors(form);
    const f = form.elements;
    const data = { person_id: f.person_id.value, layanan: f.layanan.value, tanggal_layanan: f.tanggal_layanan.value, jumlah: Number(f.jumlah.value || 1) };
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
  function resetErrors(form) {
    $$("[data-error]", form).forEach((p) => { p.textContent = ""; });
    $$("[aria-invalid]", form).forEach((i) => i.removeAttribute("aria-invalid"));
  }
  async function afterSave() {
    say(T.saved);
    show("caseload");
    await render();
    if (navigator.onLine) syncNow();
  }

  async function logout() {
    const pending = (await mine()).length;
    if (pending && !window.confirm(fmt("logout_q", { n: pending }))) return;
    let csrf = S.csrf;
    try { const info = await fetchSession(); if (info) csrf = info.csrf_token; } catch (e) { csrf = null; }
    await wipeUserData();
    if (csrf) {
      const form = el("form", { method: "post", action: "/keluar" }, el("input", { type: "hidden", name: "csrf_token", value: csrf }));
      document.body.append(form);
      form.submit();
    } else {
      needLogin("not_signed_in");
      await render();
    }
  }

  function setNetwork() {
    $("#offline-banner").hidden = navigator.onLine;
    document.body.classList.toggle("is-offline", !navigator.onLine);
  }


  // ------------------------------------------------------------ disaster: events, victims, distributions
  // The bundle from GET /api/v1/sync/events lives in kv "disaster"; what is recorded on the device is
  // added to it (local: true) so that the device's own guard check sees it, until the next download.
  async function downloadEvents(quiet) {
    if (!S.user || !navigator.onLine) return;
    try {
      if (!S.token && !(await obtainToken())) { needLogin("login_needed"); return; }
      if (!quiet) await loadReference(true);
      const res = await api("GET", "/api/v1/sync/events");
      if (!res.ok) throw new Error("events " + res.status);
      const fresh = await res.json();
      // keep what the device recorded and the server has not confirmed yet
      const pending = new Set((await mine()).map((e) => e.entity_id));
      if (S.disaster) {
        for (const old of S.disaster.events) {
          const ev = fresh.events.find((x) => x.id === old.id);
          if (!ev) continue;
          for (const hh of old.households) if (hh.local && hh.anggota.some((m) => pending.has(m.id)) && !ev.households.some((h) => h.kepala_id === hh.kepala_id)) ev.households.push(hh);
          for (const d of old.distributions) if (d.local && pending.has(d.id)) ev.distributions.push(d);
        }
      }
      S.disaster = fresh;
      await kvSet("disaster", fresh);
      if (!quiet) say(fmt("events_saved", { events: fresh.events.length, households: fresh.events.reduce((n, e) => n + e.households.length, 0) }));
    } catch (err) {
      if (err.auth) needLogin("login_needed"); else if (!quiet) say(fmt("sync_failed", { seconds: 0 }), "warning");
    }
    await render();
  }
  const currentEvent = () => {
    if (!S.disaster || !S.disaster.events.length) return null;
    const id = $("#ev-select").value;
    return S.disaster.events.find((e) => e.id === id) || S.disaster.events[0];
  };
  const itemOf = (code) => S.disaster && S.disaster.items.find((i) => i.code === code);
  async function saveBundle() { await kvSet("disaster", S.disaster); }

  function renderDisaster() {
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

  function renderVictimNeeds(checked) {
    const needs = S.disaster ? S.disaster.needs : [];
    $("#v-needs").replaceChildren(...needs.map((n) => el("label", { class: "check" },
      (() => { const i = el("input", { type: "checkbox", name: "kebutuhan", value: n.code }); i.checked = !checked || checked.includes(n.code); return i; })(),
      " " + n.name)));
  }
  function openVictim(household, op) {
    const form = $("#victim-form");
    resetForm(form);
    const ev = op ? S.disaster.events.find((e) => e.id === op.data.event_id) || currentEvent() : currentEvent();
    const f = form.elements;
    options(f.kode_wilayah, (S.ref ? S.ref.villages : []).filter((v) => !ev || !ev.village_codes.length || ev.village_codes.includes(v.code) || v.code.startsWith(ev.area_code + "."))
      .map((v) => [v.code, v.name + (v.district ? " (" + v.district + ")" : "")]));
    const data = op ? op.data : {};
    const headId = op ? data.kepala_id || "" : household ? household.kepala_id : "";
    const hh = headId && ev ? ev.households.find((h) => h.kepala_id === headId) : null;
    $("#view-victim [data-household-name]").textContent = hh ? hh.kepala : T.new_household;
    f.event_id.value = ev ? ev.id : "";
    f.kepala_id.value = headId;
    f.op_id.value = op ? op.op_id : "";
    f.entity_id.value = op ? op.entity_id : "";
    for (const k of ["nama", "nik", "jenis_kelamin", "tanggal_lahir", "alamat"]) f[k].value = data[k] || "";
    f.kode_wilayah.value = data.kode_wilayah || (hh ? hh.kode_wilayah || "" : "");
    f.status.value = data.status || "mengungsi";
    if (data.hubungan) f.hubungan.value = data.hubungan;
    if (data.kerusakan) f.kerusakan.value = data.kerusakan;
    $$("input[name=kelompok_rentan]", form).forEach((i) => { i.checked = (data.kelompok_rentan || []).includes(i.value); });
    $("#v-hubungan-field").hidden = !headId;
    $("#v-kerusakan-field").hidden = Boolean(headId);
    renderVictimNeeds(data.kebutuhan);
    if (op && op.errors) showErrors(form, op.errors);
    show("victim");
  }
  async function saveVictim(event) {
    event.preventDefault();
    const form = event.target;
    resetErrors(form);
    const f = form.elements;
    const ev = S.disaster.events.find((e) => e.id === f.event_id.value);
    const data = { event_id: f.event_id.value, tanggal: today(), status: f.status.value };
    for (const k of ["nama", "nik", "jenis_kelamin", "tanggal_lahir", "kode_wilayah", "alamat"]) { const v = f[k].value.trim(); if (v) data[k] = v; }
    if (f.kepala_id.value) { data.kepala_id = f.kepala_id.value; data.hubungan = f.hubungan.value; } else data.kerusakan = f.kerusakan.value;
    data.kelompok_rentan = $$("input[name=kelompok_rentan]:checked", form).map((i) => i.value);
    data.kebutuhan = $$("input[name=kebutuhan]:checked", form).map((i) => i.value);
    const errors = {};
    if (!data.nama) errors.nama = T.required;
    if (!data.kode_wilayah) errors.kode_wilayah = T.required;
    if (data.nik && !/^\d{16}$/.test(data.nik)) errors.nik = T.nik_16;
    const born = checkDate(data.tanggal_lahir, false);
    if (born) errors.tanggal_lahir = born;
    if (!data.kebutuhan.length) errors.kebutuhan = T.pick_need;
    if (!showErrors(form, errors)) return;
    const entityId = f.entity_id.value || uuid();
    await addOp("victim.register", entityId, data, null, fmt("op_victim", { event: ev ? ev.code : "", name: data.nama }), f.op_id.value || null);
    if (ev) {
      const member = { id: entityId, nama: data.nama, hubungan: data.hubungan || "kepala_keluarga", status: data.status, local: true };
      let hh = data.kepala_id ? ev.households.find((h) => h.kepala_id === data.kepala_id) : ev.households.find((h) => h.kepala_id === entityId);
      if (!hh) { hh = { id: "local-" + entityId, kepala_id: entityId, kepala: data.nama, kode_wilayah: data.kode_wilayah, anggota: [], local: true }; ev.households.push(hh); }
      hh.anggota = hh.anggota.filter((m) => m.id !== entityId).concat([member]);
      if (hh.kepala_id === entityId) hh.kepala = data.nama;
      await saveBundle();
    }
    say(T.saved);
    show("disaster");
    await render();
    if (navigator.onLine) syncNow();
  }

  function openDistribution(op, household) {
    const form = $("#dist-form");
    resetForm(form);
    const ev = op ? S.disaster.events.find((e) => e.id === op.data.event_id) || currentEvent() : currentEvent();
    const f = form.elements;
    $("#view-distribution [data-event-name]").textContent = ev ? ev.code : "";
    f.event_id.value = ev ? ev.id : "";
    options(f.korban_id, (ev ? ev.households : []).map((h) => [h.kepala_id, h.kepala + " (" + fmt("members", { n: h.anggota.length }) + ")"]));
    options(f.barang, S.disaster.items.map((i) => [i.code, i.name + " (" + i.unit + ")"]));
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
    if (op && op.errors) showErrors(form, op.errors);
    show("distribution");
  }
  async function checkCard() {
    const value = $("#dist-kartu").value.trim();
    const out = $("#dist-scan-result");
    out.className = "scan-result";
    $("#dist-guard").hidden = true;
    if (!value) { out.textContent = ""; return null; }
    const ev = currentEvent();
    const r = await window.LindungCards.verifyOffline(value, { keys: S.disaster.keys.keys, revoked: ev ? ev.revoked : [] });
    if (r.ok === true) { out.textContent = fmt("card_ok", { name: r.payload.n, serial: r.payload.s }); out.classList.add("ok"); }
    else if (r.ok === null) out.textContent = T.card_unknown;
    else { out.textContent = r.reason === "revoked" ? T.card_revoked : T.card_bad; out.classList.add("bad"); }
    return r;
  }
  async function saveDistribution(event) {
    event.preventDefault();
    const form = event.target;
    resetErrors(form);
    const f = form.elements;
    const ev = S.disaster.events.find((e) => e.id === f.event_id.value);
    const data = { event_id: f.event_id.value, barang: f.barang.value, gudang: f.gudang.value, jumlah: Number(f.jumlah.value || 0),
                   waktu: new Date().toISOString(), tempat: f.tempat.value.trim() || null };
    const errors = {};
    let household = null, cardId = null, holder = "";
    const token = f.kartu.value.trim();
    if (token) {
      const r = await checkCard();
      if (r.ok === false) errors.kartu = r.reason === "revoked" ? T.card_revoked : T.card_bad;
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
    const seen = item.guard_period === "none" ? [] : ev.distributions.filter((d) => d.barang === data.barang &&
      ((hhId && d.household_id === hhId) || (cardId && d.kartu_id === cardId)) && (item.guard_period === "event" || d.tanggal === day));
    data.terlihat = seen.length;
    const reason = f.alasan.value.trim();
    if (seen.length && !reason) {
      $("#dist-guard").hidden = false;
      const last = seen.map((d) => d.tanggal).sort().pop();
      showErrors(form, { alasan: fmt(item.guard_period === "day" ? "guard_day" : "guard_event", { item: item.name, when: showDate(last) }) });
      f.alasan.focus();
      return;
    }
    if (reason) data.alasan = reason;
    const entityId = f.entity_id.value || uuid();
    const name = household ? household.kepala : holder;
    await addOp("distribution.create", entityId, data, null, fmt("op_distribution", { item: item.name, qty: data.jumlah, name }), f.op_id.value || null);
    ev.distributions = ev.distributions.filter((d) => d.id !== entityId).concat([{ id: entityId, household_id: hhId, kartu_id: cardId, barang: data.barang, tanggal: day, jumlah: data.jumlah, local: true }]);
    await saveBundle();
    say(T.saved);
    show("disaster");
    await render();
    if (navigator.onLine) syncNow();
  }

  // ------------------------------------------------------------ start
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

  document.addEventListener("DOMContentLoaded", () => {
    $("#person-form").addEventListener("submit", savePerson);
    $("#assessment-form").addEventListener("submit", saveAssessment);
    $("#delivery-form").addEventListener("submit", saveDelivery);
    $$("[data-cancel]").forEach((b) => b.addEventListener("click", () => show(b.dataset.cancel || "caseload")));
    $("#victim-form").addEventListener("submit", saveVictim);
    $("#dist-form").addEventListener("submit", saveDistribution);
    $("#take-events").addEventListener("click", () => downloadEvents(false));
    $("#ev-select").addEventListener("change", async () => { await kvSet("eventId", $("#ev-select").value); renderDisaster(); });
    $("#hh-q").addEventListener("input", renderDisaster);
    $("#ev-new-household").addEventListener("click", () => openVictim(null));
    $("#ev-distribute").addEventListener("click", () => openDistribution(null));
    $("#dist-kartu").addEventListener("input", () => checkCard());
    $("#dist-kartu").addEventListener("change", () => checkCard());
    $("#dist-hh").addEventListener("change", () => { $("#dist-guard").hidden = true; });
    $("#dist-barang").addEventListener("change", () => { $("#dist-guard").hidden = true; });
    if (window.LindungCards.cameraAvailable()) {
      $("#dist-camera").hidden = false;
      $("#dist-camera").addEventListener("click", () => window.LindungCards.scanOnce($("#dist-video"), (text) => {
        $("#dist-kartu").value = text; checkCard(); $("#dist-barang").focus();
      }).catch(() => { $("#dist-no-camera").hidden = false; }));
    } else {
      $("#dist-no-camera").hidden = false;
    }
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
    setInterval(() => { if (navigator.onLine && !S.syncing) mine().then((l) => { if (l.some((e) => e.status !== "error")) syncNow(); }); }, 60000);
    start();
  });
})();
