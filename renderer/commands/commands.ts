/**
 * Every action of the notebook as a command: a title, its shortcut, and what it does. The command
 * palette lists them all; the global key handler runs those marked `global` from anywhere, editors
 * included. Cell commands act on the focused cell; the cell frame and the editors handle their
 * keys themselves (CellView, CellEditor), so here they only need to be listed and runnable.
 */

import type { FileActions } from '../document/file-actions.ts';
import type { RuntimeActions } from './runtime-actions.ts';
import { binnedId } from '../../common/notebook/operations.ts';
import { binOf, type NotebookStore } from '../session/notebook-store.ts';
import { findCell } from '../../common/session/flow.ts';

export interface Shortcut {
  readonly key: string;
  /** Ctrl on Linux and Windows, Cmd on macOS. */
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
  /** Pressed twice in a row, as D D. */
  readonly twice?: boolean;
}

export interface Command {
  readonly id: string;
  readonly title: string;
  readonly shortcut?: Shortcut;
  /** Other keys that do the same, listed after the shortcut (K and ↑). */
  readonly otherShortcuts?: readonly Shortcut[];
  /**
   * Who handles the shortcut: the window's key handler wherever the focus is (`anywhere`), or
   * unless an editor or a field has the keys (`commandMode`); `cell` shortcuts are handled by the
   * focused cell and its editor themselves.
   */
  readonly scope?: 'anywhere' | 'commandMode' | 'cell';
  readonly run: () => void;
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function shortcutLabel(shortcut: Shortcut): string {
  const parts: string[] = [];
  if (shortcut.mod) parts.push(isMac ? '⌘' : 'Ctrl');
  if (shortcut.alt) parts.push(isMac ? '⌥' : 'Alt');
  if (shortcut.shift) parts.push(isMac ? '⇧' : 'Shift');
  const names: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', Enter: 'Enter', Delete: 'Delete', Escape: 'Escape', '.': '.' };
  parts.push(names[shortcut.key] ?? shortcut.key.toUpperCase());
  const label = parts.join(isMac ? '' : '+');
  return shortcut.twice ? `${label} ${label}` : label;
}

export function matches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return (
    event.key.toLowerCase() === shortcut.key.toLowerCase() &&
    mod === (shortcut.mod ?? false) &&
    event.shiftKey === (shortcut.shift ?? false) &&
    event.altKey === (shortcut.alt ?? false)
  );
}

