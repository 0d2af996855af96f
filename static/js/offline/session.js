// Who is signed in and the app's bearer token; device hygiene (docs/offline.md "Device hygiene"): the
// device holds one user's data. When the server says nobody (or somebody else) is signed in, what was
// downloaded and the token are wiped; the outbox stays, tagged with its owner.
import { $, el } from "./dom.js";
import { fmt, T } from "./format.js";
import { mine } from "./outbox.js";
import { render } from "./render.js";
import { S } from "./state.js";
import { clear, del, kvSet } from "./storage.js";

export async function fetchSession() {
  const res = await fetch("/aplikasi/sesi", { credentials: "same-origin", cache: "no-store" });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error("session " + res.status);
  return res.json();
}

// A new bearer token from the web session (POST /aplikasi/token); false when nobody is signed in.
export async function obtainToken() {
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

export function needLogin(key) {
  $("#login-text").textContent = T[key];
  $("#login-banner").hidden = false;
}

// Wipe what was downloaded for the user; keep the outbox (tagged with its owner).
export async function wipeUserData() {
  await clear("persons");
  await clear("cases");
  for (const k of ["token", "user", "ref", "lastSync", "notices", "disaster"]) await del("kv", k);
  S.disaster = null;
  S.user = null; S.token = null; S.ref = null;
}

export async function switchUser(info) {
  await wipeUserData();
  S.user = info.user;
  await kvSet("user", info.user);
}

// "Keluar": confirm when changes are pending, wipe the user's data, sign out of the web session.
export async function logout() {
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
