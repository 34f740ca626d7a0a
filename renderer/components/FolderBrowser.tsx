/**
 * `tessera serve`'s file browser, in the path dialog: the browser has no file dialog, so Open and
 * Save list the folder serve was started in and those below it (the host's `files.list`). A folder
 * opens on a click; a notebook is chosen on a click — opened, for Open; its name taken, for Save.
 */

import { useEffect, useState } from 'react';
import type { FolderListing } from '../../common/bridge/contract.ts';

export interface FolderBrowsing {
  readonly list: (path?: string) => Promise<FolderListing>;
  /** Whether choosing a notebook opens it (Open) or takes its name (Save as, Export). */
  readonly opens: boolean;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

function separatorOf(listing: FolderListing): string {
  return listing.root.includes('\\') && !listing.root.includes('/') ? '\\' : '/';
}

/** Where `path` is, shown from the root's name down. */
function shownFolder(listing: FolderListing): string {
  const below = listing.path.slice(listing.root.length).replace(/^[\\/]/, '');
  return [baseName(listing.root), ...(below === '' ? [] : below.split(/[\\/]/))].join(' / ');
}

export function FolderBrowser({
  browsing,
  path,
  onPath,
  onChoose,
}: {
  readonly browsing: FolderBrowsing;
  /** The path in the dialog's field. */
  readonly path: string;
  readonly onPath: (path: string) => void;
  readonly onChoose: (path: string) => void;
}) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const go = (folder?: string) => {
    browsing.list(folder).then(
      (found) => {
        setListing(found);
        setProblem(null);
        // Saving: the name typed so far goes to the folder chosen.
        if (!browsing.opens && folder !== undefined) onPath(`${found.path}${separatorOf(found)}${baseName(path) || 'notebook.tsnb'}`);
      },
      (error: Error) => setProblem(error.message),
    );
  };
  useEffect(() => go(), []);

  if (problem !== null) return <p className="folder-problem">{problem}</p>;
  if (listing === null) return <p className="folder-loading">Listing the folder…</p>;
  return (
    <div className="folder-browser" aria-label="Files">
      <div className="folder-heading">
        <span className="folder-path" title={listing.path}>
          {shownFolder(listing)}
        </span>
        {listing.parent !== null && (
          <button type="button" className="tool-button" onClick={() => go(listing.parent ?? undefined)}>
            ↑ Up
          </button>
        )}
      </div>
      {listing.entries.length === 0 ? (
        <p className="folder-empty">No notebooks or folders here.</p>
      ) : (
        <ul className="folder-list" aria-label={`Files in ${shownFolder(listing)}`}>
          {listing.entries.map((entry) => (
            <li key={entry.path}>
              <button
                type="button"
                className={`folder-entry folder-entry-${entry.kind}`}
                title={entry.path}
                onClick={() => (entry.kind === 'folder' ? go(entry.path) : browsing.opens ? onChoose(entry.path) : onPath(entry.path))}
              >
                <span className="folder-mark" aria-hidden="true">
                  {entry.kind === 'folder' ? '▸' : ''}
                </span>
                {entry.name}
                {entry.kind === 'folder' ? '/' : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {listing.truncated && <p className="folder-empty">Only the first entries are listed.</p>}
    </div>
  );
}
