#!/usr/bin/env node
// The `tessera` command. The CLI is bundled into out/ by `npm run build` (npm ci runs it too).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'cli.cjs');
if (!existsSync(cli)) {
  console.error('tessera: the build output is missing; run `npm run build` in the Tessera folder first.');
  process.exit(2);
}
require(cli);
