// Plain assertions for the modules' unit tests: each throws an AssertionError saying what differed.

export class AssertionError extends Error {
  get name() { return "AssertionError"; }
}

const canonical = (value) => JSON.stringify(value, (_, v) => (v && typeof v === "object" && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));

const prefix = (message) => (message ? message + ": " : "");

export function ok(value, message = "expected a true value") {
  if (!value) throw new AssertionError(message);
}

export function equal(actual, expected, message) {
  if (!Object.is(actual, expected)) throw new AssertionError(prefix(message) + `${canonical(actual)} !== ${canonical(expected)}`);
}

// The same JSON value (objects compared without regard to key order).
export function deepEqual(actual, expected, message) {
  const a = canonical(actual), e = canonical(expected);
  if (a !== e) throw new AssertionError(prefix(message) + `${a} !== ${e}`);
}

export async function rejects(promise, check = () => true, message = "expected a rejection") {
  let error = null;
  try { await promise; } catch (err) { error = err; }
  if (!error) throw new AssertionError(message);
  if (!check(error)) throw new AssertionError(prefix(message) + "unexpected error " + error);
  return error;
}
