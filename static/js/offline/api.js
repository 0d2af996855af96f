// The API with the app's bearer token: on a 401 a new token is obtained from the web session once;
// if that fails too the error says so (err.auth) and the app asks to sign in again.
import { obtainToken } from "./session.js";
import { S } from "./state.js";

export async function api(method, path, body, retried = false) {
  const res = await fetch(path, {
    method, headers: { "Content-Type": "application/json", Authorization: "Bearer " + S.token },
    body: body ? JSON.stringify(body) : undefined, cache: "no-store",
  });
  if (res.status === 401 && !retried) {
    if (await obtainToken()) return api(method, path, body, true);
    const err = new Error("auth"); err.auth = true; throw err;
  }
  return res;
}

// A token first when the app has none; false when nobody is signed in.
export const haveToken = async () => Boolean(S.token) || obtainToken();
