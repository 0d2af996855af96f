// Care area: show the institution field only for a placement inside one, and the decline
// reason only when declining. Progressive enhancement: without JS every field stays visible.
"use strict";

function toggleWith(selectId, targetId, showWhen) {
  const select = document.getElementById(selectId);
  const target = document.getElementById(targetId);
  if (!select || !target) return;
  const box = target.closest(".field") || target;
  const update = () => { box.hidden = select.value !== showWhen; };
  select.addEventListener("change", update);
  update();
}

document.addEventListener("DOMContentLoaded", () => {
  toggleWith("pl-setting", "pl-institution_id", "institution");
  toggleWith("decision", "decline_reason", "decline");
  toggleWith("ans-decision", "ans-decline_reason", "decline");
});
