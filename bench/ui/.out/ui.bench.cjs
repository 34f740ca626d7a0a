var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// bench/ui.bench.ts
var ui_bench_exports = {};
__export(ui_bench_exports, {
  uiBenchmarks: () => uiBenchmarks
});
module.exports = __toCommonJS(ui_bench_exports);
var import_node_fs6 = require("node:fs");
var import_node_os2 = require("node:os");
var import_node_path10 = require("node:path");
var import_promises4 = require("node:timers/promises");
var import_playwright_core2 = require("playwright-core");

// common/notebook/ids.ts
function sequentialIds(prefix) {
  let count = 0;
  return () => `${prefix}${++count}`;
}

// common/notebook/ansi.ts
var ansiPattern = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
function stripAnsi(text2) {
  return text2.includes("\x1B") ? text2.replace(ansiPattern, "") : text2;
}

// common/notebook/model.ts
function isBinaryMime(mime) {
  return /^image\/(?:png|jpeg|gif|webp)$/.test(mime);
}
function allSections(notebook) {
  return [notebook.setup, ...notebook.sections];
}
function normalizeTitle(title) {
  return title.replace(/[\r\n]+/g, " ").trim();
}
function normalizeLineBreaks(text2) {
  return text2.includes("\r") ? text2.replace(/\r\n?/g, "\n") : text2;
}

