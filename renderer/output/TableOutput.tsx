/**
 * A table output (`table(rows)`): a real `<table>` with a header that stays in view. A long table
 * scrolls in a box of its own and renders only the rows in view (and a margin around them), with
 * spacer rows holding the place of the others, so 100 000 rows scroll as smoothly as ten. Its
 * columns take widths from the header and a sample of the rows, fixed, so that they do not jump
 * while rows come and go. The note under it says how many rows the runtime did not send.
 */

import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TableDataDto } from '../../common/protocol/runtime.ts';
import { parseTable } from './rich.ts';

/** Up to this many rows, a table renders whole. */
const wholeRows = 100;
/** Rows rendered beyond those in view, above and below. */
const overscanRows = 20;
/** Rows the columns take their widths from, about, besides the header. */
const sampledRows = 1000;
/** The widest a column starts, in characters; its cells' text is cut with an ellipsis past it. */
const widestColumn = 48;
/** A cell's padding left and right (outputs.css). */
const cellPaddingPx = 20;

type Cell = TableDataDto['rows'][number][number];

export function TableOutput({ data }: { readonly data: string }) {
  const table = useMemo(() => parseTable(data), [data]);
  if (table === undefined) return <pre className="output output-value">Not a table: {data.slice(0, 200)}</pre>;
  const notSent = table.totalRows - table.rows.length;
  return (
    <div className="output output-table" data-output="table">
      {table.rows.length > wholeRows ? (
        <LongTable table={table} />
      ) : (
        <div className="table-scroll">
          <Rows table={table} first={0} last={table.rows.length} />
        </div>
      )}
      {notSent > 0 && (
        <div className="table-more">
          {notSent.toLocaleString('en')} more {notSent === 1 ? 'row' : 'rows'} not shown: the runtime sent the first {table.rows.length.toLocaleString('en')} of{' '}
          {table.totalRows.toLocaleString('en')}
        </div>
      )}
    </div>
  );
}

function LongTable({ table }: { readonly table: TableDataDto }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The height of a row as drawn: measured once the first rows are, estimated until then.
  const [rowHeight, setRowHeight] = useState(25);
  const [viewHeight, setViewHeight] = useState(480);
  useLayoutEffect(() => {
    const element = scroller.current;
    const row = element?.querySelector<HTMLElement>('tbody tr[aria-rowindex]');
    if (element === null || row === null || row === undefined) return;
    setRowHeight(row.getBoundingClientRect().height || 25);
    setViewHeight(element.clientHeight);
  }, []);
  const widths = useMemo(() => columnWidths(table), [table]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscanRows);
  const last = Math.min(table.rows.length, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscanRows);
  return (
    <div ref={scroller} className="table-scroll table-virtual" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <Rows table={table} first={first} last={last} rowHeight={rowHeight} widths={widths} />
    </div>
  );
}

/**
 * The table with its rows `first` to `last`. Given a row height, the rows before and after are
 * spacers of their height; given widths, the columns are fixed to them.
 */
function Rows({
  table,
  first,
  last,
  rowHeight,
  widths,
}: {
  readonly table: TableDataDto;
  readonly first: number;
  readonly last: number;
  readonly rowHeight?: number;
  readonly widths?: readonly number[];
}) {
  const rows = [];
  for (let index = first; index < last; index++) {
    const row = table.rows[index] ?? [];
    rows.push(
      // Stripes by the row's own number: spacers would shift :nth-child as rows come and go.
      <tr key={index} aria-rowindex={index + 2} className={index % 2 === 1 ? 'stripe' : undefined}>
        <td className="row-number">{index}</td>
        {table.columns.map((_, column) => (
          <TableCell key={column} cell={row[column] ?? null} />
        ))}
      </tr>,
    );
  }
  const spacer = (count: number, key: string) =>
    rowHeight !== undefined && count > 0 ? <tr key={key} className="table-spacer" aria-hidden="true" style={{ height: count * rowHeight }} /> : null;
  return (
    <table
      aria-rowcount={table.rows.length + 1}
      // Fixed columns, and a table exactly as wide as they are: else the rows in view would widen it.
      style={widths === undefined ? undefined : { tableLayout: 'fixed', width: `calc(${widths.reduce((sum, width) => sum + width, 0)}ch + ${widths.length * cellPaddingPx}px)` }}
    >
      {widths !== undefined && (
        <colgroup>
          {widths.map((width, index) => (
            <col key={index} style={{ width: columnWidth(width) }} />
          ))}
        </colgroup>
      )}
      <thead>
        <tr aria-rowindex={1}>
          <th className="row-number" aria-label="Row" />
          {table.columns.map((column, index) => (
            <th key={index} title={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {spacer(first, 'before')}
        {rows}
        {spacer(table.rows.length - last, 'after')}
      </tbody>
    </table>
  );
}

function TableCell({ cell }: { readonly cell: Cell }) {
  const text = cell === null ? '' : String(cell);
  // One line a row, so that every row has the same height: line breaks show as ↵.
  const line = text.replace(/\r?\n/g, '↵');
  const className = cell === null ? 'cell-null' : typeof cell === 'number' ? 'cell-number' : typeof cell === 'boolean' ? 'cell-boolean' : undefined;
  return (
    <td className={className} title={line.length > widestColumn || line !== text ? text : undefined}>
      {line}
    </td>
  );
}

/** Widths in characters for the row number and each column: their longest text among the header and a sample of rows. */
function columnWidths(table: TableDataDto): number[] {
  const step = Math.max(1, Math.floor(table.rows.length / sampledRows));
  const longest = table.columns.map((column) => column.length + 2);
  // Every one of the rows shown first, then a row in `step` of the rest.
  for (let index = 0; index < table.rows.length; index += index < wholeRows ? 1 : step) {
    const row = table.rows[index] ?? [];
    for (const [column, cell] of row.entries()) {
      const length = cell === null ? 0 : String(cell).length;
      if (length > (longest[column] ?? 0)) longest[column] = length;
    }
  }
  return [String(table.rows.length).length, ...longest].map((characters) => Math.min(widestColumn, Math.max(4, characters)));
}

/** A column of `characters` monospace characters, with its cells' padding. */
function columnWidth(characters: number): string {
  return `calc(${characters}ch + ${cellPaddingPx}px)`;
}
