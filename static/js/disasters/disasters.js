// Lindung, disaster module: the distribution page's scanner and card check (the shared code is in
// static/js/disasters/cardverify.js, also used by the offline app), print buttons.
"use strict";

(function () {
  async function loadKeys(url) {
    // Cached for offline use: the public key and the revoked cards of this event.
    try {
      const res = await fetch(url, { credentials: "same-origin" });
      if (res.ok) {
        const data = await res.json();
        localStorage.setItem("lindung-keys:" + url, JSON.stringify(data));
        return data;
      }
    } catch (e) { /* offline: fall back to the cache */ }
    const cached = localStorage.getItem("lindung-keys:" + url);
    return cached ? JSON.parse(cached) : null;
  }

  function initScanner(box) {
    const input = document.getElementById("token");
    const result = document.getElementById("scan-result");
    const video = document.getElementById("scan-video");
    const start = document.getElementById("scan-start");
    const unsupported = document.getElementById("scan-unsupported");
    const msgs = box.dataset;
    let keys = null;
    const ready = loadKeys(box.dataset.keysUrl).then((k) => { keys = k; });

    async function check() {
      await ready;
      const value = input.value.trim();
      result.className = "scan-result";
      if (!value) { result.textContent = ""; return; }
      const r = await window.LindungCards.verifyOffline(value, keys);
      if (r.ok === true) {
        result.textContent = msgs.okText.replace("{name}", r.payload.n).replace("{serial}", r.payload.s);
        result.classList.add("ok");
      } else if (r.ok === null) {
        result.textContent = msgs.serverText;
      } else {
        result.textContent = r.reason === "revoked" ? msgs.revokedText : msgs.badText;
        result.classList.add("bad");
      }
    }
    if (input) {
      input.addEventListener("change", check);
      input.addEventListener("input", check);
      if (input.value) check();
    }

    if (window.LindungCards.cameraAvailable()) {
      start.hidden = false;
      start.addEventListener("click", async () => {
        try {
          await window.LindungCards.scanOnce(video, async (text) => {
            input.value = text;
            await check();
            document.getElementById("item_id").focus();
          });
        } catch (e) {
          unsupported.hidden = false;
        }
      });
    } else {
      unsupported.hidden = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("scanner");
    if (box) initScanner(box);
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
