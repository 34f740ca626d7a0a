/**
 * Rich outputs as the renderer shows them: the plain text a rich output copies as, and a table's data.
 */

import { isBinaryMime, type SavedOutput } from '../../common/notebook/model.ts';
import type { TableDataDto } from '../../common/protocol/runtime.ts';

export const tableMime = 'application/vnd.tessera.table+json';

export function richAsText(output: Extract<SavedOutput, { kind: 'rich' }>): string {
  if (isBinaryMime(output.mime)) return `[${output.mime} image]`;
  const table = output.mime === tableMime ? parseTable(output.data) : undefined;
  return table === undefined ? output.data : tableAsTsv(table);
}

/**
 * A table as tab-separated values, what spreadsheets paste into cells: a header line, then a line
 * per row; tabs and line breaks inside a cell become spaces, since TSV has no quoting.
 */
export function tableAsTsv(table: TableDataDto): string {
  const field = (value: string | number | boolean | null) => (value === null ? '' : String(value)).replace(/[\t\r\n]+/g, ' ');
  return [table.columns, ...table.rows].map((row) => row.map(field).join('\t')).join('\n');
}

/** A table's data, or undefined when it is not one (a file edited by hand). */
export function parseTable(data: string): TableDataDto | undefined {
  try {
    const table = JSON.parse(data) as Partial<TableDataDto>;
    if (!Array.isArray(table.columns) || !Array.isArray(table.rows)) return undefined;
    const rows = table.rows.filter((row) => Array.isArray(row));
    return { columns: table.columns.map(String), rows, totalRows: typeof table.totalRows === 'number' ? table.totalRows : rows.length };
  } catch {
    return undefined;
  }
}
