// What the app shows (../format.js): dates as dd/mm/yyyy, today on the device, strings, NIK, labels.
import { categoryName, fmt, loadStrings, maskNik, parseDay, serviceName, showDate, showDateTime, T, today, villageName, villageOption } from "../format.js";
import { S } from "../state.js";
import { deepEqual, equal, ok } from "./assert.js";

const pad = (n) => String(n).padStart(2, "0");

export const tests = {
  "showDate: yyyy-mm-dd as dd/mm/yyyy, nothing for no date": async () => {
    equal(showDate("2024-03-09"), "09/03/2024");
    equal(showDate("1944-12-31"), "31/12/1944");
    equal(showDate(""), "");
    equal(showDate(null), "");
    equal(showDate(undefined), "");
  },
  "showDateTime: a moment in the device's time as dd/mm/yyyy hh.mm": async () => {
    equal(showDateTime(new Date(2024, 2, 9, 7, 5).toISOString()), "09/03/2024 07.05");
    equal(showDateTime(new Date(2023, 11, 31, 23, 59).toISOString()), "31/12/2023 23.59");
  },
  "today: the device's own date, yyyy-mm-dd": async () => {
    const d = new Date();
    const local = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
    ok(today() === local || new Date().getDate() !== d.getDate(), today() + " is not " + local);
    ok(/^\d{4}-\d{2}-\d{2}$/.test(today()));
  },
  "fmt: fills {placeholders}, an unknown one is left empty": async () => {
    T.sync_done = "Sinkronisasi selesai: {applied} diterima, {conflicts} konflik.";
    equal(fmt("sync_done", { applied: 4, conflicts: 0 }), "Sinkronisasi selesai: 4 diterima, 0 konflik.");
    equal(fmt("sync_done", { applied: 1 }), "Sinkronisasi selesai: 1 diterima,  konflik.");
  },
  "loadStrings: the page's JSON strings": async () => {
    const node = document.createElement("script");
    node.type = "application/json";
    node.textContent = JSON.stringify({ never: "belum pernah" });
    loadStrings(node);
    equal(T.never, "belum pernah");
  },
  "parseDay: dd/mm/yyyy typed by a person, to the ISO date the server takes": async () => {
    equal(parseDay("17/05/1944"), "1944-05-17");
    equal(parseDay("7/5/1944"), "1944-05-07");
    equal(parseDay("17051944"), "1944-05-17");
    equal(parseDay("1944-05-17"), "1944-05-17");
    equal(parseDay(""), "");
    equal(parseDay("31/02/2026"), null);  // not a day
    equal(parseDay("05/17/1944"), null);  // mm/dd is not read as a date
    equal(parseDay("kemarin"), null);
  },
  "maskNik: only the region digits shown, only for a 16-digit NIK": async () => {
    equal(maskNik("1872011203410001"), "187201**********");
    equal(maskNik("12345"), "");
    equal(maskNik(null), "");
  },
  "labels: names from the reference bundle, the code without one": async () => {
    S.ref = {
      categories: [{ code: "lanjut_usia_terlantar", name: "Lanjut usia terlantar" }],
      service_types: [{ code: "permakanan", name: "Penyediaan Permakanan" }],
      villages: [{ code: "18.72.01.1003", name: "Imopuro", district: "Metro Pusat" }, { code: "18.72.01.1004", name: "Hadimulyo" }],
    };
    deepEqual([categoryName("lanjut_usia_terlantar"), categoryName("other")], ["Lanjut usia terlantar", "other"]);
    deepEqual([serviceName("permakanan"), serviceName("x")], ["Penyediaan Permakanan", "x"]);
    deepEqual([villageName("18.72.01.1003"), villageName("18.72.01.1004"), villageName("9"), villageName(null)],
      ["Imopuro, Metro Pusat", "Hadimulyo", "9", ""]);
    deepEqual(villageOption(S.ref.villages[0]), ["18.72.01.1003", "Imopuro (Metro Pusat)"]);
    S.ref = null;
    equal(categoryName("lanjut_usia_terlantar"), "lanjut_usia_terlantar");
  },
};
