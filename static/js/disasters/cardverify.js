// Lindung aid cards, shared by the distribution page (static/js/disasters/disasters.js) and the offline app
// (static/js/offline/app.js): offline verification of signed card tokens (WebCrypto Ed25519) and the
// QR scanner (the browser's BarcodeDetector; no CDN). A token is LDG1.<payload>.<signature> (base64url).
"use strict";

window.LindungCards = (() => {
  function b64urlToBytes(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // keys: {keys: [{key_id, public_key}], revoked: [card ids]}.
  // Returns {ok, payload, reason}; ok null with reason "unsupported" when the browser lacks Ed25519.
  async function verifyOffline(token, keys) {
    const parts = (token || "").trim().split(".");
    if (parts.length !== 3 || parts[0] !== "LDG1") return { ok: false, reason: "format" };
    let payload;
    try { payload = JSON.parse(new TextDecoder().decode(b64urlToBytes(parts[1]))); } catch (e) { return { ok: false, reason: "format" }; }
    const key = keys && keys.keys && keys.keys.find((k) => k.key_id === payload.k);
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

  const cameraAvailable = () => "BarcodeDetector" in window && Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);

  // Scan one QR code with the camera into `video`; calls onCode(text). Rejects when no camera/detector.
  async function scanOnce(video, onCode) {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const loop = async () => {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        stream.getTracks().forEach((t) => t.stop());
        video.hidden = true;
        onCode(codes[0].rawValue);
        return;
      }
      requestAnimationFrame(loop);
    };
    loop();
  }

  return { b64urlToBytes, verifyOffline, cameraAvailable, scanOnce };
})();