// common/notebook/markdown-syntax.ts
var commentPattern = /^<!-- tessera:(notebook|section|cell|output|markdown)(?: (.*))? -->[ \t]*$/;
function matchComment(line) {
  if (!line.startsWith("<!-- tessera:")) return void 0;
  const match = commentPattern.exec(line);
  if (match === null) return void 0;
  const json = match[2]?.trim();
  return { kind: match[1], json: json === "" ? void 0 : json };
}
function writeComment(kind, fields) {
  if (fields === void 0) return `<!-- tessera:${kind} -->`;
  const json = JSON.stringify(fields);
  const safe = json.includes("--") ? json.replace(/--(!?)>/g, "--$1\\u003e") : json;
  return `<!-- tessera:${kind} ${safe} -->`;
}
function isSectionLine(line) {
  return /^##(?:[ \t]|$)/.test(line);
}
var closingSequence = /(?:^|[ \t])#+$/;
function writeHeading(level, title) {
  const marks = "#".repeat(level);
  if (title === "") return marks;
  return closingSequence.test(title) ? `${marks} ${title} #` : `${marks} ${title}`;
}
function mayBeFence(line) {
  for (let index = 0; index < 4; index++) {
    const char = line[index];
    if (char === "`" || char === "~") return true;
    if (char !== " ") return false;
  }
  return false;
}
function matchFence(line) {
  if (!mayBeFence(line)) return void 0;
  const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (match === null) return void 0;
  const marks = match[1] ?? "";
  const info = (match[2] ?? "").trim();
  const char = marks[0] === "~" ? "~" : "`";
  if (char === "`" && info.includes("`")) return void 0;
  return { char, length: marks.length, info };
}
function closesFence(line, fence) {
  if (!mayBeFence(line)) return false;
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  const marks = match?.[1];
  return marks !== void 0 && marks[0] === fence.char && marks.length >= fence.length;
}
function codeFenceLanguage(line) {
  if (line.startsWith(" ")) return void 0;
  const fence = matchFence(line);
  if (fence === void 0) return void 0;
  const word = fence.info.split(/[ \t]/, 1)[0]?.toLowerCase();
  if (word === "js" || word === "javascript") return "js";
  if (word === "ts" || word === "typescript") return "ts";
  return void 0;
}
function fenceFor(lines) {
  let length = 3;
  for (const line of lines) {
    const marks = /^ {0,3}(`{3,})[ \t]*$/.exec(line)?.[1];
    if (marks !== void 0 && marks.length >= length) length = marks.length + 1;
  }
  return "`".repeat(length);
}
function looksLikeStructure(line) {
  return isSectionLine(line) || matchComment(line) !== void 0 || codeFenceLanguage(line) !== void 0;
}

// common/notebook/markdown-write.ts
var byteOrderMark = "\uFEFF";
var reservedKeys = {
  notebook: ["saveOutputs"],
  section: ["id"],
  code: ["id"],
  markdown: ["id", "openFence"],
  output: ["kind", "stream", "name", "message", "newline", "mime"]
};
function commentFields(own, metadata, reserved) {
  if (isEmpty(metadata)) return own;
  const kept = Object.entries(metadata).filter(([key]) => !reserved.includes(key));
  return Object.fromEntries([...Object.entries(own), ...kept]);
}
function isEmpty(record2) {
  for (const _ in record2) return false;
  return true;
}
function sourceLines(source) {
  return source === "" ? [] : normalizeLineBreaks(source).split("\n");
}
function joinLines(lines, eol) {
  return lines.length === 0 ? "" : lines.join(eol) + eol;
}
function headerText(notebook, eol) {
  const lines = [];
  const title = normalizeTitle(notebook.title);
  if (title !== "") lines.push(writeHeading(1, title));
  const own = notebook.saveOutputs ? { saveOutputs: true } : {};
  const fields = commentFields(own, notebook.metadata, reservedKeys.notebook);
  if (Object.keys(fields).length > 0) lines.push(writeComment("notebook", fields));
  return joinLines(lines, eol);
}
function sectionText(section, isSetup, eol) {
  const comment = writeComment("section", commentFields({ id: section.id }, section.metadata, reservedKeys.section));
  return joinLines(isSetup ? [comment] : [comment, writeHeading(2, normalizeTitle(section.title))], eol);
}
function markdownCellText(cell, eol) {
  const lines = [];
  let open4;
  for (const line of normalizeLineBreaks(cell.source).split("\n")) {
    if (open4 !== void 0) {
      if (closesFence(line, open4)) open4 = void 0;
    } else {
      if (looksLikeStructure(line)) lines.push(writeComment("markdown"));
      open4 = matchFence(line);
    }
    lines.push(line);
  }
  if (open4 !== void 0) lines.push(open4.char.repeat(open4.length));
  const own = open4 === void 0 ? { id: cell.id } : { id: cell.id, openFence: true };
  const comment = writeComment("cell", commentFields(own, cell.metadata, reservedKeys.markdown));
  return joinLines([comment, ...lines], eol);
}
function richFenceInfo(mime) {
  if (isBinaryMime(mime)) return "base64";
  if (mime === "text/html") return "html";
  if (mime === "text/markdown") return "markdown";
  if (mime === "image/svg+xml") return "svg";
  return /[/+]json$/.test(mime) ? "json" : "text";
}
var base64LineLength = 76;
function richOutputLines(output) {
  const own = { kind: "rich", mime: output.mime };
  let lines;
  let fields;
  if (isBinaryMime(output.mime)) {
    lines = output.data.match(new RegExp(`.{1,${base64LineLength}}`, "gs")) ?? [];
    fields = commentFields(own, output.metadata ?? {}, reservedKeys.output);
  } else {
    const text2 = normalizeLineBreaks(output.data);
    const newline = text2.endsWith("\n");
    lines = (newline ? text2.slice(0, -1) : text2).split("\n");
    fields = commentFields(newline ? own : { ...own, newline: false }, output.metadata ?? {}, reservedKeys.output);
  }
  const fence = fenceFor(lines);
  return [writeComment("output", fields), `${fence}${richFenceInfo(output.mime)}`, ...lines, fence];
}
function outputLines(output) {
  if (output.kind === "rich") return richOutputLines(output);
  const shown = (text3) => normalizeLineBreaks(stripAnsi(text3));
  const own = output.kind === "text" ? { kind: "text", stream: output.stream } : output.kind === "value" ? { kind: "value" } : { kind: "error", name: shown(output.name), message: shown(output.message) };
  const text2 = shown(output.kind === "error" ? output.stack : output.text);
  const newline = text2.endsWith("\n");
  const lines = (newline ? text2.slice(0, -1) : text2).split("\n");
  const fields = commentFields(newline ? own : { ...own, newline: false }, output.metadata ?? {}, reservedKeys.output);
  const fence = fenceFor(lines);
  return [writeComment("output", fields), `${fence}text`, ...lines, fence];
}
function codeCellText(cell, eol, saveOutputs) {
  const comment = writeComment("cell", commentFields({ id: cell.id }, cell.metadata, reservedKeys.code));
  const lines = sourceLines(cell.source);
  const fence = fenceFor(lines);
  const outputs = saveOutputs ? cell.outputs.flatMap(outputLines) : [];
  return joinLines([comment, `${fence}${cell.language}`, ...lines, fence, ...outputs], eol);
}
function cellText(cell, eol, saveOutputs) {
  return cell.kind === "code" ? codeCellText(cell, eol, saveOutputs) : markdownCellText(cell, eol);
}
function partsOf(notebook) {
  const parts = [{ text: (eol) => headerText(notebook, eol), written: notebook.written }];
  for (const section of allSections(notebook)) {
    const isSetup = section === notebook.setup;
    parts.push({ text: (eol) => sectionText(section, isSetup, eol), written: section.written });
    for (const cell of section.cells) {
      parts.push({ text: (eol) => cellText(cell, eol, notebook.saveOutputs), written: cell.written });
    }
  }
  return parts;
}
function canonicalParts(notebook) {
  const eol = notebook.lineEnding ?? "\n";
  const parts = partsOf(notebook);
  return parts.map((part, index) => {
    const text2 = part.text(eol);
    if (text2 === "") return text2;
    const isLast = index === parts.length - 1;
    return isLast && !text2.endsWith(eol + eol) ? text2 : text2 + eol;
  });
}
function serializeNotebook(notebook) {
  const written = partsOf(notebook).map((part) => part.written);
  const bom = notebook.byteOrderMark === true ? byteOrderMark : "";
  return bom + canonicalParts(notebook).map((canonical, index) => {
    const form = written[index];
    return form !== void 0 && form.canonical === canonical ? form.text : canonical;
  }).join("");
}

// common/notebook/sample.ts
var cellsPerSection = 10;
function sampleCell(index, newId) {
  switch (index % 4) {
    case 0:
      return {
        kind: "markdown",
        id: newId(),
        source: `Step ${index}: load the data, then look at it.

\`\`\`sh
npm install csv-parse
\`\`\`

- one
- two`,
        metadata: {}
      };
    case 1:
      return {
        kind: "code",
        id: newId(),
        language: "ts",
        source: `const rows${index}: number[] = Array.from({ length: ${index} }, (_, i) => i * 2);
rows${index}.length`,
        metadata: {},
        outputs: [{ kind: "value", text: String(index) }]
      };
    case 2:
      return {
        kind: "code",
        id: newId(),
        language: "js",
        source: `const doc${index} = \`
\`\`\`js
## not a heading
\`\`\`
\`;
console.log(doc${index}.length);`,
        metadata: {},
        outputs: [{ kind: "text", stream: "stdout", text: "28\n" }]
      };
    default:
      return { kind: "markdown", id: newId(), source: `A note with \`code\`, *emphasis* and a [link](https://example.com/${index}).`, metadata: {} };
  }
}
function buildSampleNotebook(cellCount, newId) {
  const chunks = [];
  for (let start = 0; start < cellCount; start += cellsPerSection) {
    const length = Math.min(cellsPerSection, cellCount - start);
    chunks.push(Array.from({ length }, (_, offset) => sampleCell(start + offset, newId)));
  }
  const [setupCells = [], ...sectionCells] = chunks;
  const sections = sectionCells.map((cells, index) => ({
    id: newId(),
    title: `Part ${index + 1}`,
    cells,
    metadata: {}
  }));
  return {
    title: "Sample notebook",
    setup: { id: newId(), title: "", cells: setupCells, metadata: {} },
    sections,
    metadata: {},
    saveOutputs: true
  };
}

// host/serve/start.ts
var import_node_crypto6 = require("node:crypto");
var import_node_fs4 = require("node:fs");
var import_node_os = require("node:os");
var import_node_path8 = require("node:path");

// host/files/backup-store.ts
var import_node_crypto2 = require("node:crypto");
var import_promises2 = require("node:fs/promises");
var import_node_path2 = require("node:path");
var import_node_perf_hooks = require("node:perf_hooks");

// common/events.ts
var Emitter = class {
  listeners = /* @__PURE__ */ new Set();
  event = (listener) => {
    const entry = (value) => listener(value);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
};
var DisposableStore = class {
  items = [];
  disposed = false;
  add(item) {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }
  dispose() {
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) item.dispose();
  }
};
function nextEvent(event, accept2 = () => true) {
  return new Promise((resolve2) => {
    const subscription = event((value) => {
      if (!accept2(value)) return;
      subscription.dispose();
      resolve2(value);
    });
  });
}

// host/files/atomic-write.ts
var import_node_crypto = require("node:crypto");
var fsp = __toESM(require("node:fs/promises"));
var import_node_path = require("node:path");
var import_promises = require("node:timers/promises");
var import_node_util = require("node:util");
var nodeFs = {
  open: (path2, flags, mode) => fsp.open(path2, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path2) => fsp.unlink(path2),
  stat: (path2) => fsp.stat(path2),
  realpath: (path2) => fsp.realpath(path2)
};
var SaveError = class extends Error {
  constructor(path2, code, cause) {
    super(`Could not save ${path2}: ${reasonOf(cause)}`, { cause });
    this.path = path2;
    this.code = code;
  }
  path;
  code;
  name = "SaveError";
};
var retriedRenameCodes = /* @__PURE__ */ new Set(["EPERM", "EBUSY", "EACCES"]);
var renameRetryDelaysMs = [10, 30, 90, 270];
async function writeFileAtomic(path2, data, options = {}) {
  const fs = options.fs ?? nodeFs;
  let temp;
  let handle;
  try {
    const existing = await existingFile(fs, path2);
    const target = existing?.path ?? path2;
    temp = (0, import_node_path.join)((0, import_node_path.dirname)(target), temporaryName((0, import_node_path.basename)(target)));
    handle = await fs.open(temp, "wx", existing?.mode ?? 438);
    await handle.writeFile(data);
    if (existing) await handle.chmod(existing.mode);
    await handle.sync();
    const { mtimeMs, size } = await handle.stat();
    await handle.close();
    handle = void 0;
    await renameWithRetries(fs, temp, target);
    temp = void 0;
    await syncFolder(fs, (0, import_node_path.dirname)(target));
    return { mtimeMs, size };
  } catch (error) {
    await handle?.close().catch(() => void 0);
    if (temp !== void 0) await fs.unlink(temp).catch(() => void 0);
    throw new SaveError(path2, codeOf(error), error);
  }
}
async function existingFile(fs, path2) {
  try {
    const real = await fs.realpath(path2);
    return { path: real, mode: (await fs.stat(real)).mode & 4095 };
  } catch (error) {
    if (codeOf(error) === "ENOENT") return void 0;
    throw error;
  }
}
function temporaryName(name) {
  return `.${name.slice(0, 64)}.tessera-${(0, import_node_crypto.randomBytes)(6).toString("hex")}.tmp`;
}
async function renameWithRetries(fs, from, to) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const delay = renameRetryDelaysMs[attempt];
      if (delay === void 0 || !retriedRenameCodes.has(codeOf(error) ?? "")) throw error;
      await (0, import_promises.setTimeout)(delay);
    }
  }
}
async function syncFolder(fs, folder) {
  if (process.platform === "win32") return;
  let handle;
  try {
    handle = await fs.open(folder, "r");
    await handle.sync();
  } catch {
  } finally {
    await handle?.close().catch(() => void 0);
  }
}
function codeOf(error) {
  const code = error?.code;
  return typeof code === "string" ? code : void 0;
}
function reasonOf(error) {
  const code = codeOf(error);
  if (code !== void 0) {
    for (const [name, text2] of (0, import_node_util.getSystemErrorMap)().values()) if (name === code) return `${text2} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

// host/files/backup-store.ts
var extension = ".backup";
var format = "tessera-backup";
var BackupStore = class _BackupStore {
  _onDidFail = new Emitter();
  /** Fires for every backup that could not be written or removed. */
  onDidFail = this._onDidFail.event;
  slots = /* @__PURE__ */ new Map();
  session = (0, import_node_crypto2.randomBytes)(4).toString("hex");
  folder;
  delayMs;
  maxDelayMs;
  now;
  previous;
  constructor(options, previous) {
    this.folder = options.folder;
    this.delayMs = options.delayMs ?? 1e3;
    this.maxDelayMs = options.maxDelayMs ?? 1e4;
    this.now = options.now ?? Date.now;
    this.previous = previous;
  }
  /** Opens the folder and takes stock of what earlier sessions left there. */
  static async open(options) {
    await (0, import_promises2.mkdir)(options.folder, { recursive: true });
    return new _BackupStore(options, await scan(options.folder));
  }
  /** The backups that were in the folder when the store opened, newest first, less those removed since. */
  list() {
    return this.previous;
  }
  /** A listed backup's content. Throws when it can no longer be read. */
  async read(backup) {
    const parsed = parse(await (0, import_promises2.readFile)(backup.file));
    if (!parsed.ok) throw new Error(`The backup ${backup.file} cannot be read: ${parsed.reason}`);
    return parsed.content;
  }
  /** Deletes a listed backup or skipped file, once its content is safe elsewhere or refused. */
  async remove(entry) {
    await (0, import_promises2.unlink)(entry.file).catch(ignoreMissing);
    this.previous = {
      backups: this.previous.backups.filter((backup) => backup.file !== entry.file),
      skipped: this.previous.skipped.filter((skipped) => skipped.file !== entry.file)
    };
  }
  /**
   * Records the document's unsaved content. It is written `delayMs` after the last call, or
   * `maxDelayMs` after the first call since the last write, whichever comes first.
   */
  schedule(document, content) {
    const slot = this.slotOf(document);
    const now = import_node_perf_hooks.performance.now();
    slot.pending = content;
    slot.deadline ??= now + this.maxDelayMs;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.write(slot), Math.min(this.delayMs, slot.deadline - now));
  }
  /**
   * Forgets the document's backup, written or pending: call it after a save, when the document
   * has no edits beyond what was saved (an edit made while the save ran needs its backup still).
   */
  async discard(document) {
    const slot = this.slots.get(fileNameOf(this.session, document));
    if (!slot) return;
    cancel(slot);
    const done = slot.done = slot.done.then(() => this.removeBackup(slot));
    await done;
    if (slot.done === done && slot.pending === void 0) this.slots.delete(slot.name);
  }
  /**
   * Writes every pending backup now and waits for all writes in progress: before quitting with
   * hot exit. Returns the documents whose latest backup failed; quitting would lose their work.
   */
  async flush() {
    const outcomes = await Promise.all([...this.slots.values()].map((slot) => this.write(slot)));
    return outcomes.filter((outcome) => outcome !== void 0);
  }
  /** Stops the timers; content still pending is not written (flush first to keep it). */
  dispose() {
    for (const slot of this.slots.values()) cancel(slot);
    this._onDidFail.dispose();
  }
  slotOf(document) {
    const name = fileNameOf(this.session, document);
    let slot = this.slots.get(name);
    if (!slot) {
      slot = { document, name, pending: void 0, timer: void 0, deadline: void 0, done: Promise.resolve(void 0) };
      this.slots.set(name, slot);
    }
    return slot;
  }
  /** Writes the slot's pending content, if any; resolves with the outcome of its latest operation. */
  write(slot) {
    const content = slot.pending;
    cancel(slot);
    if (content === void 0) return slot.done;
    const header = { format, version: 1, document: slot.document, savedAt: this.now(), size: Buffer.byteLength(content) };
    const data = Buffer.concat([Buffer.from(`${JSON.stringify(header)}
`), Buffer.from(content)]);
    slot.done = slot.done.then(() => this.settle(slot, writeFileAtomic((0, import_node_path2.join)(this.folder, slot.name), data)));
    return slot.done;
  }
  removeBackup(slot) {
    return this.settle(slot, (0, import_promises2.unlink)((0, import_node_path2.join)(this.folder, slot.name)).catch(ignoreMissing));
  }
  async settle(slot, operation) {
    try {
      await operation;
      return void 0;
    } catch (error) {
      const failure = { document: slot.document, error: error instanceof Error ? error : new Error(String(error)) };
      this._onDidFail.fire(failure);
      return failure;
    }
  }
};
function cancel(slot) {
  clearTimeout(slot.timer);
  slot.pending = slot.timer = slot.deadline = void 0;
}
function fileNameOf(session, document) {
  const key = document.kind === "file" ? `file:${document.path}` : `untitled:${document.id}`;
  return `${session}-${(0, import_node_crypto2.createHash)("sha256").update(key).digest("hex").slice(0, 32)}${extension}`;
}
function ignoreMissing(error) {
  if (error.code !== "ENOENT") throw error;
}
async function scan(folder) {
  const backups = [];
  const skipped = [];
  for (const entry of await (0, import_promises2.readdir)(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = (0, import_node_path2.join)(folder, entry.name);
    if (!entry.name.endsWith(extension)) {
      skipped.push({ file, reason: "not a backup: an unfinished write, or a file Tessera did not write" });
      continue;
    }
    let bytes;
    try {
      bytes = await (0, import_promises2.readFile)(file);
    } catch (error) {
      skipped.push({ file, reason: `unreadable: ${error.message}` });
      continue;
    }
    const parsed = parse(bytes);
    if (parsed.ok) backups.push({ file, document: parsed.header.document, savedAt: parsed.header.savedAt, size: parsed.header.size });
    else skipped.push({ file, reason: parsed.reason });
  }
  return { backups: backups.sort((a, b) => b.savedAt - a.savedAt), skipped };
}
function parse(bytes) {
  const end = bytes.indexOf(10);
  if (end < 0) return { ok: false, reason: "no header line" };
  let header;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString("utf8"));
  } catch {
    return { ok: false, reason: "the header is not JSON" };
  }
  if (!isHeader(header)) return { ok: false, reason: "the header is not a Tessera backup header of version 1" };
  const body = bytes.subarray(end + 1);
  if (body.byteLength !== header.size) return { ok: false, reason: `partial: ${body.byteLength} of ${header.size} bytes` };
  const { document } = header;
  const key = document.kind === "file" ? { kind: "file", path: document.path } : { kind: "untitled", id: document.id };
  return { ok: true, header: { ...header, document: key }, content: body.toString("utf8") };
}
function isHeader(value) {
  const header = value;
  return typeof header === "object" && header !== null && header.format === format && header.version === 1 && isDocumentKey(header.document) && Number.isFinite(header.savedAt) && Number.isSafeInteger(header.size) && header.size >= 0;
}
function isDocumentKey(value) {
  const key = value;
  if (typeof key !== "object" || key === null) return false;
  return key.kind === "file" && typeof key.path === "string" || key.kind === "untitled" && typeof key.id === "string";
}

// host/fork-launcher.ts
var import_node_child_process = require("node:child_process");

// host/paths.ts
var import_node_fs = require("node:fs");
var import_node_path3 = require("node:path");
function packageRoot() {
  for (let dir = __dirname; ; dir = (0, import_node_path3.dirname)(dir)) {
    if ((0, import_node_fs.existsSync)((0, import_node_path3.join)(dir, "package.json")) && (0, import_node_fs.existsSync)((0, import_node_path3.join)(dir, "out"))) return dir;
    if ((0, import_node_path3.dirname)(dir) === dir) throw new Error(`Tessera's build output (out/) was not found above ${__dirname}: run npm run build`);
  }
}
var runtimeEntry = () => (0, import_node_path3.join)(packageRoot(), "out", "runtime", "main.cjs").replace(/app\.asar(?=[\\/])/, "app.asar.unpacked");

