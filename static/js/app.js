// Lindung: small progressive enhancements. No inline scripts (CSP), no CDN.
"use strict";

// The main menu folds behind its "Menu" button below 1024 px (CSS keys on the .js class).
document.documentElement.classList.add("js");
function initMenu() {
  const toggle = document.querySelector(".menu-toggle");
  const panel = document.getElementById("mainnav-panel");
  if (!toggle || !panel) return;
  const groups = Array.from(panel.querySelectorAll(".navgroup:not(.single)"));
  const openGroup = (group, open) => {
    group.classList.toggle("open", open);
    group.querySelector(".navgroup-toggle").setAttribute("aria-expanded", String(open));
  };
  const closeAll = () => {
    panel.classList.remove("open");
    toggle.setAttribute("aria-expanded", "false");
    groups.forEach((g) => openGroup(g, false));
  };
  toggle.addEventListener("click", () => {
    const open = !panel.classList.contains("open");
    panel.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
  });
  groups.forEach((group) => {
    group.querySelector(".navgroup-toggle").addEventListener("click", () => {
      const open = !group.classList.contains("open");
      groups.forEach((g) => openGroup(g, false));
      openGroup(group, open);
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel.querySelector(".open, [aria-expanded='true']")) { closeAll(); toggle.focus(); }
  });
  document.addEventListener("click", (event) => { if (!event.target.closest(".mainnav")) closeAll(); });
}

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
  // The picker's search by name (static/js/forms.js) sets the code and asks the selects to follow.
  box.addEventListener("region:set", () => cascade(0, input.value || null));
  cascade(0, input.value || null);
}

// A form answered with errors: a summary at the top of the page (each error a link to its
// field) and the focus on the first bad field, so nobody hunts for what to fix on a tablet.
function initErrorSummary() {
  const main = document.getElementById("main");
  const fields = Array.from(main ? main.querySelectorAll("form .field.has-error") : []);
  if (!fields.length) return;
  const box = document.createElement("div");
  box.className = "error-summary";
  box.setAttribute("role", "alert");
  const heading = document.createElement("h2");
  heading.textContent = main.dataset.errorSummary + " (" + fields.length + ")";
  box.appendChild(heading);
  const list = document.createElement("ul");
  let first = null;
  fields.forEach((field) => {
    const input = field.querySelector("input:not([type=hidden]), select, textarea");
    const label = field.querySelector("legend") || field.querySelector("label"); // a group: its legend
    const message = Array.from(field.querySelectorAll(".error")).map((e) => e.textContent).join(" ");
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.textContent = (label ? label.textContent.replace("*", "").trim() + ": " : "") + message;
    if (input && input.id) {
      link.href = "#" + input.id;
      link.addEventListener("click", (event) => { event.preventDefault(); input.focus(); });
    }
    item.appendChild(link);
    list.appendChild(item);
    if (!first && input) first = input;
  });
  box.appendChild(list);
  const anchor = main.querySelector("h1");
  if (anchor) anchor.after(box); else main.prepend(box);
  if (first) first.focus({ preventScroll: false });
}

// A list table too wide for its box (a phone, or a wide report on a portrait tablet) becomes one
// card per row (app.css, table.cards) instead of scrolling sideways: each cell shows its column's
// name, taken from the table's own header (rowspan and colspan placed on a grid, a two-row header
// read as "Realisasi · Rp"). Decided again when the window's width changes. Tables that label their
// cells on the server (table.stack) or opt out (table.no-cards) are left alone. The ARIA roles keep
// it a table for screen readers once CSS turns its parts into blocks.
function headerLabels(head) {
  const grid = [];
  Array.from(head.rows).forEach((row, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    Array.from(row.cells).forEach((cell) => {
      while (grid[r][c] !== undefined) c += 1;
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        grid[r + dr] = grid[r + dr] || [];
        for (let dc = 0; dc < cell.colSpan; dc += 1) grid[r + dr][c + dc] = cell.textContent.trim();
      }
      c += cell.colSpan;
    });
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  const labels = [];
  for (let c = 0; c < width; c += 1) {
    const parts = [];
    grid.forEach((row) => { const text = row[c]; if (text && parts[parts.length - 1] !== text) parts.push(text); });
    labels.push(parts.join(" · "));
  }
  return labels;
}

function initCards(table) {
  if (!table.tHead) return;
  const labels = headerLabels(table.tHead);
  table.setAttribute("role", "table");
  Array.from(table.children).forEach((section) => {
    if (!["THEAD", "TBODY", "TFOOT"].includes(section.tagName)) return;
    section.setAttribute("role", "rowgroup");
    Array.from(section.rows).forEach((row) => {
      row.setAttribute("role", "row");
      let c = 0;
      Array.from(row.cells).forEach((cell) => {
        const header = section.tagName === "THEAD";
        cell.setAttribute("role", header ? "columnheader" : cell.tagName === "TH" ? "rowheader" : "cell");
        if (!header && cell.colSpan < labels.length && labels[c] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[c]);
        }
        if (!header && cell.textContent.trim().length > 60) cell.classList.add("card-wide"); // a long text spans its card
        c += cell.colSpan;
      });
    });
  });
}

function fitTables(tables) {
  tables.forEach((table) => {
    table.classList.remove("cards");
    const wrap = table.parentElement; // the .table-wrap: cards when it would scroll sideways
    if (wrap.scrollWidth > wrap.clientWidth) table.classList.add("cards");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  initMenu();
  initErrorSummary();
  document.querySelectorAll("[data-region-picker]").forEach(initRegionPicker);
  const tables = Array.from(document.querySelectorAll("main .table-wrap > table:not(.stack):not(.no-cards)"));
  tables.forEach(initCards);
  fitTables(tables);
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth !== width) { width = window.innerWidth; window.requestAnimationFrame(() => fitTables(tables)); }
  });
  window.addEventListener("load", () => fitTables(tables)); // images and late scripts may widen a table
  // a table inside a closed <details> has no width until it opens
  document.addEventListener("toggle", (event) => {
    if (event.target.open) fitTables(tables.filter((table) => event.target.contains(table)));
  }, true);
});
