/**
 * Where the built runtime lives. Every Node bundle is written under out/, and so is the runtime,
 * so its entry is found from the package root, in the repository and in a packaged app alike.
 */

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'out'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Tessera's build output (out/) was not found above ${__dirname}: run npm run build`);
  }
}

/**
 * The runtime's entry. In a packaged app it is unpacked from the asar archive: its container
 * workers are started from files, which Node cannot read inside an archive.
 */
export const runtimeEntry = (): string =>
  join(packageRoot(), 'out', 'runtime', 'main.cjs').replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
