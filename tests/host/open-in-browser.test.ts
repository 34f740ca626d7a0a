/**
 * `tessera serve --open` hands the browser a page that leads on to the URL, so the token is on no
 * command line: the page is readable by this user only, and gone when the server stops.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, test } from 'node:test';
import { writeLaunchPage } from '../../host/serve/open-in-browser.ts';

describe('tessera serve --open', () => {
  test('the launch page leads to the URL, is readable by the user alone, and its path carries no token', () => {
    const url = 'http://127.0.0.1:4321/#token=secret-token-"<&';
    const page = writeLaunchPage(url);
    try {
      assert.ok(!page.file.includes('secret-token'));
      const html = readFileSync(page.file, 'utf8');
      assert.ok(html.includes(JSON.stringify(url).replaceAll('<', '\\u003c')), 'the script leads to the URL');
      assert.ok(html.includes('content="0;url=http://127.0.0.1:4321/#token=secret-token-&quot;&lt;&amp;"'), 'the refresh does too');
      if (process.platform !== 'win32') assert.equal(statSync(page.file).mode & 0o077, 0, 'no one else may read it');
    } finally {
      page.remove();
    }
    assert.equal(existsSync(page.file), false);
  });
});
