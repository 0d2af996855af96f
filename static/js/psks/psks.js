// PSKS register: the institution form shows "existing LKS" only for an LKS.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const kind = document.querySelector("[data-org-kind]");
  const only = document.querySelector("[data-lks-only]");
  if (!kind || !only) return;
  const show = () => { only.hidden = kind.value !== "lks"; };
  kind.addEventListener("change", show);
  show();
});
