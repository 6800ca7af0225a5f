import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { JsonSyntaxError, parseJsonWithPositions } from '../json/locate.js';
import { parseRecordLine } from '../listen/record-format.js';
import { DEFAULT_MAX_LINE_BYTES, readLineBatches, type Line, type LineOptions } from './lines.js';

/** A file to replay: one webhook body (`json`) or a `lead-kit listen` recording (`recording`, JSONL). */
export interface InputFile {
  /** absolute path */
  path: string;
  /** size in bytes */
  size: number;
  /** the path as the user wrote it (directory + name for directory members), for messages */
  display: string;
  kind: 'json' | 'recording';
}

/** One payload read from the inputs, before signing. */
export interface RawItem {
  /** file, or file:line for recordings */
  where: string;
  /** the exact bytes to send */
  body: Buffer;
  /** the recorded request headers (recordings only) */
  headers?: Record<string, string | string[]>;
}

const RECORDING_EXTS = new Set(['.jsonl', '.ndjson']);
const kindOf = (file: string): InputFile['kind'] => (RECORDING_EXTS.has(extname(file).toLowerCase()) ? 'recording' : 'json');

/** Expands the arguments: files as given, directories into their *.json / *.jsonl / *.ndjson files, by name. */
export async function expandInputs(args: readonly string[], cwd: string): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      throw new InputError(`cannot read ${arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        hint: 'pass JSON files, directories of them, or lead-kit listen recordings (.jsonl)',
      });
    }
    if (!info.isDirectory()) {
      // A device or FIFO may never end (or block until a writer appears): replay reads files only.
      if (!info.isFile())
        throw new InputError(`${arg} is not a regular file (${nonFileKind(info)}): replay reads files`, {
          hint: 'save the data to a file first (e.g. lead-kit listen --record deliveries.jsonl) and replay that',
        });
      out.push({ path, display: arg, kind: kindOf(arg), size: info.size });
      continue;
    }
    const names = (await readdir(path))
      .filter((n) => n.toLowerCase().endsWith('.json') || RECORDING_EXTS.has(extname(n).toLowerCase()))
      .sort();
    if (names.length === 0)
      throw new InputError(`${arg} has no .json, .jsonl or .ndjson files`, {
        hint: 'point replay at the directory that holds the payloads',
      });
    for (const n of names)
      out.push({ path: join(path, n), display: join(arg, n), kind: kindOf(n), size: (await stat(join(path, n))).size });
  }
  return out;
}

function nonFileKind(info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** Called for a payload or recording line that cannot be replayed; throws to stop (--on-error fail). */
export type OnMalformed = (where: string, reason: string) => void;

function syntaxWhere(text: string, display: string, lineNo?: number): { where: string; reason: string } {
  try {
    parseJsonWithPositions(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      // A recording line is parsed on its own, so the error's column is the column within that line.
      return { where: `${display}:${lineNo ?? err.position.line}:${err.position.column}`, reason: `not valid JSON: ${err.message}` };
    }
  }
  return { where: lineNo === undefined ? display : `${display}:${lineNo}`, reason: 'not valid JSON' };
}

async function* jsonFile(f: InputFile, onMalformed: OnMalformed, maxBytes: number): AsyncGenerator<RawItem[]> {
  if (f.size > maxBytes) {
    onMalformed(f.display, `the file is larger than ${maxBytes} bytes (${f.size} bytes; raise --max-line-bytes if it is a real delivery)`);
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(f.path);
  } catch (err) {
    throw new InputError(`cannot read ${f.display}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const text = body.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    const { where, reason } = syntaxWhere(text, f.display);
    onMalformed(where, reason);
    return;
  }
  // The file's bytes are sent exactly as they are: never re-serialized.
  yield [{ where: f.display, body }];
}

/**
 * The payloads of a batch of recording lines; a malformed line goes to `onMalformed`. When that throws (--on-error
 * fail), the payloads before it come back with the error, to go out first. A plain function rather than code
 * inside the reading generator: V8 then optimizes only this per-line loop, not a whole async generator.
 */
function recordingItems(
  lines: Line[],
  f: InputFile,
  onMalformed: OnMalformed,
  maxLineBytes: number,
): { items: RawItem[]; fatal?: { error: unknown } } {
  const items: RawItem[] = [];
  for (const { line, text, overLimit } of lines) {
    const parsed: ReturnType<typeof parseRecordLine> =
      overLimit === undefined
        ? parseRecordLine(text)
        : {
            ok: false,
            reason: `the line is longer than ${maxLineBytes} bytes (${overLimit} bytes; raise --max-line-bytes if it is a real delivery)`,
          };
    if (!parsed.ok) {
      const located = parsed.reason.startsWith('not valid JSON')
        ? syntaxWhere(text, f.display, line)
        : { where: `${f.display}:${line}`, reason: parsed.reason };
      try {
        onMalformed(located.where, located.reason);
      } catch (err) {
        return { items, fatal: { error: err } };
      }
      continue;
    }
    const item: RawItem = { where: `${f.display}:${line}`, body: parsed.body };
    if (parsed.record.headers) item.headers = parsed.record.headers;
    items.push(item);
  }
  return { items };
}

async function* recording(f: InputFile, onMalformed: OnMalformed, opts: LineOptions): AsyncGenerator<RawItem[]> {
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  try {
    for await (const lines of readLineBatches(f.path, opts)) {
      const { items, fatal } = recordingItems(lines, f, onMalformed, maxLineBytes);
      // Fatal (--on-error fail): the lines before the malformed one still go out, in order.
      if (items.length > 0) yield items;
      if (fatal) throw fatal.error;
    }
  } catch (err) {
    if (err instanceof InputError || !(err as NodeJS.ErrnoException).code) throw err;
    throw new InputError(`cannot read ${f.display}: ${(err as NodeJS.ErrnoException).code}`);
  }
}

/** Streams every payload of the inputs, in order, in batches (a read chunk of a recording, or one file). */
export async function* readItems(files: readonly InputFile[], onMalformed: OnMalformed, opts: LineOptions = {}): AsyncGenerator<RawItem[]> {
  for (const f of files) {
    if (opts.signal?.aborted) return;
    if (f.kind === 'json') yield* jsonFile(f, onMalformed, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    else yield* recording(f, onMalformed, opts);
  }
}
