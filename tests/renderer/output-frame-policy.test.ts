/**
 * The output frame's page carries the policy main/security.ts names for it, and the app page's
 * policy lets that page, and only pages of the app, be framed.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { contentSecurityPolicy, contentSecurityPolicyFor, outputFrameContentSecurityPolicy, outputFramePath } from '../../main/security.ts';
import { repoRoot } from './harness.ts';

const metaPolicy = (file: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(readFileSync(join(repoRoot, file), 'utf8'))?.[1];

describe('the output frame policy', () => {
  test('output-frame.html declares the policy main/security.ts sends for it', () => {
    assert.equal(metaPolicy('renderer/public/output-frame.html'), outputFrameContentSecurityPolicy);
    assert.equal(contentSecurityPolicyFor(outputFramePath), outputFrameContentSecurityPolicy);
    assert.equal(contentSecurityPolicyFor('/index.html'), `${contentSecurityPolicy}; frame-ancestors 'none'`);
  });

  test('lets the output run scripts but reach no network, and the app frame only itself', () => {
    assert.match(outputFrameContentSecurityPolicy, /connect-src 'none'/);
    assert.doesNotMatch(outputFrameContentSecurityPolicy, /https?:|'self'/);
    assert.match(contentSecurityPolicy, /frame-src 'self'(;|$)/);
  });
});
