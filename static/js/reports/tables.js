// Reports area: open the Renja tree down to the row a link points at (#r-<code>). Without script
// the tree still opens and closes (details/summary); "Buka semua kegiatan" opens every level.
"use strict";

(function () {
  function reveal() {
    if (!location.hash || location.hash.length < 2) return;
    let target = null;
    try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (err) { return; }
    if (!target) return;
    for (let el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS" && el.classList.contains("renja-level")) el.open = true;
    }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
