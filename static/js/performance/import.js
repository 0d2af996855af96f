// Performance area: budget import progress bar (polls the run's status; no inline scripts).
"use strict";

(function () {
  const box = document.getElementById("import-progress");
  if (!box) return;
  const bar = document.getElementById("import-bar");
  const state = document.getElementById("import-state");
  const url = box.dataset.statusUrl;
  if (!["pending", "running"].includes(box.dataset.status)) return;
  async function poll() {
    try {
      const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (res.ok) {
        const data = await res.json();
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
        state.textContent = data.percent + "%";
        if (!["pending", "running"].includes(data.status)) {
          window.location.reload();
          return;
        }
      }
    } catch (err) {
      // network hiccup: try again
    }
    window.setTimeout(poll, 700);
  }
  window.setTimeout(poll, 300);
})();