// host/fork-launcher.ts
function forkLauncher(options = {}) {
  return {
    launch({ cwd }) {
      const child = (0, import_node_child_process.fork)(options.entry ?? runtimeEntry(), [], {
        cwd,
        serialization: "advanced",
        stdio: [options.stdio ?? "ignore", options.stdio ?? "ignore", options.stdio ?? "ignore", "ipc"]
      });
      return {
        pid: child.pid,
        postMessage: (request) => child.connected && child.send(request),
        onMessage: (listener) => {
          const handler = (message) => listener(message);
          child.on("message", handler);
          return { dispose: () => child.off("message", handler) };
        },
        onExit: (listener) => {
          const handler = (code, signal) => listener({ code, signal });
          child.once("exit", handler);
          return { dispose: () => child.off("exit", handler) };
        },
        kill: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        }
      };
    }
  };
}

// host/files/file-identity.ts
var import_node_crypto3 = require("node:crypto");
var import_promises3 = require("node:fs/promises");
function sha256Of(data) {
  return (0, import_node_crypto3.createHash)("sha256").update(data).digest("hex");
}
async function readTracked(path2) {
  const handle = await (0, import_promises3.open)(path2, "r");
  try {
    const { mtimeMs } = await handle.stat();
    const content = await handle.readFile();
    return { content, identity: { mtimeMs, size: content.byteLength, sha256: sha256Of(content) } };
  } finally {
    await handle.close();
  }
}
async function changedSince(path2, expected) {
  try {
    const stats = await (0, import_promises3.stat)(path2);
    if (!stats.isFile()) return { changed: true, reason: "deleted" };
    if (stats.size !== expected.size) return { changed: true, reason: "modified" };
    const sameContent = sha256Of(await (0, import_promises3.readFile)(path2)) === expected.sha256;
    return sameContent ? { changed: false } : { changed: true, reason: "modified" };
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return { changed: true, reason: "deleted" };
    throw error;
  }
}

// host/files/save-document.ts
async function saveDocument(path2, data, options) {
  if (options.expected && !options.force) {
    const change = await changedSince(path2, options.expected);
    if (change.changed) return { ok: false, conflict: change };
  }
  const written = await writeFileAtomic(path2, data, options);
  return { ok: true, identity: { ...written, sha256: sha256Of(data) } };
}

// host/session/document-files.ts
var TrackedDocumentFiles = class {
  /** What each file was when this session last read or wrote it. */
  identities = /* @__PURE__ */ new Map();
  async open(path2) {
    const tracked = await readTracked(path2);
    this.identities.set(path2, tracked.identity);
    return tracked.content.toString("utf8");
  }
  async save(path2, content, options) {
    const result = await saveDocument(path2, content, { expected: this.identities.get(path2), force: options.force });
    if (!result.ok) {
      const how = result.conflict.reason === "deleted" ? "was deleted" : "was changed by another program";
      return { ok: false, reason: "conflict", message: `${path2} ${how} since it was opened. Save anyway to overwrite it.` };
    }
    this.identities.set(path2, result.identity);
    return { ok: true, path: path2 };
  }
  async write(path2, content) {
    await writeFileAtomic(path2, content);
  }
};

// host/session/new-document.ts
var import_node_crypto4 = require("node:crypto");

// common/notebook/operations.ts
function accept(notebook) {
  return { ok: true, notebook };
}
function reject(reason) {
  return { ok: false, reason };
}
function createNotebook(newId, title = "") {
  return {
    title: normalizeTitle(title),
    setup: { id: newId(), title: "", cells: [], metadata: {} },
    sections: [],
    metadata: {},
    saveOutputs: false
  };
}
function createCodeCell(newId, language, source = "") {
  return { kind: "code", id: newId(), language, source: normalizeLineBreaks(source), metadata: {}, outputs: [] };
}
function findSection(notebook, sectionId) {
  return allSections(notebook).find((section) => section.id === sectionId);
}
function usedIds(notebook) {
  const ids = /* @__PURE__ */ new Set();
  const addSection = (section) => {
    ids.add(section.id);
    for (const cell of section.cells) ids.add(cell.id);
  };
  allSections(notebook).forEach(addSection);
  for (const entry of notebook.bin ?? []) {
    if (entry.kind === "cell") ids.add(entry.cell.id);
    else addSection(entry.section);
  }
  return ids;
}
function replaceSection(notebook, section) {
  if (section.id === notebook.setup.id) return { ...notebook, setup: section };
  return { ...notebook, sections: notebook.sections.map((old) => old.id === section.id ? section : old) };
}
function insertAt(items, index, item) {
  return [...items.slice(0, index), item, ...items.slice(index)];
}
function isIndexIn(index, length) {
  return Number.isInteger(index) && index >= 0 && index <= length;
}
function insertCell(notebook, sectionId, index, cell) {
  const section = findSection(notebook, sectionId);
  if (section === void 0) return reject("unknown_section");
  if (!isIndexIn(index, section.cells.length)) return reject("index_out_of_range");
  if (usedIds(notebook).has(cell.id)) return reject("duplicate_id");
  return accept(replaceSection(notebook, { ...section, cells: insertAt(section.cells, index, cell) }));
}

// host/session/new-document.ts
function newDocumentText() {
  const newId = () => (0, import_node_crypto4.randomUUID)().slice(0, 8);
  const notebook = createNotebook(newId, "Untitled");
  const withCell = insertCell(notebook, notebook.setup.id, 0, createCodeCell(newId, "js"));
  if (!withCell.ok) throw new Error(`A new notebook could not be made: ${JSON.stringify(withCell.reason)}`);
  return serializeNotebook(withCell.notebook);
}

// host/session/notebook-session.ts
var import_node_path4 = require("node:path");

// common/protocol/runtime.ts
var defaultRuntimeOptions = {
  containerHeapLimitMb: 4096,
  memoryIntervalMs: 2e3,
  interruptGraceMs: 2e3,
  outputCapBytes: 10 * 1024 * 1024
};

