/**
 * Notebook trust, as Jupyter's: outputs that came in a file may have been written by anyone, so
 * those that could run script (HTML, SVG, JavaScript) render inert until their cell runs again or
 * the user trusts the notebook. Outputs this session's runs produced are the user's own code's,
 * and render live.
 *
 * What came from the file is known by identity: the outputs the notebook was opened with are
 * marked here, and every run makes new output objects, so a re-run cell's outputs are unmarked
 * without anyone having to say so. This holds for whatever kinds of output the model has.
 */

import { allSections, type Notebook, type SavedOutput } from '../../common/notebook/model.ts';

/** MIME types whose rendering can run script. */
const scriptable = /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|(?:application|text)\/(?:x-)?(?:java|ecma)script)$/;

export function runsScript(output: SavedOutput): boolean {
  return output.kind === 'rich' && scriptable.test(output.mime);
}

export class OutputOrigins {
  private fromFile = new WeakSet<SavedOutput>();

  /** The notebook that was just opened: all its outputs came from the file (and only they). */
  opened(notebook: Notebook): void {
    this.fromFile = new WeakSet();
    for (const section of allSections(notebook)) {
      for (const cell of section.cells) if (cell.kind === 'code') for (const output of cell.outputs) this.fromFile.add(output);
    }
  }

  isFromFile(output: SavedOutput): boolean {
    return this.fromFile.has(output);
  }

  /** Whether any output of `notebook` would render inert while it is not trusted. */
  anyInert(notebook: Notebook): boolean {
    return allSections(notebook).some((section) =>
      section.cells.some((cell) => cell.kind === 'code' && cell.outputs.some((output) => runsScript(output) && this.fromFile.has(output))),
    );
  }
}
