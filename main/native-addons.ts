/**
 * Whether a folder's node_modules holds native addons (`.node` files): those are built for the
 * user's own Node and fail to load under Electron's, so such a notebook is better run on the
 * user's Node. The search is bounded, so that a huge node_modules does not stall a start.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const maxEntries = 50_000;

export function hasNativeAddons(folder: string): boolean {
  const pending = [join(folder, 'node_modules')];
  let seen = 0;
  while (pending.length > 0 && seen < maxEntries) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      seen++;
      if (entry.isFile() && entry.name.endsWith('.node')) return true;
      if (entry.isDirectory()) pending.push(join(dir, entry.name));
    }
  }
  return false;
}
