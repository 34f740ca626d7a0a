/**
 * A made-up notebook of any size, for benchmarks and for trying the UI on a long document: sections
 * of ten cells, Markdown and code in both languages, with outputs that the file saves. Its content
 * has the things that make files interesting to read (fences in Markdown, a fence inside a
 * template string, a heading-like line in code), so that timing it measures real work.
 */

import type { NewId } from './ids.ts';
import type { Cell, Notebook, Section } from './model.ts';

const cellsPerSection = 10;

function sampleCell(index: number, newId: NewId): Cell {
  switch (index % 4) {
    case 0:
      return {
        kind: 'markdown',
        id: newId(),
        source: `Step ${index}: load the data, then look at it.\n\n\`\`\`sh\nnpm install csv-parse\n\`\`\`\n\n- one\n- two`,
        metadata: {},
      };
    case 1:
      return {
        kind: 'code',
        id: newId(),
        language: 'ts',
        source: `const rows${index}: number[] = Array.from({ length: ${index} }, (_, i) => i * 2);\nrows${index}.length`,
        metadata: {},
        outputs: [{ kind: 'value', text: String(index) }],
      };
    case 2:
      return {
        kind: 'code',
        id: newId(),
        language: 'js',
        source: `const doc${index} = \`\n\`\`\`js\n## not a heading\n\`\`\`\n\`;\nconsole.log(doc${index}.length);`,
        metadata: {},
        outputs: [{ kind: 'text', stream: 'stdout', text: '28\n' }],
      };
    default:
      return { kind: 'markdown', id: newId(), source: `A note with \`code\`, *emphasis* and a [link](https://example.com/${index}).`, metadata: {} };
  }
}

/** A notebook of `cellCount` cells (ten setup cells, then sections of ten), with ids from `newId`. */
export function buildSampleNotebook(cellCount: number, newId: NewId): Notebook {
  const chunks: Cell[][] = [];
  for (let start = 0; start < cellCount; start += cellsPerSection) {
    const length = Math.min(cellsPerSection, cellCount - start);
    chunks.push(Array.from({ length }, (_, offset) => sampleCell(start + offset, newId)));
  }
  const [setupCells = [], ...sectionCells] = chunks;
  const sections: Section[] = sectionCells.map((cells, index) => ({
    id: newId(),
    title: `Part ${index + 1}`,
    cells,
    metadata: {},
  }));
  return {
    title: 'Sample notebook',
    setup: { id: newId(), title: '', cells: setupCells, metadata: {} },
    sections,
    metadata: {},
    saveOutputs: true,
  };
}