export function buildCommands(
  store: NotebookStore,
  files: FileActions,
  runtime: RuntimeActions,
  openPalette: () => void,
  toggleBin: () => void,
): readonly Command[] {
  const focused = () => {
    const cellId = store.getState().focus.cellId;
    return cellId === null ? undefined : findCell(store.getState().data.notebook, cellId);
  };
  const onFocused = (run: (cellId: string) => void) => () => {
    const place = focused();
    if (place !== undefined) run(place.cell.id);
  };
  /** Runs on the focused cell's section, when it is a titled one (the setup cells have no heading). */
  const onFocusedSection = (run: (sectionId: string) => void) => () => {
    const place = focused();
    if (place !== undefined && place.section.id !== store.getState().data.notebook.setup.id) run(place.section.id);
  };
  const insert = (kind: 'code' | 'markdown', offset: 0 | 1) => () => {
    const place = focused();
    const notebook = store.getState().data.notebook;
    const sectionId = place?.section.id ?? notebook.sections.at(-1)?.id ?? notebook.setup.id;
    const index = place !== undefined ? place.index + offset : (notebook.sections.at(-1) ?? notebook.setup).cells.length;
    store.focusCell(store.insertCell(sectionId, index, kind), true);
  };
  return [
    { id: 'palette', title: 'Show all commands', shortcut: { key: 'p', mod: true, shift: true }, scope: 'anywhere', run: openPalette },
    { id: 'file.new', title: 'New notebook', shortcut: { key: 'n', mod: true, alt: true }, scope: 'anywhere', run: () => void files.newDocument() },
    { id: 'file.open', title: 'Open notebook…', shortcut: { key: 'o', mod: true }, scope: 'anywhere', run: () => void files.open() },
    { id: 'file.save', title: 'Save', shortcut: { key: 's', mod: true }, scope: 'anywhere', run: () => void files.save() },
    { id: 'file.saveAs', title: 'Save as…', shortcut: { key: 's', mod: true, shift: true }, scope: 'anywhere', run: () => void files.saveAs() },
    { id: 'file.exportHtml', title: 'Export as web page (.html)…', scope: 'anywhere', run: () => void files.export('html') },
    { id: 'file.exportIpynb', title: 'Export as Jupyter notebook (.ipynb)…', scope: 'anywhere', run: () => void files.export('ipynb') },
    {
      id: 'file.toggleSaveOutputs',
      title: 'Save outputs in the file: turn on or off',
      run: () => store.setSaveOutputs(!store.getState().data.notebook.saveOutputs),
    },
    { id: 'run.all', title: 'Run all cells that are not up to date', shortcut: { key: 'Enter', mod: true, shift: true }, scope: 'anywhere', run: () => store.runAll() },
    {
      id: 'run.section',
      title: 'Run the focused cell’s section',
      shortcut: { key: 'Enter', alt: true, shift: true },
      scope: 'anywhere',
      run: () => {
        const place = focused();
        if (place !== undefined) store.runSection(place.section.id);
      },
    },
    { id: 'run.stop', title: 'Stop: interrupt the running cell and empty the queue', shortcut: { key: 'c', mod: true, alt: true }, scope: 'anywhere', run: () => store.stop() },
    { id: 'cell.stop', title: 'Stop the focused cell: interrupt it, or take it out of the queue', run: onFocused((cellId) => store.stopCell(cellId)) },
    { id: 'cell.run', title: 'Run the focused cell', shortcut: { key: 'Enter', mod: true }, scope: 'cell', run: onFocused((cellId) => store.runCell(cellId)) },
    { id: 'cell.runAdvance', title: 'Run the focused cell and go to the next', shortcut: { key: 'Enter', shift: true }, scope: 'cell', run: onFocused((cellId) => store.runAndAdvance(cellId)) },
    { id: 'cell.edit', title: 'Edit the focused cell', shortcut: { key: 'Enter' }, scope: 'cell', run: onFocused((cellId) => store.focusCell(cellId, true)) },
    { id: 'cell.commandMode', title: 'Leave the editor for command mode', shortcut: { key: 'Escape' }, scope: 'cell', run: onFocused((cellId) => store.focusCell(cellId, false)) },
    {
      id: 'cell.next',
      title: 'Focus the next cell',
      shortcut: { key: 'j' },
      otherShortcuts: [{ key: 'ArrowDown' }],
      scope: 'cell',
      run: onFocused((cellId) => store.focusCell(store.neighbourCell(cellId, 1) ?? cellId, false)),
    },
    {
      id: 'cell.previous',
      title: 'Focus the previous cell',
      shortcut: { key: 'k' },
      otherShortcuts: [{ key: 'ArrowUp' }],
      scope: 'cell',
      run: onFocused((cellId) => store.focusCell(store.neighbourCell(cellId, -1) ?? cellId, false)),
    },
    { id: 'cell.moveUp', title: 'Move the focused cell up', shortcut: { key: 'ArrowUp', alt: true }, scope: 'cell', run: onFocused((cellId) => store.moveCell(cellId, -1)) },
    { id: 'cell.moveDown', title: 'Move the focused cell down', shortcut: { key: 'ArrowDown', alt: true }, scope: 'cell', run: onFocused((cellId) => store.moveCell(cellId, 1)) },
    {
      id: 'cell.delete',
      title: 'Delete the focused cell',
      shortcut: { key: 'd', twice: true },
      otherShortcuts: [{ key: 'Delete' }],
      scope: 'cell',
      run: onFocused((cellId) => store.deleteCell(cellId)),
    },
    { id: 'cell.insertAbove', title: 'Insert a code cell above', shortcut: { key: 'a' }, scope: 'cell', run: insert('code', 0) },
    { id: 'cell.insertBelow', title: 'Insert a code cell below', shortcut: { key: 'b' }, scope: 'cell', run: insert('code', 1) },
    { id: 'cell.insertMarkdown', title: 'Insert a Markdown cell below', run: insert('markdown', 1) },
    { id: 'cell.toMarkdown', title: 'Make the focused cell Markdown', shortcut: { key: 'm' }, scope: 'cell', run: onFocused((cellId) => store.setCellKind(cellId, 'markdown')) },
    { id: 'cell.toCode', title: 'Make the focused cell code', shortcut: { key: 'y' }, scope: 'cell', run: onFocused((cellId) => store.setCellKind(cellId, 'code')) },
    { id: 'cell.clearOutputs', title: 'Clear the focused cell’s outputs', run: onFocused((cellId) => store.clearOutputs(cellId)) },
    {
      id: 'cell.toggleLanguage',
      title: 'Switch the focused cell between TypeScript and JavaScript',
      run: onFocused((cellId) => {
        const place = findCell(store.getState().data.notebook, cellId);
        if (place?.cell.kind === 'code') store.setLanguage(cellId, place.cell.language === 'ts' ? 'js' : 'ts');
      }),
    },
    {
      id: 'bin.restoreLast',
      title: 'Undo delete: restore the last deleted cell or section',
      shortcut: { key: 'z', mod: true },
      scope: 'commandMode',
      run: () => {
        const last = binOf(store.getState())[0];
        if (last !== undefined) store.restore(binnedId(last));
      },
    },
    { id: 'bin.show', title: 'Show the bin of deleted cells', run: toggleBin },
    { id: 'section.add', title: 'Add a section at the end', run: () => store.addSection(store.getState().data.notebook.sections.at(-1)?.id ?? null) },
    { id: 'section.moveUp', title: 'Move the focused cell’s section up', run: onFocusedSection((sectionId) => store.moveSection(sectionId, -1)) },
    { id: 'section.moveDown', title: 'Move the focused cell’s section down', run: onFocusedSection((sectionId) => store.moveSection(sectionId, 1)) },
    { id: 'runtime.restart', title: 'Restart the runtime (every binding is lost)…', run: () => void runtime.restart() },
    { id: 'runtime.restartAndRunAll', title: 'Restart the runtime and run all cells…', run: () => void runtime.restartAndRunAll() },
    { id: 'outputs.clearAll', title: 'Clear all outputs', run: () => store.clearAllOutputs() },
    { id: 'runtime.connect', title: 'Start the runtime', run: () => store.connectRuntime() },
    { id: 'runtime.disconnect', title: 'Disconnect the runtime', run: () => store.disconnectRuntime() },
  ];
}
