// The offline app's shared state: who is signed in, the token, the reference and disaster bundles,
// and the sync loop's flags. One object, read and written by the modules (docs/offline.md "The app").

export const S = {
  user: null, token: null, csrf: null, deviceId: null, ref: null, disaster: null,
  syncing: false, failures: 0, timer: null,
};
