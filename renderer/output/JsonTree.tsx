/**
 * A JSON output (`json(value)`) as a tree: objects and arrays fold, the root open and the rest
 * closed; a node with many children shows the first 100 and more on request.
 */

import { useMemo, useState } from 'react';

const childrenShown = 100;

function Scalar({ value }: { readonly value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  return <span>{String(value)}</span>;
}

function JsonNode({ name, value, depth }: { readonly name: string | undefined; readonly value: unknown; readonly depth: number }) {
  const [open, setOpen] = useState(depth === 0);
  const [limit, setLimit] = useState(childrenShown);
  const key = name === undefined ? null : <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="json-line">
        {key}
        <Scalar value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const summary = isArray ? `Array(${entries.length})` : `{…} ${entries.length} ${entries.length === 1 ? 'key' : 'keys'}`;
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {key}
        <span className="json-summary">{isArray ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <div className="json-node">
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="json-arrow">{open ? '▾' : '▸'}</span> {key}
        <span className="json-summary">{summary}</span>
      </button>
      {open && (
        <div className="json-children">
          {entries.slice(0, limit).map(([childName, child]) => (
            <JsonNode key={childName} name={childName} value={child} depth={depth + 1} />
          ))}
          {entries.length > limit && (
            <button type="button" className="json-more" onClick={() => setLimit(limit + childrenShown * 5)}>
              … {entries.length - limit} more
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function JsonTree({ data }: { readonly data: string }) {
  const parsed = useMemo((): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(data) as unknown };
    } catch {
      return { ok: false };
    }
  }, [data]);
  return (
    <div className="output output-json" data-output="json">
      {parsed.ok ? <JsonNode name={undefined} value={parsed.value} depth={0} /> : <pre className="output-text">{data}</pre>}
    </div>
  );
}
