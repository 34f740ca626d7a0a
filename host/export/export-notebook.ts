/**
 * A notebook in each format it can be exported to, for `tessera export` and the UI's Export
 * command alike.
 */

import type { ExportFormat } from '../../common/bridge/contract.ts';
import { exportIpynb } from '../../common/notebook/ipynb.ts';
import { notebookExtension, serializeNotebook } from '../../common/notebook/markdown-write.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { exportHtml } from './notebook-html.ts';

export const exportExtensions: Readonly<Record<ExportFormat, string>> = { html: '.html', ipynb: '.ipynb', tsnb: notebookExtension };

export function exportNotebook(notebook: Notebook, format: ExportFormat): string {
  switch (format) {
    case 'html':
      return exportHtml(notebook);
    case 'ipynb':
      return exportIpynb(notebook);
    case 'tsnb':
      return serializeNotebook(notebook);
  }
}
