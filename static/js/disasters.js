// Lindung, disaster module: QR scanning with the browser's BarcodeDetector (no CDN),
// offline verification of aid-card signatures (WebCrypto Ed25519), print buttons.
"use strict";

(function () {
  function b64urlToBytes(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

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

  // Returns {ok, payload, reason}; reason "unsupported" when the browser lacks Ed25519.
  async function verifyOffline(token, keys) {
    const parts = (token || "").trim().split(".");
    if (parts.length !== 3 || parts[0] !== "LDG1") return { ok: false, reason: "format" };
    let payload;
    try { payload = JSON.parse(new TextDecoder().decode(b64urlToBytes(parts[1]))); } catch (e) { return { ok: false, reason: "format" }; }
    const key = keys && keys.keys.find((k) => k.key_id === payload.k);
    if (!key) return { ok: false, reason: "signature" };
    if (!(window.crypto && crypto.subtle)) return { ok: null, reason: "unsupported", payload };
    try {
      const pub = await crypto.subtle.importKey("raw", b64urlToBytes(key.public_key), { name: "Ed25519" }, false, ["verify"]);
      const ok = await crypto.subtle.verify({ name: "Ed25519" }, pub, b64urlToBytes(parts[2]), b64urlToBytes(parts[1]));
      if (!ok) return { ok: false, reason: "signature" };
    } catch (e) {
      return { ok: null, reason: "unsupported", payload };
    }
    if (keys.revoked && keys.revoked.indexOf(payload.c) >= 0) return { ok: false, reason: "revoked", payload };
    return { ok: true, payload };
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
      const r = await verifyOffline(value, keys);
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

    if ("BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
      start.hidden = false;
      start.addEventListener("click", async () => {
        try {
          const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
          const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
          video.srcObject = stream;
          video.hidden = false;
          await video.play();
          const loop = async () => {
            const codes = await detector.detect(video).catch(() => []);
            if (codes.length) {
              input.value = codes[0].rawValue;
              stream.getTracks().forEach((t) => t.stop());
              video.hidden = true;
              await check();
              document.getElementById("item_id").focus();
              return;
            }
            requestAnimationFrame(loop);
          };
          loop();
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
