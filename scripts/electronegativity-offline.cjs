// Preloaded (node --require) into the Electronegativity process by scripts/electronegativity.mjs.
//
// Electronegativity fetches two things over HTTP on every run: updated message translations
// (twice, with retries) and, for a check the wrapper disables, Electron's release list. The scan
// needs neither: English messages ship with it. Offline, each fetch costs seconds of retries (tens
// of seconds when several scans run at once), and online its results would vary from run to run.
// So its HTTP client, `got`, is replaced for that process by one that fails at once; Electronegativity
// then falls back to its bundled messages, as it does on any network error. Nothing else changes.

const { dirname } = require('node:path');

const electronegativity = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [electronegativity] });

function offline() {
  return Promise.reject(Object.assign(new Error('Electronegativity runs offline in Tessera'), { code: 'EOFFLINE' }));
}
offline.default = offline;
Object.defineProperty(offline, '__esModule', { value: true });

require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
