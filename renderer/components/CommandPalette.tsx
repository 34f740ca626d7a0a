/** Ctrl/Cmd+Shift+P: every command with its shortcut, filtered as you type. */

import { useMemo, useState } from 'react';
import { shortcutLabel, type Command } from '../commands/commands.ts';

export function CommandPalette({ commands, onClose }: { readonly commands: readonly Command[]; readonly onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return commands.filter((command) => command.id !== 'palette' && words.every((word) => command.title.toLowerCase().includes(word)));
  }, [commands, query]);
  const run = (command: Command | undefined) => {
    if (command === undefined) return;
    onClose();
    command.run();
  };
  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(event) => event.stopPropagation()}>
        <input
          className="palette-input"
          aria-label="Search commands"
          placeholder="Type a command"
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setSelected(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClose();
            else if (event.key === 'ArrowDown') setSelected((index) => Math.min(index + 1, shown.length - 1));
            else if (event.key === 'ArrowUp') setSelected((index) => Math.max(index - 1, 0));
            else if (event.key === 'Enter') run(shown[selected]);
            else return;
            event.preventDefault();
          }}
        />
        <ul className="palette-list" role="listbox">
          {shown.map((command, index) => (
            <li
              key={command.id}
              role="option"
              aria-selected={index === selected}
              className={index === selected ? 'selected' : undefined}
              onMouseEnter={() => setSelected(index)}
              onClick={() => run(command)}
            >
              <span>{command.title}</span>
              {command.shortcut && (
                <span className="palette-keys">
                  {[command.shortcut, ...(command.otherShortcuts ?? [])].map((shortcut) => (
                    <kbd key={shortcutLabel(shortcut)}>{shortcutLabel(shortcut)}</kbd>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
