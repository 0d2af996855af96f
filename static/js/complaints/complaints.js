// Complaints desk: the receipt's print button, and the status form showing only the fields a move needs.
"use strict";

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("[data-status-select]");
  if (!select) return;
  const show = () => {
    const v = select.value;
    document.querySelectorAll("[data-for-status]").forEach((el) => {
      el.hidden = !el.dataset.forStatus.split(" ").includes(v);
    });
  };
  select.addEventListener("change", show);
  show();
});
