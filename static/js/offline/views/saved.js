// After a form is saved on the device: the message, back to the list, and a sync when online.
import { say, show } from "../dom.js";
import { T } from "../format.js";
import { render } from "../render.js";
import { syncNow } from "../sync.js";

export async function afterSave(view = "caseload") {
  say(T.saved);
  show(view);
  await render();
  if (navigator.onLine) syncNow();
}
