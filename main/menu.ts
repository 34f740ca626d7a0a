/**
 * The application menu: the platform's standard roles plus File, Edit, Cell and Runtime. Menu
 * items that act on the document send an `AppCommand` to the focused window's renderer, which
 * owns the document. The Cell shortcuts are shown but not registered with the system: the editor
 * handles them, so Shift+Enter in a text field still types a new line.
 */

import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../common/bridge/contract.ts';

export interface MenuActions {
  readonly send: (command: AppCommand) => void;
  readonly newWindow: () => void;
}

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const command = (label: string, id: AppCommand, accelerator?: string, registerAccelerator = true): MenuItemConstructorOptions => ({
    label,
    id,
    ...(accelerator ? { accelerator, registerAccelerator } : {}),
    click: () => actions.send(id),
  });
  /** For `registerAccelerator`: a shortcut the renderer handles, shown in the menu only. */
  const rendererHandles = false;
  const mac = platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Notebook', id: 'file.newWindow', accelerator: 'CmdOrCtrl+N', click: () => actions.newWindow() },
        command('Open…', 'file.open', 'CmdOrCtrl+O'),
        { role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] },
        { type: 'separator' },
        command('Save', 'file.save', 'CmdOrCtrl+S'),
        command('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        command('Export as Jupyter Notebook…', 'file.exportIpynb'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Cell',
      submenu: [
        command('Run Cell', 'cell.run', 'CmdOrCtrl+Enter', rendererHandles),
        command('Run Cell and Advance', 'cell.runAndAdvance', 'Shift+Enter', rendererHandles),
        command('Run All', 'cell.runAll', 'CmdOrCtrl+Shift+Enter', rendererHandles),
        { type: 'separator' },
        command('Insert Code Cell Below', 'cell.insertCodeBelow', 'CmdOrCtrl+Shift+B', rendererHandles),
        command('Insert Markdown Cell Below', 'cell.insertMarkdownBelow', 'CmdOrCtrl+Shift+M', rendererHandles),
        command('Move Cell Up', 'cell.moveUp', 'Alt+Up', rendererHandles),
        command('Move Cell Down', 'cell.moveDown', 'Alt+Down', rendererHandles),
        command('Delete Cell', 'cell.delete', 'CmdOrCtrl+Shift+Backspace', rendererHandles),
      ],
    },
    {
      label: 'Runtime',
      submenu: [
        command('Interrupt', 'runtime.interrupt', 'CmdOrCtrl+.', rendererHandles),
        command('Restart…', 'runtime.restart'),
        command('Restart and Run All…', 'runtime.restartAndRunAll'),
        command('Clear All Outputs', 'runtime.clearAllOutputs'),
        command('Disconnect', 'runtime.disconnect'),
      ],
    },
    {
      label: 'View',
      submenu: [
        command('Command Palette…', 'view.commandPalette', 'CmdOrCtrl+Shift+P', rendererHandles),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
