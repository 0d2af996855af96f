// IndexedDB of the offline app: `kv` (device id, user, token, reference and disaster bundles, last sync,
// notes), `persons`, `cases` and the `outbox` (docs/offline.md "The app").

let dbName = "lindung-offline";
let dbPromise = null;

// The unit tests (static/js/offline/tests/) work in their own database, never in the app's.
export function useDatabase(name) {
  if (dbPromise) dbPromise.then((db) => db.close());
  dbName = name;
  dbPromise = null;
}

export async function dropDatabase() {
  if (dbPromise) (await dbPromise).close();
  dbPromise = null;
  await new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore("kv", { keyPath: "k" });
        db.createObjectStore("persons", { keyPath: "id" });
        db.createObjectStore("cases", { keyPath: "id" });
        db.createObjectStore("outbox", { keyPath: "op_id" });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return dbPromise;
}

async function run(store, mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const result = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

export const all = (store) => run(store, "readonly", (s) => s.getAll());
export const get = (store, key) => run(store, "readonly", (s) => s.get(key));
export const put = (store, value) => run(store, "readwrite", (s) => s.put(value));
export const del = (store, key) => run(store, "readwrite", (s) => s.delete(key));
export const clear = (store) => run(store, "readwrite", (s) => s.clear());
export const kvGet = async (k) => { const row = await get("kv", k); return row ? row.v : null; };
export const kvSet = (k, v) => put("kv", { k, v });

// The downloaded caseload replaces the one before in ONE transaction (persons, cases and the staged
// pages in `kv`): a break half-way leaves the old caseload whole. Records made on the device stay.
export async function swapDownloaded(persons, cases) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(["persons", "cases", "kv"], "readwrite");
    for (const [name, rows] of [["persons", persons], ["cases", cases]]) {
      const store = tx.objectStore(name);
      store.openCursor().onsuccess = (ev) => {
        const cur = ev.target.result;
        if (cur) { if (!cur.value.local) cur.delete(); cur.continue(); return; }
        for (const row of rows) store.put({ ...row, local: false });
      };
    }
    tx.objectStore("kv").delete("caseload_partial");
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
