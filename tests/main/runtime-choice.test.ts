/**
 * The desktop app's choice of Node for a runtime: Electron's own, or the user's, which native
 * addons need. Real folders, the real Node running these tests as "the user's", real runtimes.
 */

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { runtimeEntry } from '../../host/paths.ts';
import { RuntimeClient } from '../../host/runtime-client.ts';
import { hasNativeAddons } from '../../main/native-addons.ts';
import { choosingLauncher, nodeFor, notebookRuntimeChoice, RuntimeChoiceSetting } from '../../main/runtime-choice.ts';
import { findUserNode, type UserNode } from '../../main/user-node.ts';
import { utilityProcessLauncher } from '../../main/utility-process-launcher.ts';

function notebookFolder(withAddon: boolean): string {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-choice-'));
  const release = join(folder, 'node_modules', '@scope', 'native-thing', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  writeFileSync(join(folder, 'node_modules', '@scope', 'native-thing', 'index.js'), '');
  if (withAddon) writeFileSync(join(release, 'addon.node'), '');
  return folder;
}

const user: UserNode = { path: process.execPath, version: process.version };

describe('the Node a runtime runs on', () => {
  test('is found on PATH: the user’s own, with its version', () => {
    assert.deepEqual(findUserNode(dirname(process.execPath)), { path: process.execPath, version: process.version });
  });

  test('native addons are found in node_modules, scoped packages too', () => {
    assert.equal(hasNativeAddons(notebookFolder(true)), true);
    assert.equal(hasNativeAddons(notebookFolder(false)), false);
    assert.equal(hasNativeAddons(join(tmpdir(), 'no-such-folder')), false);
  });

  test('automatic: the user’s Node where node_modules has native addons, Electron’s elsewhere', () => {
    assert.equal(nodeFor('automatic', user, notebookFolder(true)), 'user');
    assert.equal(nodeFor('automatic', user, notebookFolder(false)), 'electron');
    assert.equal(nodeFor('automatic', undefined, notebookFolder(true)), 'electron');
    assert.equal(nodeFor('user', user, notebookFolder(false)), 'user');
    assert.equal(nodeFor('electron', user, notebookFolder(true)), 'electron');
  });

  test('the chosen Node runs the runtime, and says which it is', async () => {
    const folder = notebookFolder(true);
    const launcher = choosingLauncher({ electron: utilityProcessLauncher(runtimeEntry()), userNode: user, choice: () => 'automatic' });
    const client = await RuntimeClient.start(launcher, { cwd: folder });
    try {
      assert.equal(client.node, `Node ${process.version} (yours, ${process.execPath})`);
      const response = await client.evaluateAndWait({ containerRef: 'main', evaluationRef: 'e1', prevEvaluationRef: null, code: 'process.execPath', options: { language: 'js', notebookDir: folder } });
      assert.ok(response.result.ok && response.result.value.text.includes(process.execPath));
    } finally {
      await client.disconnect();
      client.dispose();
    }
    const electron = await RuntimeClient.start(launcher, { cwd: notebookFolder(false) });
    try {
      assert.equal(electron.node, `Node ${process.version} (Electron's)`);
    } finally {
      await electron.disconnect();
      electron.dispose();
    }
  });

  test('a notebook may choose for itself, in its tessera:notebook comment', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tessera-notebook-choice-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(folder, name), text);
      return join(folder, name);
    };
    assert.equal(notebookRuntimeChoice(write('user.tsnb', '# Mine\n\n<!-- tessera:notebook {"runtime":"user"} -->\n\n```js\n1\n```\n')), 'user');
    assert.equal(notebookRuntimeChoice(write('none.tsnb', '# Mine\n\n```js\n1\n```\n')), undefined);
    assert.equal(notebookRuntimeChoice(write('odd.tsnb', '# Mine\n\n<!-- tessera:notebook {"runtime":"deno"} -->\n')), undefined);
    assert.equal(notebookRuntimeChoice(join(folder, 'missing.tsnb')), undefined);
    assert.equal(notebookRuntimeChoice(null), undefined);
  });

  test('the setting is remembered, and an unreadable one is automatic', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tessera-settings-')), 'settings.json');
    assert.equal(new RuntimeChoiceSetting(file).get(), 'automatic');
    new RuntimeChoiceSetting(file).set('user');
    assert.equal(new RuntimeChoiceSetting(file).get(), 'user');
    writeFileSync(file, '{not json');
    assert.equal(new RuntimeChoiceSetting(file).get(), 'automatic');
  });
});
