// The API with the bearer token (../api.js) and the session behind it (../session.js): a new token on a
// 401, the sign-in banner's error, and device hygiene when another user signed in.
import { api } from "../api.js";
import { addOp, mine } from "../outbox.js";
import { obtainToken } from "../session.js";
import { S } from "../state.js";
import { all, kvGet, kvSet, put } from "../storage.js";
import { deepEqual, equal, ok, rejects } from "./assert.js";
import { BUDI, stubFetch, WATI } from "./device.js";

const session = (user) => [200, { user, csrf_token: "csrf-1", can_sync: true }];
const bearer = (call) => call.init.headers && call.init.headers.Authorization;

export const tests = {
  "every call carries the bearer token and JSON": async () => {
    const calls = stubFetch(() => [200, { ok: true }]);
    const res = await api("POST", "/api/v1/sync", { device_id: "device-1", operations: [] });
    deepEqual(await res.json(), { ok: true });
    equal(calls.length, 1);
    deepEqual([calls[0].url, calls[0].init.method, bearer(calls[0]), calls[0].init.headers["Content-Type"]],
      ["/api/v1/sync", "POST", "Bearer token-1", "application/json"]);
    deepEqual(JSON.parse(calls[0].init.body), { device_id: "device-1", operations: [] });
  },
  "a 401: a new token from the web session, the call once more": async () => {
    const calls = stubFetch((url, init) => {
      if (url === "/aplikasi/sesi") return session(WATI);
      if (url === "/aplikasi/token") return [200, { token: "token-2" }];
      return init.headers.Authorization === "Bearer token-2" ? [200, { persons: [] }] : [401, {}];
    });
    const res = await api("GET", "/api/v1/sync/caseload");
    equal(res.status, 200);
    deepEqual(calls.map((c) => c.url), ["/api/v1/sync/caseload", "/aplikasi/sesi", "/aplikasi/token", "/api/v1/sync/caseload"]);
    equal(calls[2].init.headers["X-CSRFToken"], "csrf-1");
    deepEqual([S.token, await kvGet("token")], ["token-2", "token-2"]);
  },
  "a 401 and nobody signed in: an auth error (the app asks to sign in), the outbox kept": async () => {
    await addOp("delivery.create", "d-1", {}, null, "x");
    stubFetch((url) => [401, {}]);
    await rejects(api("GET", "/api/v1/sync/events"), (e) => e.auth === true);
    equal((await mine()).length, 1);
  },
  "a token for another user: the first user's downloads are wiped, their outbox kept": async () => {
    await put("persons", { id: "p-1", nama: "Painem" });
    await kvSet("ref", { categories: [] });
    await addOp("delivery.create", "d-1", {}, null, "wati's");
    stubFetch((url) => (url === "/aplikasi/sesi" ? session(BUDI) : [200, { token: "token-budi" }]));
    ok(await obtainToken());
    deepEqual([S.user.id, S.token, await kvGet("user")], ["u2", "token-budi", BUDI]);
    deepEqual([await all("persons"), await kvGet("ref")], [[], null]);
    deepEqual((await all("outbox")).map((e) => [e.label, e.owner]), [["wati's", "u1"]]);
    deepEqual(await mine(), []);
  },
};