// host/runtime-client.ts
var RuntimeClient = class _RuntimeClient {
  constructor(process2) {
    this.process = process2;
    this.disposables.add(process2.onMessage((message) => this.received(message)));
    this.disposables.add(process2.onExit((exit) => this.exited(exit)));
  }
  process;
  disposables = new DisposableStore();
  _onOutput = this.disposables.add(new Emitter());
  _onResponse = this.disposables.add(new Emitter());
  _onContainerDown = this.disposables.add(new Emitter());
  _onMemory = this.disposables.add(new Emitter());
  _onRuntimeDown = this.disposables.add(new Emitter());
  _onReady = this.disposables.add(new Emitter());
  onOutput = this._onOutput.event;
  onResponse = this._onResponse.event;
  onContainerDown = this._onContainerDown.event;
  onMemory = this._onMemory.event;
  /** Fires once, when the runtime process has ended, whatever ended it. */
  onRuntimeDown = this._onRuntimeDown.event;
  down;
  endingFor;
  heartbeat;
  lastPong = 0;
  pingId = 0;
  /** Starts a runtime and resolves once it is connected and ready. */
  static async start(launcher, options) {
    const client = new _RuntimeClient(launcher.launch({ cwd: options.cwd }));
    const ready = nextEvent(client._onReady.event);
    const failed = nextEvent(client.onRuntimeDown).then((down) => Promise.reject(new Error(`The runtime did not start: ${down.message}`)));
    const startTimeoutMs = options.startTimeoutMs ?? 15e3;
    let timer;
    const timedOut = new Promise((_, reject2) => {
      timer = setTimeout(() => reject2(new Error(`The runtime did not start within ${startTimeoutMs / 1e3} s`)), startTimeoutMs);
    });
    client.process.postMessage({ type: "connect", options: { ...defaultRuntimeOptions, ...options.runtime } });
    try {
      await Promise.race([ready, failed, timedOut]);
    } catch (error) {
      client.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    client.startHeartbeat(options.heartbeatIntervalMs ?? 1e3, options.heartbeatTimeoutMs ?? 5e3);
    return client;
  }
  get pid() {
    return this.process.pid;
  }
  /** Whether the process is gone; when it is, requests are ignored. */
  get isDown() {
    return this.down !== void 0;
  }
  evaluate(params) {
    this.process.postMessage({ type: "evaluate", ...params });
  }
  /** Evaluates and resolves with the response; rejects if the runtime goes down first. */
  evaluateAndWait(params) {
    const response = this.responseOf(params.containerRef, params.evaluationRef);
    this.evaluate(params);
    return response;
  }
  /** Resolves with the response to an evaluation already sent; rejects if the runtime goes down first. */
  responseOf(containerRef, evaluationRef) {
    if (this.down) return Promise.reject(new Error(this.down.message));
    const response = nextEvent(this.onResponse, (r) => r.containerRef === containerRef && r.evaluationRef === evaluationRef);
    const down = nextEvent(this.onRuntimeDown).then((d) => Promise.reject(new Error(d.message)));
    return Promise.race([response, down]);
  }
  forget(containerRef, evaluationRef) {
    this.process.postMessage({ type: "forget", containerRef, evaluationRef });
  }
  drop(containerRef) {
    this.process.postMessage({ type: "drop", containerRef });
  }
  interrupt(containerRef) {
    this.process.postMessage({ type: "interrupt", containerRef });
  }
  /** Asks the runtime to exit; kills it if it has not within `timeoutMs`. */
  async disconnect(timeoutMs = 2e3) {
    if (this.down) return;
    this.endingFor = "disconnected";
    const exited = nextEvent(this.onRuntimeDown);
    this.process.postMessage({ type: "disconnect" });
    const timer = setTimeout(() => this.process.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
  /** Ends the runtime at once. */
  kill() {
    this.endingFor ??= "disconnected";
    this.process.kill();
  }
  dispose() {
    this.kill();
    clearInterval(this.heartbeat);
    this.disposables.dispose();
  }
  startHeartbeat(intervalMs, timeoutMs) {
    this.lastPong = performance.now();
    this.heartbeat = setInterval(() => {
      if (performance.now() - this.lastPong > timeoutMs) {
        this.endingFor ??= "unresponsive";
        this.process.kill();
        return;
      }
      this.process.postMessage({ type: "ping", id: ++this.pingId });
    }, intervalMs);
    this.heartbeat.unref?.();
  }
  received(message) {
    switch (message.type) {
      case "ready":
        return this._onReady.fire(message);
      case "pong":
        this.lastPong = performance.now();
        return;
      case "output":
        return this._onOutput.fire(message);
      case "response":
        return this._onResponse.fire(message);
      case "container_down":
        return this._onContainerDown.fire(message);
      case "memory":
        return this._onMemory.fire(message);
    }
  }
  exited(exit) {
    clearInterval(this.heartbeat);
    const reason = this.endingFor ?? "exited";
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const message = reason === "unresponsive" ? "The runtime stopped answering its heartbeat and was killed; start a new one to go on" : reason === "disconnected" ? "The runtime was disconnected" : `The runtime stopped (${how}); start a new one to go on`;
    this.down = { ...exit, reason, message };
    this._onRuntimeDown.fire(this.down);
  }
};

// host/session/message-batcher.ts
var MessageBatcher = class {
  constructor(deliver, intervalMs = 16) {
    this.deliver = deliver;
    this.intervalMs = intervalMs;
  }
  deliver;
  intervalMs;
  pending = [];
  cancel;
  lastFlush = -Infinity;
  push(message, urgent = false) {
    this.pending.push(message);
    if (urgent) return this.flush();
    if (this.cancel) return;
    const wait = this.lastFlush + this.intervalMs - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      this.cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => this.flush(), wait);
      this.cancel = () => clearTimeout(timer);
    }
  }
  flush() {
    this.cancel?.();
    this.cancel = void 0;
    if (this.pending.length === 0) return;
    this.lastFlush = performance.now();
    const batch = this.pending;
    this.pending = [];
    this.deliver(batch);
  }
  dispose() {
    this.cancel?.();
    this.cancel = void 0;
    this.pending = [];
  }
};

// host/session/runtime-session.ts
var RuntimeSession = class {
  constructor(options) {
    this.options = options;
    this.batcher = new MessageBatcher((batch) => this._onMessages.fire(batch), options.batchIntervalMs);
  }
  options;
  disposables = new DisposableStore();
  _onStatus = this.disposables.add(new Emitter());
  _onMessages = this.disposables.add(new Emitter());
  onStatus = this._onStatus.event;
  onMessages = this._onMessages.event;
  batcher;
  client;
  starting;
  clientEvents = new DisposableStore();
  _status = { state: "disconnected" };
  /** Evaluations sent and not yet answered, per container: what makes the status busy. */
  running = /* @__PURE__ */ new Set();
  disposed = false;
  get status() {
    return this._status;
  }
  get pid() {
    return this.client?.pid;
  }
  /** Starts the runtime unless it runs already; resolves once it is ready. */
  async connect() {
    await this.ready();
  }
  async evaluate(request) {
    const client = await this.ready();
    const { language, label, ...refs } = request;
    this.running.add(`${refs.containerRef}\0${refs.evaluationRef}`);
    this.updateBusy();
    client.evaluate({ ...refs, options: { language, notebookDir: this.options.notebookDir(), ...label ? { label } : {} } });
  }
  forget(containerRef, evaluationRef) {
    this.client?.forget(containerRef, evaluationRef);
  }
  drop(containerRef) {
    this.client?.drop(containerRef);
  }
  interrupt(containerRef) {
    this.client?.interrupt(containerRef);
  }
  async disconnect() {
    const client = this.client ?? await this.starting?.catch(() => void 0);
    if (!client) return;
    await client.disconnect();
  }
  /** A fresh runtime: the old one is stopped (its down is reported), then a new one starts. */
  async restart() {
    await this.disconnect();
    await this.connect();
  }
  dispose() {
    this.disposed = true;
    this.client?.dispose();
    this.clientEvents.dispose();
    this.batcher.dispose();
    this.disposables.dispose();
  }
  ready() {
    if (this.client && !this.client.isDown) return Promise.resolve(this.client);
    this.starting ??= this.start().finally(() => this.starting = void 0);
    return this.starting;
  }
  async start() {
    if (this.disposed) throw new Error("The session is closed");
    this.setStatus({ state: "starting" });
    let client;
    try {
      client = await RuntimeClient.start(this.options.launcher, {
        cwd: this.options.notebookDir(),
        ...this.options.runtime ? { runtime: this.options.runtime } : {},
        ...this.options.heartbeatTimeoutMs ? { heartbeatTimeoutMs: this.options.heartbeatTimeoutMs } : {}
      });
    } catch (error) {
      this.setStatus({ state: "down", message: error.message, exitCode: null, signal: null });
      throw error;
    }
    if (this.disposed) {
      client.dispose();
      throw new Error("The session is closed");
    }
    this.clientEvents.dispose();
    this.clientEvents = new DisposableStore();
    this.clientEvents.add(client.onOutput((message) => this.batcher.push(message)));
    this.clientEvents.add(client.onContainerDown((message) => this.batcher.push(message, true)));
    this.clientEvents.add(
      client.onResponse((message) => {
        this.running.delete(`${message.containerRef}\0${message.evaluationRef}`);
        this.batcher.push(message, true);
        this.updateBusy();
      })
    );
    this.clientEvents.add(
      client.onMemory((memory) => {
        if (this._status.state === "ready" || this._status.state === "busy") this.setStatus({ ...this._status, memory });
      })
    );
    this.clientEvents.add(
      client.onRuntimeDown((down) => {
        this.running.clear();
        this.batcher.flush();
        this.setStatus({ state: "down", message: down.message, exitCode: down.code, signal: down.signal });
      })
    );
    this.client = client;
    this.setStatus({ state: "ready", pid: client.pid });
    return client;
  }
  updateBusy() {
    const status = this._status;
    if (status.state !== "ready" && status.state !== "busy") return;
    const state = this.running.size > 0 ? "busy" : "ready";
    if (state !== status.state) this.setStatus({ ...status, state });
  }
  setStatus(status) {
    this._status = status;
    this._onStatus.fire(status);
  }
};

// host/session/notebook-session.ts
var notebookExtension = ".tsnb";
var NotebookSession = class {
  constructor(options) {
    this.options = options;
    this.runtime = this.disposables.add(
      new RuntimeSession({
        launcher: options.launcher,
        notebookDir: () => this.path ? (0, import_node_path4.dirname)(this.path) : options.scratchDir,
        ...options.runtime ? { runtime: options.runtime } : {}
      })
    );
    this.disposables.add(this.runtime.onStatus((status) => this.emit("runtime.status", status)));
    this.disposables.add(this.runtime.onMessages((batch) => this.emit("runtime.messages", batch)));
    const runtime = this.runtime;
    this.handlers = {
      "host.info": () => options.host,
      "runtime.connect": () => runtime.connect(),
      "runtime.disconnect": () => runtime.disconnect(),
      "runtime.restart": () => runtime.restart(),
      "runtime.evaluate": (request) => runtime.evaluate(request),
      "runtime.forget": ({ containerRef, evaluationRef }) => runtime.forget(containerRef, evaluationRef),
      "runtime.drop": ({ containerRef }) => runtime.drop(containerRef),
      "runtime.interrupt": ({ containerRef }) => runtime.interrupt(containerRef),
      "runtime.status": () => runtime.status,
      "document.initial": () => this.initial ?? null,
      "document.new": () => this.newDocument(),
      "document.open": ({ path: path2 }) => this.open(path2),
      "document.save": ({ content, force }) => this.save(content, force ?? false),
      "document.saveAs": ({ content, path: path2 }) => this.saveAs(content, path2),
      "document.recent": () => options.recent.list(),
      "document.exportIpynb": ({ content, path: path2 }) => this.exportIpynb(content, path2),
      "document.changed": ({ content }) => options.backups.schedule(this.path, content),
      "document.dirty": ({ dirty }) => options.window?.setDirty(dirty),
      "window.close": () => options.window?.close(),
      "backup.list": () => options.backups.list(),
      "backup.restore": ({ id }) => this.restore(id),
      "backup.discard": ({ id }) => options.backups.remove(id)
    };
  }
  options;
  disposables = new DisposableStore();
  _onEvent = this.disposables.add(
    new Emitter()
  );
  runtime;
  path = null;
  /** What `document.initial` gives the renderer: the file this window was opened for, as it loads. */
  initial = null;
  handlers;
  /** The document's path; null while it was never saved. */
  get documentPath() {
    return this.path;
  }
  onEvent(listener) {
    return this._onEvent.event(({ event, payload }) => listener(event, payload));
  }
  dispose() {
    this.disposables.dispose();
  }
  emit(event, payload) {
    this._onEvent.fire({ event, payload });
  }
  newDocument() {
    this.path = null;
    return { path: null, content: this.options.newDocument() };
  }
  /**
   * Opens the file this session's window or tab was started for. The renderer may ask before the
   * file is read: it gets the same promise, and the error if the file cannot be read.
   */
  openInitial(path2) {
    this.initial = this.open(path2);
    return this.initial;
  }
  async open(requested) {
    const path2 = requested ?? await this.requireDialogs().chooseFileToOpen();
    if (!path2) return null;
    const content = await this.options.files.open(path2);
    this.path = path2;
    this.options.recent.add(path2);
    return { path: path2, content };
  }
  async save(content, force) {
    if (!this.path) return this.saveAs(content, void 0);
    return this.finishSave(await this.options.files.save(this.path, content, { force }));
  }
  async saveAs(content, requested) {
    const path2 = requested ?? await this.chooseSavePath(notebookExtension);
    if (!path2) return { ok: false, reason: "cancelled" };
    return this.finishSave(await this.options.files.save(path2, content, { force: true }));
  }
  finishSave(result) {
    if (result.ok) {
      this.options.backups.discard(this.path);
      this.path = result.path;
      this.options.recent.add(result.path);
      this.options.backups.discard(this.path);
    }
    return result;
  }
  async exportIpynb(content, requested) {
    const path2 = requested ?? await this.chooseSavePath(".ipynb");
    if (!path2) return { ok: false, reason: "cancelled" };
    await this.options.files.write(path2, content);
    return { ok: true, path: path2 };
  }
  async restore(id) {
    const restored = await this.options.backups.read(id);
    this.path = restored.path;
    return restored;
  }
  chooseSavePath(extension2) {
    const base = this.path?.replace(/\.[^./\\]+$/, "");
    return this.requireDialogs().chooseFileToSave({ ...base ? { defaultPath: base + extension2 } : {}, extension: extension2 });
  }
  requireDialogs() {
    if (!this.options.dialogs) throw new Error("This host has no file dialogs: give the file\u2019s path");
    return this.options.dialogs;
  }
};

// host/session/recent-files.ts
var import_node_fs2 = require("node:fs");
var limit = 20;
var RecentFilesStore = class {
  /** `file` is where the list is kept; without one it lives only as long as the process. */
  constructor(file, onAdd) {
    this.file = file;
    this.onAdd = onAdd;
    this.paths = file ? readList(file) : [];
  }
  file;
  onAdd;
  paths;
  list() {
    return this.paths;
  }
  add(path2) {
    this.paths = [path2, ...this.paths.filter((known) => known !== path2)].slice(0, limit);
    this.onAdd?.(path2);
    if (!this.file) return;
    try {
      (0, import_node_fs2.writeFileSync)(this.file, JSON.stringify(this.paths));
    } catch {
    }
  }
};
function readList(file) {
  try {
    const parsed = JSON.parse((0, import_node_fs2.readFileSync)(file, "utf8"));
    return Array.isArray(parsed) ? parsed.filter((item) => typeof item === "string").slice(0, limit) : [];
  } catch {
    return [];
  }
}

// host/session/session-backups.ts
var import_node_path5 = require("node:path");
var SessionBackups = class {
  constructor(store, untitledId) {
    this.store = store;
    this.untitledId = untitledId;
  }
  store;
  untitledId;
  schedule(path2, content) {
    this.store.schedule(this.keyFor(path2), content);
  }
  discard(path2) {
    void this.store.discard(this.keyFor(path2));
  }
  async list() {
    return this.store.list().backups.map((backup) => ({
      id: (0, import_node_path5.basename)(backup.file),
      path: backup.document.kind === "file" ? backup.document.path : null,
      savedAt: backup.savedAt
    }));
  }
  async read(id) {
    const backup = this.find(id);
    return { path: backup.document.kind === "file" ? backup.document.path : null, content: await this.store.read(backup) };
  }
  async remove(id) {
    await this.store.remove(this.find(id));
  }
  find(id) {
    const backup = this.store.list().backups.find((candidate) => (0, import_node_path5.basename)(candidate.file) === id);
    if (!backup) throw new Error(`No backup ${id}: it was restored or discarded already`);
    return backup;
  }
  keyFor(path2) {
    return path2 ? { kind: "file", path: path2 } : { kind: "untitled", id: this.untitledId };
  }
};

// host/serve/server.ts
var import_node_crypto5 = require("node:crypto");
var import_node_fs3 = require("node:fs");
var import_node_http = require("node:http");
var import_node_path7 = require("node:path");
var import_ws = require("ws");

// common/bridge/validate.ts
var maxText = 64 * 1024 * 1024;
var maxRef = 256;
var text = (limit2) => (value) => typeof value !== "string" ? "must be a string" : value.length > limit2 ? `is longer than ${limit2} characters` : void 0;
var oneOf = (...options) => (value) => typeof value === "string" && options.includes(value) ? void 0 : `must be one of ${options.join(", ")}`;
var nullable = (check) => (value) => value === null ? void 0 : check(value);
var boolean = (value) => typeof value === "boolean" ? void 0 : "must be a boolean";
var required = (check) => ({ check });
var optional = (check) => ({ check, optional: true });
function record(fields) {
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return "must be an object";
    for (const key of Object.keys(value)) if (!(key in fields)) return `has an unknown field "${key}"`;
    for (const [key, field] of Object.entries(fields)) {
      const item = value[key];
      if (item === void 0) {
        if (field.optional) continue;
        return `lacks "${key}"`;
      }
      const problem = field.check(item);
      if (problem) return `field "${key}" ${problem}`;
    }
    return void 0;
  };
}
var ref = text(maxRef);
var path = text(4096);
var signatures = {
  "host.info": [],
  "runtime.connect": [],
  "runtime.disconnect": [],
  "runtime.restart": [],
  "runtime.status": [],
  "runtime.evaluate": [
    record({
      containerRef: required(ref),
      evaluationRef: required(ref),
      prevEvaluationRef: required(nullable(ref)),
      code: required(text(maxText)),
      language: required(oneOf("js", "ts")),
      label: optional(text(maxRef))
    })
  ],
  "runtime.forget": [record({ containerRef: required(ref), evaluationRef: required(ref) })],
  "runtime.drop": [record({ containerRef: required(ref) })],
  "runtime.interrupt": [record({ containerRef: required(ref) })],
  "document.initial": [],
  "document.new": [],
  "document.open": [record({ path: optional(path) })],
  "document.save": [record({ content: required(text(maxText)), force: optional(boolean) })],
  "document.saveAs": [record({ content: required(text(maxText)), path: optional(path) })],
  "document.recent": [],
  "document.exportIpynb": [record({ content: required(text(maxText)), path: optional(path) })],
  "document.changed": [record({ content: required(text(maxText)) })],
  "document.dirty": [record({ dirty: required(boolean) })],
  "window.close": [],
  "backup.list": [],
  "backup.restore": [record({ id: required(ref) })],
  "backup.discard": [record({ id: required(ref) })]
};
function isBridgeChannel(channel) {
  return typeof channel === "string" && Object.hasOwn(signatures, channel);
}
function validateRequest(channel, args) {
  if (!isBridgeChannel(channel)) return { ok: false, reason: `unknown channel ${JSON.stringify(channel)}` };
  if (!Array.isArray(args)) return { ok: false, reason: `${channel}: arguments must be an array` };
  const checks = signatures[channel];
  if (args.length > checks.length) return { ok: false, reason: `${channel}: takes ${checks.length} argument(s), got ${args.length}` };
  for (const [index, check] of checks.entries()) {
    const problem = check(args[index]);
    if (problem) return { ok: false, reason: `${channel}: argument ${index + 1} ${problem}` };
  }
  return { ok: true, channel, args };
}
var bridgeChannels = Object.keys(signatures);

