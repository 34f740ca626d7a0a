/**
 * A table output (`table(rows)`): a real `<table>` with a header, rendering the first 100 rows and
 * more on request; the note under it says how many rows are not shown, and how many the runtime
 * did not send (it sends the first 1 000).
 */

import { useMemo, useState } from 'react';
import { parseTable } from './rich.ts';

const firstRows = 100;
const moreRows = 400;

export function TableOutput({ data }: { readonly data: string }) {
  const table = useMemo(() => parseTable(data), [data]);
  const [shown, setShown] = useState(firstRows);
  if (table === undefined) return <pre className="output output-value">Not a table: {data.slice(0, 200)}</pre>;
  const rows = table.rows.slice(0, shown);
  const hidden = table.totalRows - rows.length;
  const notSent = table.totalRows - table.rows.length;
  return (
    <div className="output output-table" data-output="table">
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th className="row-number" aria-label="Row" />
              {table.columns.map((column, index) => (
                <th key={index}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td className="row-number">{index}</td>
                {table.columns.map((_, column) => {
                  const cell = row[column] ?? null;
                  return (
                    <td key={column} className={cell === null ? 'cell-null' : typeof cell === 'number' ? 'cell-number' : typeof cell === 'boolean' ? 'cell-boolean' : undefined}>
                      {cell === null ? '' : String(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 && (
        <div className="table-more">
          {hidden.toLocaleString('en')} more {hidden === 1 ? 'row' : 'rows'}
          {notSent > 0 && ` (the runtime sent the first ${table.rows.length.toLocaleString('en')})`}
          {rows.length < table.rows.length && (
            <button type="button" className="icon-button" onClick={() => setShown(shown + moreRows)}>
              Show {Math.min(moreRows, table.rows.length - rows.length)} more
            </button>
          )}
        </div>
      )}
    </div>
  );
}
