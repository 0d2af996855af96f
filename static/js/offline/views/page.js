// The whole page after any change: the sync bar (pending count, last sync), who is signed in, the
// other users' entries kept on the device, the lists and the sync notes.
import { $, $$, el } from "../dom.js";
import { fmt, showDateTime, T } from "../format.js";
import { mine, notices, others } from "../outbox.js";
import { S } from "../state.js";
import { kvGet } from "../storage.js";
import { renderCaseload } from "./caseload.js";
import { renderDisaster } from "./disaster.js";
import { renderOutbox } from "./outbox.js";
import { fillSelects } from "./reference.js";

export async function renderPage() {
  const list = await mine();
  const foreign = await others();
  $("#pending-count").textContent = fmt("pending", { n: list.length });
  const last = await kvGet("lastSync");
  $("#last-sync").textContent = fmt("synced_at", { when: last ? showDateTime(last) : T.never });
  $("#who").textContent = S.user ? (S.user.full_name || S.user.username) : "";
  $("#logout").hidden = !S.user;
  const otherBox = $("#other-user");
  otherBox.hidden = !foreign.length;
  if (foreign.length) otherBox.textContent = fmt("other_user", { n: foreign.length, username: foreign[0].owner_name });
  const enabled = Boolean(S.user);
  $$("#sync-now, #take-offline, #take-events, .app-tabs button").forEach((b) => { b.disabled = !enabled; });
  fillSelects();
  await renderCaseload();
  renderDisaster();
  renderOutbox(list);
  $("#notices").replaceChildren(...(await notices()).map((n) => el("li", { class: "app-item" }, el("small", {}, showDateTime(n.at)), " ", n.text)));
}