// host/content-types.ts
var import_node_path6 = require("node:path");
var contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf"
};
function contentTypeOf(file) {
  return contentTypes[(0, import_node_path6.extname)(file).toLowerCase()] ?? "application/octet-stream";
}

// host/serve/server.ts
var cookieName = "tessera_token";
async function serve(options) {
  const token = options.token ?? (0, import_node_crypto5.randomBytes)(24).toString("base64url");
  const sessions = /* @__PURE__ */ new Set();
  const presented = (request) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const fromQuery = url.searchParams.get("token");
    if (fromQuery) return fromQuery;
    const cookie = request.headers.cookie?.split(";").map((part) => part.trim().split("="));
    return cookie?.find(([name]) => name === cookieName)?.[1];
  };
  const authorised = (request) => {
    const given = Buffer.from(presented(request) ?? "");
    const expected = Buffer.from(token);
    return given.length === expected.length && (0, import_node_crypto5.timingSafeEqual)(given, expected);
  };
  const server = (0, import_node_http.createServer)((request, response) => {
    if (!authorised(request)) return deny(response);
    serveFile(options.rendererDir, request, response, token);
  });
  const sockets = new import_ws.WebSocketServer({ noServer: true, maxPayload: 128 * 1024 * 1024 });
  server.on("upgrade", (request, socket, head) => {
    const origin = request.headers.origin;
    const host = request.headers.host;
    const sameOrigin = origin === void 0 || origin === `http://${host}`;
    if (!authorised(request) || !sameOrigin) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws));
  });
  function connect(ws) {
    const session = options.createSession();
    sessions.add(session);
    let frame = [];
    const send = (item) => {
      if (frame.length === 0) {
        setImmediate(() => {
          const sending = frame;
          frame = [];
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(sending));
        });
      }
      frame.push(item);
    };
    const events = session.onEvent((event, payload) => send({ event, payload }));
    ws.on("message", async (data) => {
      let request;
      try {
        request = JSON.parse(String(data));
      } catch {
        return ws.close(1003, "not JSON");
      }
      send(await answer(session, request));
    });
    ws.on("close", () => {
      events.dispose();
      session.dispose();
      sessions.delete(session);
    });
  }
  await new Promise((resolve2, reject2) => {
    server.once("error", reject2);
    server.listen(options.port, "127.0.0.1", () => resolve2());
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    sessionCount: () => sessions.size,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      for (const session of sessions) session.dispose();
      sessions.clear();
      await new Promise((resolve2) => server.close(() => resolve2()));
    }
  };
}
async function answer(session, request) {
  const id = typeof request?.id === "number" ? request.id : -1;
  const valid = validateRequest(request?.channel, request?.args);
  if (!valid.ok) return { id, ok: false, error: { name: "BridgeError", message: valid.reason } };
  try {
    const handler = session.handlers[valid.channel];
    const result = await handler(...valid.args);
    return { id, ok: true, result: result ?? null };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, error: { name, message } };
  }
}
function deny(response) {
  response.writeHead(401, { "content-type": "text/plain; charset=utf-8" });
  response.end("Unauthorized: open the URL that `tessera serve` printed, with its token.\n");
}
function serveFile(root, request, response, token) {
  const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
  const relative = (0, import_node_path7.normalize)(decodeURIComponent(pathname === "/" ? "/index.html" : pathname));
  const file = (0, import_node_path7.join)(root, relative);
  if (!file.startsWith(root + import_node_path7.sep) || !(0, import_node_fs3.existsSync)(file) || !(0, import_node_fs3.statSync)(file).isFile()) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    response.end("Not found\n");
    return;
  }
  response.writeHead(200, {
    "content-type": contentTypeOf(file),
    // The token travels as a cookie after the first page, so that assets and the WebSocket carry it.
    "set-cookie": `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff"
  });
  (0, import_node_fs3.createReadStream)(file).pipe(response);
}

// host/serve/start.ts
async function startServe(options = {}) {
  const dataDir = options.dataDir ?? (0, import_node_path8.join)((0, import_node_os.homedir)(), ".tessera");
  const scratchDir = options.scratchDir ?? (0, import_node_path8.join)((0, import_node_os.homedir)(), "Tessera", "scratch");
  (0, import_node_fs4.mkdirSync)(scratchDir, { recursive: true });
  const backups = await BackupStore.open({ folder: (0, import_node_path8.join)(dataDir, "backups") });
  const recent = new RecentFilesStore((0, import_node_path8.join)(dataDir, "recent.json"));
  const file = options.file ? (0, import_node_path8.resolve)(options.file) : void 0;
  const server = await serve({
    port: options.port ?? 0,
    rendererDir: (0, import_node_path8.join)(packageRoot(), "out", "renderer"),
    ...options.token ? { token: options.token } : {},
    createSession: () => {
      const session = new NotebookSession({
        host: { kind: "serve", fileDialogs: false, platform: process.platform },
        launcher: forkLauncher(),
        scratchDir,
        files: new TrackedDocumentFiles(),
        recent,
        backups: new SessionBackups(backups, (0, import_node_crypto6.randomUUID)()),
        newDocument: newDocumentText,
        ...options.runtime ? { runtime: options.runtime } : {}
      });
      if (file) session.openInitial(file).catch(() => void 0);
      return session;
    }
  });
  return {
    ...server,
    close: async () => {
      await server.close();
      await backups.flush();
      backups.dispose();
    }
  };
}

// tests/renderer/harness.ts
var import_node_fs5 = require("node:fs");
var import_node_path9 = require("node:path");
var import_playwright_core = require("playwright-core");
var repoRoot = (0, import_node_path9.join)(__dirname, "..", "..", "..");
var resultsDir = (0, import_node_path9.join)(repoRoot, "test-results");
function findChromium() {
  const candidates = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
  for (const candidate of candidates) if (candidate && (0, import_node_fs5.existsSync)(candidate)) return candidate;
  let bundled;
  try {
    bundled = import_playwright_core.chromium.executablePath();
  } catch {
    bundled = void 0;
  }
  if (bundled && (0, import_node_fs5.existsSync)(bundled)) return bundled;
  throw new Error(
    "No Chromium found for the renderer tests: set CHROMIUM to a Chromium or Chrome binary, install one (Debian: apt-get install chromium), or run `npx playwright install chromium`."
  );
}

// bench/ui/probe.ts
var pageProbe = String.raw`(() => {
  const b = {
    supported: {},
    longTasks: [],
    frames: [],
    events: [],
    keys: [],
    firstCellSeen: -1,
    firstCellPainted: -1,
    cellsAtFirstRender: 0,
    editorSeen: -1,
    editorPainted: -1,
    editorsAtInteractive: 0,
    typingCell: null,
  };
  window.__uiBench = b;

  const observe = (type, onEntry, options) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true, ...options });
      b.supported[type] = true;
    } catch {
      b.supported[type] = false;
    }
  };
  observe('longtask', (e) => b.longTasks.push({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) =>
    b.frames.push({
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration,
      renderStart: e.renderStart,
      styleAndLayoutStart: e.styleAndLayoutStart,
      scripts: e.scripts.map((s) => ({
        invoker: s.invoker,
        fn: s.sourceFunctionName,
        url: s.sourceURL,
        at: s.sourceCharPosition,
        duration: s.duration,
        forcedLayout: s.forcedStyleAndLayoutDuration,
      })),
    }),
  );
  // 16 ms is the smallest threshold the Event Timing API accepts: quicker events are not reported.
  observe('event', (e) => b.events.push({ name: e.name, start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd }), { durationThreshold: 16 });

  const afterNextFrame = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(performance.now());
      channel.port2.postMessage(null);
    });
  b.afterNextFrame = afterNextFrame;

  // Opening: the first cell in the DOM, and the first code cell's live Monaco editor with its lines.
  const firstCodeEditorLines = () => document.querySelector('.cell[data-cell-kind="code"]')?.querySelector('.monaco-editor .view-lines .view-line') ?? null;
  const watcher = new MutationObserver(() => {
    if (b.firstCellSeen < 0 && document.querySelector('.cell') !== null) {
      b.firstCellSeen = performance.now();
      b.cellsAtFirstRender = document.querySelectorAll('.cell').length;
      afterNextFrame((t) => (b.firstCellPainted = t));
    }
    if (b.firstCellSeen >= 0 && b.editorSeen < 0 && firstCodeEditorLines() !== null) {
      b.editorSeen = performance.now();
      afterNextFrame((t) => {
        b.editorPainted = t;
        b.editorsAtInteractive = document.querySelectorAll('.cell .monaco-editor').length;
      });
      watcher.disconnect();
    }
  });
  watcher.observe(document, { childList: true, subtree: true });

  // Typing: once b.typingCell is set, each keydown is timed from the event's own time stamp (when
  // the browser took the key, so waiting for a busy main thread counts) to the end of the first
  // frame after which the cell's editor shows a change: its text, or its cursor's place (typing a
  // closing bracket Monaco inserted itself only moves the cursor). At most 30 frames are awaited.
  const signature = (cell) => {
    const lines = cell.querySelector('.view-lines');
    const cursor = cell.querySelector('.cursors-layer .cursor');
    return (lines?.textContent ?? '') + '|' + (cursor === null ? '' : cursor.style.top + ',' + cursor.style.left);
  };
  addEventListener(
    'keydown',
    (event) => {
      const cell = b.typingCell;
      if (cell === null) return;
      const before = signature(cell);
      const key = { key: event.key, down: event.timeStamp, painted: -1, frames: 0, changed: false };
      const check = () =>
        afterNextFrame((now) => {
          key.frames++;
          key.changed = signature(cell) !== before;
          if (!key.changed && key.frames < 30) return check();
          key.painted = now;
          b.keys.push(key);
          window.__uiBenchKeyDone?.(b.keys.length);
        });
      check();
    },
    true,
  );

  // Printing: whether the second code cell shows Evaluated and its last output line is lastLine
  // (the last non-empty row of a long, virtualised output — the list can end in a blank row —; the
  // last line of a short one). When it is, the trace gets its end marker and the time is returned.
  b.printed = (lastLine) => {
    const cell = document.querySelectorAll('.cell[data-cell-kind="code"]')[1];
    const rows = [...(cell?.querySelectorAll('.virtual-line') ?? [])].map((row) => row.textContent).filter((text) => text !== '');
    const text = rows.length > 0 ? rows[rows.length - 1] : cell?.querySelector('.output-text')?.textContent?.trim().split('\n').pop();
    const state = cell?.querySelector('.cell-status')?.getAttribute('data-state');
    b.printedState = { state, lastRows: rows.slice(-3) };
    if (state !== 'evaluated' || text !== lastLine) return false;
    console.timeStamp('ui-bench-end');
    return performance.now();
  };
})();`;

// bench/ui/trace.ts
var isTask = (event) => event.ph === "X" && (event.name === "RunTask" || event.name === "ThreadControllerImpl::RunTask");
function mainThreadTasks(trace, startMarker, endMarker) {
  const events = JSON.parse(String(trace)).traceEvents;
  const marker = (label) => events.find((event) => event.name === "TimeStamp" && event.args?.data?.["message"] === label);
  const start = marker(startMarker);
  const end = marker(endMarker);
  if (start === void 0 || end === void 0) throw new Error(`the trace lacks the markers ${startMarker} / ${endMarker}`);
  const onMain = events.filter((event) => event.pid === start.pid && event.tid === start.tid);
  const tasks = onMain.filter((event) => isTask(event) && event.ts + (event.dur ?? 0) >= start.ts && event.ts <= end.ts);
  const durations = tasks.map((task) => (task.dur ?? 0) / 1e3);
  const longest = tasks.reduce((best, task) => (task.dur ?? 0) > (best?.dur ?? -1) ? task : best, void 0);
  return {
    tasks: durations,
    longestMs: longest === void 0 ? 0 : (longest.dur ?? 0) / 1e3,
    longestCpuMs: longest?.tdur === void 0 ? NaN : longest.tdur / 1e3,
    mostCpuMs: Math.max(0, ...tasks.map((task) => (task.tdur ?? 0) / 1e3)),
    longestBreakdown: longest === void 0 ? "" : breakdown(longest, onMain),
    busyMs: durations.reduce((sum, ms) => sum + ms, 0),
    windowMs: (end.ts - start.ts) / 1e3
  };
}
function breakdown(task, thread) {
  const taskEnd = task.ts + (task.dur ?? 0);
  const inside = thread.filter((event) => event !== task && event.ph === "X" && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= taskEnd && !isTask(event)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals = /* @__PURE__ */ new Map();
  const add = (name, us) => totals.set(name, (totals.get(name) ?? 0) + us / 1e3);
  const label = (event) => {
    const data = event.args?.data;
    if (typeof data?.["functionName"] === "string" && data["functionName"] !== "") return `${event.name}(${data["functionName"]})`;
    if (typeof data?.["type"] === "string") return `${event.name}(${data["type"]})`;
    return event.name;
  };
  const stack = [{ event: task, end: taskEnd, childUs: 0 }];
  const close = (open4) => add(open4.event === task ? "(task)" : label(open4.event), (open4.event.dur ?? 0) - open4.childUs);
  for (const event of inside) {
    while (stack.length > 1 && event.ts >= (stack.at(-1)?.end ?? 0)) close(stack.pop());
    const parent = stack.at(-1);
    parent.childUs += event.dur ?? 0;
    stack.push({ event, end: event.ts + (event.dur ?? 0), childUs: 0 });
  }
  while (stack.length > 0) close(stack.pop());
  return [...totals].filter(([, ms]) => ms >= 0.1).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, ms]) => `${name} ${ms.toFixed(1)}ms`).join(", ");
}

// bench/report.ts
var round = (n) => Math.round(n * 1e3) / 1e3;
function report(figure) {
  const ratio = figure.value / figure.baseline;
  console.log(
    JSON.stringify({
      name: figure.name,
      value: round(figure.value),
      unit: figure.unit,
      baseline: round(figure.baseline),
      baselineName: figure.baselineName,
      ratio: round(ratio),
      ...figure.maxRatio !== void 0 ? { goal: `ratio <= ${figure.maxRatio}`, met: ratio <= figure.maxRatio } : {},
      ...figure.maxValue !== void 0 ? { goal: `value < ${figure.maxValue}`, met: figure.value < figure.maxValue } : {},
      ...figure.extra
    })
  );
}
function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))] ?? NaN;
}
var median = (samples) => percentile(samples, 50);

// bench/ui.bench.ts
var openRuns = 3;
var quietWindowMs = 1e3;
var typedText = "const doubled = rows1.map((n) => n * 2).filter((n) => n % 3 === 0); const total = doubled.reduce((sum, n) => sum + n, 0); console.log('total', total, doubled.length); total / Math.max(1, doubled.length)".slice(0, 200);
var streamRuns = 3;
var keyIntervalMs = 80;
var pageErrors = /* @__PURE__ */ new Set();
var round1 = (ms) => Math.round(ms * 10) / 10;
async function uiBenchmarks() {
  const dir = (0, import_node_fs6.mkdtempSync)((0, import_node_path10.join)((0, import_node_os2.tmpdir)(), "tessera-bench-ui-"));
  const servers = [];
  let browser;
  try {
    const files = writeNotebooks(dir);
    browser = await import_playwright_core2.chromium.launch({
      executablePath: findChromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    });
    const serve2 = async (name) => {
      const server = await startServe({ file: files[name], dataDir: (0, import_node_path10.join)(dir, `data-${name}`), scratchDir: (0, import_node_path10.join)(dir, `scratch-${name}`) });
      servers.push(server);
      return server.url;
    };
    const [bigUrl, oneUrl] = await Promise.all([serve2("big"), serve2("one")]);
    await openingBenchmark(browser, bigUrl, oneUrl);
    await typingBenchmark(browser, bigUrl, oneUrl);
    const [manyUrl, fewUrl] = await Promise.all([serve2("print100000"), serve2("print100")]);
    await streamingBenchmark(browser, manyUrl, fewUrl);
  } finally {
    if (pageErrors.size > 0) console.error(`ui bench: the pages threw: ${[...pageErrors].join(" | ")}`);
    pageErrors.clear();
    await browser?.close().catch(() => void 0);
    await Promise.all(servers.map((server) => server.close().catch(() => void 0)));
    (0, import_node_fs6.rmSync)(dir, { recursive: true, force: true });
  }
}
function writeNotebooks(dir) {
  const sample = buildSampleNotebook(1e3, sequentialIds("c"));
  const firstCode = sample.setup.cells.find((cell) => cell.kind === "code");
  if (firstCode === void 0) throw new Error("the sample notebook has no code cell");
  const code = (id, source) => ({ kind: "code", id, language: "js", source, metadata: {}, outputs: [] });
  const notebookOf = (cells) => ({
    title: "Bench",
    setup: { id: "s0", title: "", cells, metadata: {} },
    sections: [],
    metadata: {},
    saveOutputs: false
  });
  const printing = (lines) => notebookOf([code("warm", "0"), code("print", `for (let i = 0; i < ${lines}; i++) console.log(i)`)]);
  const files = {
    big: (0, import_node_path10.join)(dir, "thousand.tsnb"),
    one: (0, import_node_path10.join)(dir, "one.tsnb"),
    print100000: (0, import_node_path10.join)(dir, "print-100000.tsnb"),
    print100: (0, import_node_path10.join)(dir, "print-100.tsnb")
  };
  (0, import_node_fs6.writeFileSync)(files.big, serializeNotebook(sample));
  (0, import_node_fs6.writeFileSync)(files.one, serializeNotebook({ ...notebookOf([firstCode]), title: sample.title }));
  (0, import_node_fs6.writeFileSync)(files.print100000, serializeNotebook(printing(1e5)));
  (0, import_node_fs6.writeFileSync)(files.print100, serializeNotebook(printing(100)));
  return files;
}
async function readProbe(page) {
  return page.evaluate(() => {
    const state = globalThis.__uiBench;
    return JSON.parse(JSON.stringify(state, (key, value) => key === "typingCell" || key === "afterNextFrame" || key === "printed" ? void 0 : value));
  });
}
async function open3(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: "light" });
  context.setDefaultTimeout(3e4);
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.add(error.message.split("\n")[0] ?? ""));
  const response = await page.goto(url);
  if (response?.ok() !== true) {
    await context.close();
    throw new Error(`${url} answered ${response?.status()}: is out/renderer built (npm run build)?`);
  }
  await page.waitForFunction(
    (quiet) => {
      const b = globalThis.__uiBench;
      if (b.editorPainted < 0) return false;
      const lastLongTaskEnd2 = Math.max(0, ...b.longTasks.map((task) => task.start + task.duration));
      return performance.now() - Math.max(b.editorPainted, lastLongTaskEnd2) >= quiet;
    },
    quietWindowMs,
    { polling: 100, timeout: 3e4 }
  ).catch(async (error) => {
    const probe2 = await readProbe(page).catch(() => void 0);
    const shown = await page.evaluate(() => globalThis.document.body.innerText.slice(0, 400)).catch(() => "?");
    await context.close();
    throw new Error(`${url} did not become interactive: ${error.message}; the page showed ${JSON.stringify(shown)}; the probe saw ${JSON.stringify(probe2)}`);
  });
  const probe = await readProbe(page);
  const lastLongTaskEnd = Math.max(0, ...probe.longTasks.map((task) => task.start + task.duration));
  return { context, page, probe, firstRenderMs: probe.firstCellPainted, interactiveMs: Math.max(probe.editorPainted, lastLongTaskEnd) };
}
async function openingBenchmark(browser, bigUrl, oneUrl) {
  const big = [];
  const one = [];
  for (let run = 0; run <= openRuns; run++) {
    for (const [url, into] of [[bigUrl, big], [oneUrl, one]]) {
      const opened = await open3(browser, url);
      await opened.context.close();
      if (run > 0) into.push(opened);
    }
  }
  const longest = (runs) => median(runs.map((run) => Math.max(0, ...run.probe.longTasks.map((task) => task.duration))));
  const worstFrame = describeWorstFrame(big.flatMap((run) => run.probe.frames));
  report({
    name: "ui.open_1000_cells_first_render",
    unit: "ms",
    value: median(big.map((run) => run.firstRenderMs)),
    baseline: median(one.map((run) => run.firstRenderMs)),
    baselineName: "the same for a notebook of 1 cell",
    maxValue: 1500,
    extra: {
      runs: openRuns,
      cells_in_dom_at_first_render: big[0]?.probe.cellsAtFirstRender ?? 0,
      all_runs_ms: big.map((run) => Math.round(run.firstRenderMs)).join(" ")
    }
  });
  report({
    name: "ui.open_1000_cells_interactive",
    unit: "ms",
    value: median(big.map((run) => run.interactiveMs)),
    baseline: median(one.map((run) => run.interactiveMs)),
    baselineName: "the same for a notebook of 1 cell",
    maxValue: 1500,
    extra: {
      runs: openRuns,
      first_editor_painted_ms: Math.round(median(big.map((run) => run.probe.editorPainted))),
      live_editors: big[0]?.probe.editorsAtInteractive ?? 0,
      long_tasks: median(big.map((run) => run.probe.longTasks.length)),
      longest_task_ms: Math.round(longest(big)),
      baseline_longest_task_ms: Math.round(longest(one)),
      worst_frame: worstFrame,
      all_runs_ms: big.map((run) => Math.round(run.interactiveMs)).join(" ")
    }
  });
}
function describeWorstFrame(frames) {
  const worst = frames.reduce((best, frame) => frame.duration > (best?.duration ?? -1) ? frame : best, void 0);
  if (worst === void 0) return "none";
  const scripts = [...worst.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3).map((script) => `${script.invoker} ${script.fn || "?"}@${script.url.split("/").pop() ?? ""}:${script.at} ${Math.round(script.duration)}ms`);
  const render = worst.start + worst.duration - worst.renderStart;
  return `${Math.round(worst.duration)}ms at ${Math.round(worst.start)}ms (render ${Math.round(worst.renderStart > 0 ? render : 0)}ms): ${scripts.join("; ")}`;
}
async function typeInto(browser, url) {
  const { context, page } = await open3(browser, url);
  try {
    let keysDone = 0;
    let wake;
    await page.exposeFunction("__uiBenchKeyDone", (count) => {
      keysDone = count;
      wake?.();
    });
    const cell = page.locator('.cell[data-cell-kind="code"]').first();
    await cell.locator(".monaco-editor").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await (0, import_promises4.setTimeout)(300);
    await cell.evaluate((element) => {
      globalThis.__uiBench.typingCell = element;
    });
    for (const [index, char] of [...typedText].entries()) {
      const started = performance.now();
      await page.keyboard.type(char);
      while (keysDone <= index) {
        const shown = await Promise.race([new Promise((resolve2) => wake = () => resolve2(true)), (0, import_promises4.setTimeout)(15e3, false)]);
        if (!shown) throw new Error(`${url}: the key ${JSON.stringify(char)} (number ${index + 1}) was not seen within 15 s`);
      }
      const left = keyIntervalMs - (performance.now() - started);
      if (left > 0) await (0, import_promises4.setTimeout)(left);
    }
    const probe = await readProbe(page);
    const keys = probe.keys;
    const entries = keys.map((key, index) => {
      const next = keys[index + 1]?.down ?? Infinity;
      return probe.events.filter((e) => ["keydown", "keypress", "beforeinput", "input"].includes(e.name) && e.start >= key.down - 0.5 && e.start < next - 0.5);
    });
    return {
      frameMs: keys.map((key) => key.painted - key.down),
      eventTimingMs: entries.map((mine) => mine.length === 0 ? void 0 : Math.max(...mine.map((e) => e.duration))),
      handlersMs: entries.filter((mine) => mine.length > 0).map((mine) => mine.reduce((sum, e) => sum + e.processingEnd - e.processingStart, 0)),
      unchanged: keys.filter((key) => !key.changed).length
    };
  } finally {
    await context.close();
  }
}
async function typingBenchmark(browser, bigUrl, oneUrl) {
  const big = await typeInto(browser, bigUrl);
  const one = await typeInto(browser, oneUrl);
  const perKey = (typed) => typed.frameMs.map((ms, index) => typed.eventTimingMs[index] ?? ms);
  const [value, baseline] = [perKey(big), perKey(one)];
  const reported = (typed) => typed.eventTimingMs.filter((ms) => ms !== void 0).length;
  report({
    name: "ui.keystroke_to_paint_1000_cells_p95",
    unit: "ms",
    value: percentile(value, 95),
    baseline: percentile(baseline, 95),
    baselineName: "the same cell alone in a 1-cell notebook",
    maxValue: 16,
    extra: {
      keys: value.length,
      p50_ms: round1(percentile(value, 50)),
      max_ms: round1(Math.max(...value)),
      baseline_p50_ms: round1(percentile(baseline, 50)),
      frame_p50_ms: round1(percentile(big.frameMs, 50)),
      frame_p95_ms: round1(percentile(big.frameMs, 95)),
      baseline_frame_p50_ms: round1(percentile(one.frameMs, 50)),
      baseline_frame_p95_ms: round1(percentile(one.frameMs, 95)),
      event_timing_keys_over_16ms: reported(big),
      handlers_p50_ms: round1(median(big.handlersMs)),
      baseline_handlers_p50_ms: round1(median(one.handlersMs)),
      baseline_event_timing_keys_over_16ms: reported(one),
      keys_without_visible_change: big.unchanged
    }
  });
}
async function stream(browser, url, lines) {
  const { context, page } = await open3(browser, url);
  try {
    const cells = page.locator('.cell[data-cell-kind="code"]');
    await cells.nth(0).locator(".run-button").click();
    await cells.nth(0).locator('.cell-status[data-state="evaluated"]').waitFor();
    await (0, import_promises4.setTimeout)(300);
    await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline"] });
    const started = await page.evaluate(() => {
      console.timeStamp("ui-bench-start");
      return performance.now();
    });
    await cells.nth(1).locator(".run-button").click();
    const last = String(lines - 1);
    const ended = await page.waitForFunction((lastLine) => globalThis.__uiBench.printed(lastLine), last, {
      polling: 25,
      timeout: 6e4
    }).catch(async (error) => {
      const seen = await page.evaluate(() => globalThis.__uiBench.printedState).catch(() => void 0);
      throw new Error(`the cell printing ${lines} lines never showed its last line as evaluated: ${error.message}; last seen ${JSON.stringify(seen)}`);
    });
    const endedAt = await ended.jsonValue();
    const trace = await browser.stopTracing();
    const tasks = mainThreadTasks(trace, "ui-bench-start", "ui-bench-end");
    const probe = await readProbe(page);
    const longTasks = probe.longTasks.filter((task) => task.start + task.duration >= started && task.start <= endedAt);
    const frames = probe.frames.filter((frame) => frame.start + frame.duration >= started && frame.start <= endedAt);
    return {
      longestTaskMs: tasks.longestMs,
      longestCpuMs: tasks.longestCpuMs,
      mostCpuMs: tasks.mostCpuMs,
      breakdown: tasks.longestBreakdown,
      busyMs: tasks.busyMs,
      tasks: tasks.tasks.length,
      windowMs: endedAt - started,
      longTasks: longTasks.length,
      longTaskTotalMs: longTasks.reduce((sum, task) => sum + task.duration, 0),
      longTaskMaxMs: Math.max(0, ...longTasks.map((task) => task.duration)),
      worstFrame: describeWorstFrame(frames)
    };
  } finally {
    await context.close();
  }
}
async function streamingBenchmark(browser, manyUrl, fewUrl) {
  const many = [];
  const few = [];
  for (let run = 0; run < streamRuns; run++) {
    many.push(await stream(browser, manyUrl, 1e5));
    few.push(await stream(browser, fewUrl, 100));
  }
  const typical = (runs) => [...runs].sort((a, b) => a.longestTaskMs - b.longestTaskMs)[Math.floor(runs.length / 2)];
  const [value, baseline] = [typical(many), typical(few)];
  report({
    name: "ui.print_100000_lines_longest_task",
    unit: "ms",
    value: value.longestTaskMs,
    baseline: baseline.longestTaskMs,
    baselineName: "the same for a cell printing 100 lines",
    maxValue: 50,
    extra: {
      runs: streamRuns,
      all_runs_ms: many.map((run) => Math.round(run.longestTaskMs)).join(" "),
      longest_task_cpu_ms: round1(value.longestCpuMs),
      most_cpu_in_one_task_ms: round1(value.mostCpuMs),
      baseline_most_cpu_in_one_task_ms: round1(baseline.mostCpuMs),
      run_to_last_line_ms: Math.round(value.windowMs),
      main_thread_busy_ms: Math.round(value.busyMs),
      tasks: value.tasks,
      long_tasks: value.longTasks,
      long_tasks_total_ms: Math.round(value.longTaskTotalMs),
      long_task_api_max_ms: Math.round(value.longTaskMaxMs),
      longest_task_did: value.breakdown,
      worst_frame: value.worstFrame,
      baseline_run_to_last_line_ms: Math.round(baseline.windowMs),
      baseline_main_thread_busy_ms: Math.round(baseline.busyMs),
      baseline_long_tasks: baseline.longTasks
    }
  });
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  uiBenchmarks
});
