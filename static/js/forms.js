// Field-ready forms (issue 11): dd/mm/yyyy typing, the region picker's search by name, a household's
// family rows on one page, and Enter moving to the next field instead of sending a half-filled form.
"use strict";

// ---- dd/mm/yyyy: the slashes appear while typing digits; 8 digits or d/m/yyyy are tidied on leaving.
function maskDate(input) {
  input.addEventListener("input", (e) => {
    if (e.inputType && !e.inputType.startsWith("insert")) return; // deleting: leave it alone
    let v = input.value;
    if (e.data === "/" && /\/\/$/.test(v)) { v = v.slice(0, -1); input.value = v; return; }
    if (/^\d{9,}$/.test(v.replace(/\//g, "")) && !v.includes("/")) input.value = v.slice(0, 8);
    if (/^\d{8}$/.test(input.value)) {
      input.value = input.value.replace(/^(\d{2})(\d{2})(\d{4})$/, "$1/$2/$3");
    } else if (/^\d{2}$/.test(v) || /^\d{1,2}\/\d{2}$/.test(v)) {
      input.value = v + "/";
    }
  });
  input.addEventListener("blur", () => {
    const v = input.value.trim();
    let m = /^(\d{2})(\d{2})(\d{4})$/.exec(v);
    if (!m) m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    if (m) input.value = m[1].padStart(2, "0") + "/" + m[2].padStart(2, "0") + "/" + m[3];
  });
}

// ---- the region picker's "Cari nama desa/kelurahan": pick a name, the selects follow.
function initRegionSearch(picker) {
  const box = picker.querySelector(".region-search");
  if (!box) return;
  const input = box.querySelector("input[type=search]");
  const list = box.querySelector("ul");
  const chosen = box.querySelector(".region-chosen");
  const code = document.getElementById(picker.dataset.input);
  let timer = null;
  let asked = 0;
  function choose(r) {
    code.value = r.code;
    picker.dispatchEvent(new Event("region:set"));
    code.dispatchEvent(new Event("change", { bubbles: true }));
    chosen.textContent = chosen.dataset.chosenPrefix + " " + r.name + (r.context ? ", " + r.context : "");
    list.hidden = true;
    list.replaceChildren();
    input.value = "";
  }
  async function ask() {
    const q = input.value.trim();
    const mine = ++asked;
    if (q.length < 2) { list.hidden = true; list.replaceChildren(); return; }
    const url = box.dataset.searchUrl + "?q=" + encodeURIComponent(q) + "&root=" + encodeURIComponent(picker.dataset.root || "");
    const res = await fetch(url, { credentials: "same-origin" });
    if (!res.ok || mine !== asked) return;
    const rows = await res.json();
    list.replaceChildren(...rows.map((r) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.setAttribute("role", "option");
      b.dataset.code = r.code;
      b.append(r.name);
      if (r.context) { const s = document.createElement("small"); s.textContent = " · " + r.context; b.append(s); }
      b.addEventListener("click", () => choose(r));
      li.append(b);
      return li;
    }));
    list.hidden = !rows.length;
    chosen.textContent = rows.length ? "" : chosen.dataset.empty;
  }
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, 180); });
  picker.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => { chosen.textContent = ""; }));
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { const b = list.querySelector("button"); if (b) { e.preventDefault(); b.focus(); } }
    if (e.key === "Enter") {
      e.preventDefault();
      e.stopPropagation();
      const b = list.querySelector("button");
      if (b) b.click();
    }
  });
  list.addEventListener("keydown", (e) => {
    const buttons = Array.from(list.querySelectorAll("button"));
    const i = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i < buttons.length - 1) { e.preventDefault(); buttons[i + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? buttons[i - 1] : input).focus(); }
    if (e.key === "Escape") { list.hidden = true; input.focus(); }
  });
}

// ---- Enter moves to the next field (a form marked data-enter-moves); buttons still press.
function focusables(form) {
  return Array.from(form.querySelectorAll("input, select, textarea, button")).filter((el) =>
    !el.disabled && el.type !== "hidden" && !el.closest("template") && el.offsetParent !== null &&
    !(el.type === "radio" && !el.checked && form.querySelector(`input[type=radio][name="${el.name}"]:checked`)));
}

function initEnterMoves(form) {
  form.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.key !== "Enter" || e.defaultPrevented || t.tagName === "TEXTAREA" || t.tagName === "BUTTON") return;
    if (t.tagName !== "INPUT" && t.tagName !== "SELECT") return;
    e.preventDefault();
    const all = focusables(form);
    let next = all[all.indexOf(t) + 1];
    while (next && next.type === "radio" && next.name === t.name) next = all[all.indexOf(next) + 1];
    if (next) next.focus();
  });
}

// ---- family rows: "Tambah anggota keluarga" copies the blank row; members inherit the head's address.
function initFamily(form) {
  const rows = form.querySelector("[data-family-rows]");
  const tpl = form.querySelector("template[data-member-template]");
  const add = form.querySelector("[data-add-member]");
  if (!rows || !tpl || !add) return;
  const headAddress = form.querySelector("input[name=address]");
  const headSex = () => (form.querySelector("input[name=sex]:checked") || {}).value;
  let next = 1000 + rows.querySelectorAll("[data-member-row]").length; // never an index already posted
  function number() {
    rows.querySelectorAll("[data-member-row]").forEach((row, i) => {
      const legend = row.querySelector("legend");
      legend.textContent = legend.textContent.replace(/\d+$|__n__/, String(i + 1));
    });
  }
  function wire(row) {
    const address = row.querySelector("[data-inherit=address]");
    if (address) address.addEventListener("input", () => { address.dataset.edited = "1"; });
    const remove = row.querySelector("[data-remove-member]");
    remove.addEventListener("click", () => {
      const after = row.nextElementSibling;
      row.remove();
      number();
      ((after && after.querySelector("[data-member-first]")) || add).focus();
    });
  }
  add.addEventListener("click", () => {
    const i = String(next++);
    const html = tpl.innerHTML.replace(/__i__/g, i);
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const row = holder.firstElementChild;
    const count = rows.querySelectorAll("[data-member-row]").length;
    const rel = row.querySelector("select[name$=relationship_code]");
    if (rel && count === 0) rel.value = headSex() === "P" ? "suami" : "istri";
    const address = row.querySelector("[data-inherit=address]");
    if (address && headAddress) address.value = headAddress.value;
    rows.append(row);
    wire(row);
    row.querySelectorAll("input[data-date-mask]").forEach(maskDate);
    number();
    row.querySelector("[data-member-first]").focus();
  });
  rows.querySelectorAll("[data-member-row]").forEach(wire);
  if (headAddress) {
    headAddress.addEventListener("input", () => {
      rows.querySelectorAll("[data-inherit=address]").forEach((a) => { if (!a.dataset.edited) a.value = headAddress.value; });
    });
  }
}

// For the offline app's ES modules (templates/offline/app.html loads this file before them, and the service
// worker caches it): the same dd/mm/yyyy typing on its date fields and its family rows.
window.LindungForms = { maskDate };

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-date-mask]").forEach((i) => { if (!i.closest("template")) maskDate(i); });
  document.querySelectorAll("[data-region-picker]").forEach(initRegionSearch);
  document.querySelectorAll("form[data-enter-moves]").forEach(initEnterMoves);
  document.querySelectorAll("form[data-family-form]").forEach(initFamily);
});
