/**
 * Jupyter's own idea of "the same notebook", for tests: nbformat reads a file, joins its multiline
 * strings (sources, stream text, the text entries of MIME bundles and attachments) and compares
 * the JSON values that result; key order and how strings were split into lines do not matter. And
 * the official nbformat v4 schemas, which the repository keeps (nbformat/README.md).
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';
import { nbformatSchemaPath } from './nbformat/schema.ts';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const joined = (value: unknown): unknown => (Array.isArray(value) && value.every((part) => typeof part === 'string') ? value.join('') : value);
const isJsonMime = (mime: string) => /^application\/(?:.*\+)?json$/.test(mime);

function joinedBundle(bundle: unknown): unknown {
  if (!isRecord(bundle)) return bundle;
  return Object.fromEntries(Object.entries(bundle).map(([mime, value]) => [mime, isJsonMime(mime) ? value : joined(value)]));
}

function joinedAttachments(attachments: unknown): unknown {
  if (!isRecord(attachments)) return attachments;
  return Object.fromEntries(Object.entries(attachments).map(([name, bundle]) => [name, joinedBundle(bundle)]));
}

/** A notebook as nbformat's reader gives it (`rejoin_lines`), from its file text. */
export function nbformatNormal(text: string): unknown {
  const notebook = JSON.parse(text) as Json;
  const cells = Array.isArray(notebook['cells']) ? notebook['cells'] : [];
  return {
    ...notebook,
    cells: cells.map((cell: unknown) => {
      if (!isRecord(cell)) return cell;
      const out: Json = { ...cell, source: joined(cell['source']) };
      if ('attachments' in cell) out['attachments'] = joinedAttachments(cell['attachments']);
      if (Array.isArray(cell['outputs'])) {
        out['outputs'] = cell['outputs'].map((output: unknown) => {
          if (!isRecord(output)) return output;
          const normal: Json = { ...output };
          if ('text' in output) normal['text'] = joined(output['text']);
          if ('data' in output) normal['data'] = joinedBundle(output['data']);
          return normal;
        });
      }
      return out;
    }),
  };
}

export function assertNbformatEqual(actual: string, expected: string, message?: string): void {
  assert.deepStrictEqual(nbformatNormal(actual), nbformatNormal(expected), message);
}

const validators = new Map<number, ValidateFunction>();

/**
 * Fails with the schema's errors when `json` is not valid nbformat 4 — against the schema of its
 * own minor version, as nbformat validates (a newer minor than nbformat knows, against the newest)
 * — or with what to install when the schemas are missing.
 */
export function assertValidNbformat(json: unknown, what = 'the notebook'): void {
  const declared = typeof json === 'object' && json !== null ? (json as Json)['nbformat_minor'] : undefined;
  const minor = typeof declared === 'number' ? Math.min(Math.max(declared, 0), 5) : 5;
  let validator = validators.get(minor);
  if (validator === undefined) {
    const schemaPath = nbformatSchemaPath(minor);
    if (!existsSync(schemaPath)) {
      assert.fail(`The nbformat v4 JSON schema is missing at ${schemaPath}, where the repository keeps it`);
    }
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-04/schema#');
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validators.set(minor, validator);
  }
  if (!validator(json)) assert.fail(`${what} is not valid nbformat 4.${minor}: ${JSON.stringify(validator.errors?.slice(0, 5), null, 1)}`);
}
