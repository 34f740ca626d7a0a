/**
 * What the editor knows of Node's globals in a cell. Cells run in Node, but the editor's TypeScript
 * has only the browser's library; without these, `process`, `require` and `Buffer` would be flagged
 * in every notebook. Loose types on purpose: the runtime, not the editor, is the authority here.
 */

export const nodeGlobals = `
declare var process: {
  readonly argv: string[];
  readonly env: Record<string, string | undefined>;
  readonly pid: number;
  readonly platform: string;
  readonly version: string;
  readonly versions: Record<string, string>;
  readonly stdout: { write(text: string): boolean };
  readonly stderr: { write(text: string): boolean };
  cwd(): string;
  exit(code?: number): never;
  kill(pid: number, signal?: string | number): true;
  hrtime: { (time?: [number, number]): [number, number]; bigint(): bigint };
  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
  nextTick(callback: (...args: any[]) => void, ...args: any[]): void;
  on(event: string, listener: (...args: any[]) => void): any;
  [key: string]: any;
};
declare function require(id: string): any;
declare var module: { exports: any; require: typeof require };
declare var exports: any;
declare var __dirname: string;
declare var __filename: string;
declare var Buffer: any;
declare var global: typeof globalThis;
declare function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
declare function clearImmediate(handle: any): void;
`;
