import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { operationFromRuntimeMessage, toRuntimeRequest } from '../../../common/session/driver.ts';

describe('toRuntimeRequest', () => {
  test('adds the notebook folder to an evaluate action', () => {
    const request = toRuntimeRequest(
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e2', prevEvaluationRef: 'e1', code: 'x', language: 'ts' },
      '/home/me/notes',
    );
    assert.deepEqual(request, {
      type: 'evaluate',
      containerRef: 'main',
      evaluationRef: 'e2',
      prevEvaluationRef: 'e1',
      code: 'x',
      options: { language: 'ts', notebookDir: '/home/me/notes' },
    });
  });

  test('sends forget, drop and interrupt as they are', () => {
    assert.deepEqual(toRuntimeRequest({ type: 'forget', containerRef: 'main', evaluationRef: 'e1' }, '/'), {
      type: 'forget',
      containerRef: 'main',
      evaluationRef: 'e1',
    });
    assert.deepEqual(toRuntimeRequest({ type: 'drop', containerRef: 'main' }, '/'), { type: 'drop', containerRef: 'main' });
    assert.deepEqual(toRuntimeRequest({ type: 'interrupt', containerRef: 'main' }, '/'), {
      type: 'interrupt',
      containerRef: 'main',
    });
  });
});

describe('operationFromRuntimeMessage', () => {
  test('reports ready as runtimeConnected', () => {
    assert.deepEqual(operationFromRuntimeMessage({ type: 'ready', pid: 7, nodeVersion: 'v20.0.0' }), {
      type: 'runtimeConnected',
    });
  });

  test('reports a response as evaluationResponded', () => {
    const metadata = { durationMs: 3, defined: ['x'], used: [] };
    const result = { ok: true, value: { text: '1' } } as const;
    assert.deepEqual(
      operationFromRuntimeMessage({ type: 'response', containerRef: 'main', evaluationRef: 'e1', result, metadata }),
      { type: 'evaluationResponded', containerRef: 'main', evaluationRef: 'e1', result, metadata },
    );
  });

  test('reports output of an evaluation as outputReceived, and ignores output of none', () => {
    const outputs = [{ kind: 'text', stream: 'stdout', text: 'hi' }] as const;
    assert.deepEqual(
      operationFromRuntimeMessage({ type: 'output', containerRef: 'main', evaluationRef: 'e1', late: true, outputs }),
      { type: 'outputReceived', containerRef: 'main', evaluationRef: 'e1', outputs },
    );
    assert.equal(
      operationFromRuntimeMessage({ type: 'output', containerRef: 'main', evaluationRef: null, late: true, outputs }),
      undefined,
    );
  });

  test('reports container_down as containerDown, and ignores memory and pong', () => {
    assert.deepEqual(
      operationFromRuntimeMessage({ type: 'container_down', containerRef: 'main', reason: 'out_of_memory', message: 'Out of memory' }),
      { type: 'containerDown', containerRef: 'main' },
    );
    assert.equal(operationFromRuntimeMessage({ type: 'memory', rssBytes: 1, containers: [] }), undefined);
    assert.equal(operationFromRuntimeMessage({ type: 'pong', id: 1 }), undefined);
  });
});
