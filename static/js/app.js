// Lindung: small progressive enhancements. No inline scripts (CSP), no CDN.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Cascading region picker: <div data-region-picker data-input="ID" data-root="18.72"> with
// one <select> per level. Keyboard-friendly: plain selects, labelled.
function initRegionPicker(box) {
  const input = document.getElementById(box.dataset.input);
  const selects = Array.from(box.querySelectorAll("select"));
  const url = box.dataset.url;
  async function fill(level, parent, selected) {
    const select = selects[level];
    select.innerHTML = "";
    const empty = document.createElement("option");
    empty.value = "";
    empty.textContent = select.dataset.placeholder || "—";
    select.appendChild(empty);
    if (parent === null && level > 0) { select.disabled = true; return; }
    const res = await fetch(url + (parent ? "?parent=" + encodeURIComponent(parent) : ""), { credentials: "same-origin" });
    if (!res.ok) return;
    for (const r of await res.json()) {
      const opt = document.createElement("option");
      opt.value = r.code; opt.textContent = r.name;
      if (selected && selected.startsWith(r.code) && (selected === r.code || selected[r.code.length] === ".")) opt.selected = true;
      select.appendChild(opt);
    }
    select.disabled = false;
  }
  async function cascade(from, current) {
    for (let i = from; i < selects.length; i++) {
      const parent = i === 0 ? (box.dataset.root || null) : (selects[i - 1].value || null);
      await fill(i, parent, current);
    }
  }
  selects.forEach((select, i) => {
    select.addEventListener("change", async () => {
      input.value = select.value || (i > 0 ? selects[i - 1].value : "");
      await cascade(i + 1, null);
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
  cascade(0, input.value || null);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-region-picker]").forEach(initRegionPicker);
});
