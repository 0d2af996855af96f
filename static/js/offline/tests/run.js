// Runs the unit tests of the offline app's modules in the browser (docs/offline.md "Unit tests of the
// modules"). Each suite exports `tests` ({name: async function}) and may export `afterReload`: those run
// on the page's next load in the same tab (what must survive a reload). The results are shown on the page
// and published as window.__results = {phase, done, passed: [names], failed: [{name, message}]}.
import * as api from "./api.test.js";
import * as checks from "./checks.test.js";
import { resetDevice } from "./device.js";
import * as events from "./events.test.js";
import * as format from "./format.test.js";
import * as outbox from "./outbox.test.js";
import * as sync from "./sync.test.js";

const SUITES = { api, checks, events, format, outbox, sync };
const RELOAD_PENDING = "lindung-offline-tests:reload-pending";

async function runAll() {
  const phase = sessionStorage.getItem(RELOAD_PENDING) ? "after-reload" : "first";
  sessionStorage.removeItem(RELOAD_PENDING);
  const results = { phase, done: false, passed: [], failed: [] };
  for (const [suite, module] of Object.entries(SUITES)) {
    const tests = (phase === "first" ? module.tests : module.afterReload) || {};
    for (const [name, fn] of Object.entries(tests)) {
      const label = suite + ": " + name;
      try {
        await resetDevice();
        await fn();
        results.passed.push(label);
      } catch (err) {
        results.failed.push({ name: label, message: String((err && err.stack) || err) });
      }
    }
  }
  if (phase === "first") sessionStorage.setItem(RELOAD_PENDING, "1");
  results.done = true;
  return results;
}

function show(results) {
  document.getElementById("summary").textContent = `${results.phase}: ${results.passed.length} passed, ${results.failed.length} failed`;
  const items = results.failed.map((f) => Object.assign(document.createElement("li"), { className: "error", textContent: "FAIL " + f.name + " — " + f.message }))
    .concat(results.passed.map((name) => Object.assign(document.createElement("li"), { textContent: "ok " + name })));
  document.getElementById("results").replaceChildren(...items);
}

runAll().then((results) => { show(results); window.__results = results; });
