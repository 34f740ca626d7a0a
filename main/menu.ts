/**
 * The application menu: the platform's standard roles plus File, Edit, Cell and Runtime. Menu
 * items that act on the document send an `AppCommand` to the focused window's renderer, which
 * owns the document.
 *
 * The Cell, Runtime and palette shortcuts belong to the renderer (the editor handles them, so
 * Shift+Enter in a text field still types a new line). On Linux and Windows the menu shows them
 * without registering them (`registerAccelerator: false`); macOS has no such option, and a
 * shortcut in its menu fires the item, so there they are not in the menu at all (the command
 * palette lists them). "Open Recent" is the system's list on macOS (its roles exist there only)
 * and the app's own list elsewhere.
 */

import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../common/bridge/contract.ts';
import type { RuntimeChoice } from './runtime-choice.ts';
import type { UserNode } from './user-node.ts';

export interface MenuActions {
  readonly send: (command: AppCommand) => void;
  readonly newWindow: () => void;
  /** The recent files, newest first, for Linux's and Windows' Open Recent. */
  readonly recent: readonly string[];
  readonly openRecent: (path: string) => void;
  /** Which Node new runtimes run on (main/runtime-choice.ts), and the user's own if there is one. */
  readonly runtime: { readonly choice: RuntimeChoice; readonly userNode: UserNode | undefined; readonly choose: (choice: RuntimeChoice) => void };
}

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const command = (label: string, id: AppCommand, accelerator?: string, registerAccelerator = true): MenuItemConstructorOptions => ({
    label,
    id,
    ...(accelerator && (registerAccelerator || !mac) ? { accelerator, registerAccelerator } : {}),
    click: () => actions.send(id),
  });
  /** For `registerAccelerator`: a shortcut the renderer handles, shown in the menu only. */
  const rendererHandles = false;
  const nodeChoice = (label: string, choice: RuntimeChoice): MenuItemConstructorOptions => ({
    label,
    id: `runtime.node.${choice}`,
    type: 'radio',
    checked: actions.runtime.choice === choice,
    enabled: choice !== 'user' || actions.runtime.userNode !== undefined,
    click: () => actions.runtime.choose(choice),
  });
  const openRecent: MenuItemConstructorOptions = mac
    ? { role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] }
    : {
        label: 'Open Recent',
        id: 'file.openRecent',
        enabled: actions.recent.length > 0,
        submenu: actions.recent.map((path) => ({ label: path, click: () => actions.openRecent(path) })),
      };
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Notebook', id: 'file.newWindow', accelerator: 'CmdOrCtrl+N', click: () => actions.newWindow() },
        command('Open…', 'file.open', 'CmdOrCtrl+O'),
        openRecent,
        { type: 'separator' },
        command('Save', 'file.save', 'CmdOrCtrl+S'),
        command('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        command('Export as Web Page…', 'file.exportHtml'),
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
        { type: 'separator' },
        { label: 'Node for new runtimes (Restart applies it)', enabled: false },
        nodeChoice('Automatic: yours where node_modules has native addons', 'automatic'),
        nodeChoice("Electron's built-in Node", 'electron'),
        nodeChoice(actions.runtime.userNode ? `Yours: ${actions.runtime.userNode.version}, ${actions.runtime.userNode.path}` : 'Yours: no Node found on PATH', 'user'),
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
