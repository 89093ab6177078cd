import { Readable } from 'node:stream';
import { formatBytes } from '@rapport/metrics';
import { MAX_LINE_BYTES } from './input-limits.ts';
import { invalidUtf8Offset } from './text-safety.ts';

/** A file's text as it arrives: a Node stream (bytes or strings) or any async source of text chunks. */
export type TextInput = AsyncIterable<string> | NodeJS.ReadableStream;

export function toReadable(input: TextInput): NodeJS.ReadableStream {
  if (isReadableStream(input)) return input;
  return Readable.from(input, { objectMode: false });
}

function isReadableStream(input: TextInput): input is NodeJS.ReadableStream {
  return typeof (input as NodeJS.ReadableStream).pipe === 'function';
}

/**
 * A file read as bytes and cut at line feeds, each line checked before it becomes text: the bytes are
 * UTF-8 (a decoder would replace what is not, silently changing the data), and the line is not over
 * the size limit. A line over the limit is not kept in memory: its bytes are counted and dropped.
 */
export type TextLine = { line: number; text: string } | { line: number; error: string };

export async function* textLines(
  input: TextInput,
  options: { maxLineBytes?: number; keepCarriageReturn?: boolean } = {},
): AsyncGenerator<TextLine> {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  for await (const raw of byteLines(input, maxLineBytes, options.keepCarriageReturn ?? false)) {
    if (raw.bytes === null) {
      yield {
        line: raw.line,
        error: `the line is longer than ${formatBytes(maxLineBytes)}, the limit for one record`,
      };
      continue;
    }
    const invalid = invalidUtf8Offset(raw.bytes);
    if (invalid !== null) {
      yield {
        line: raw.line,
        error: `the line is not valid UTF-8 at byte ${invalid + 1} (a compressed or binary file? Unpack or convert it to UTF-8 text first)`,
      };
      continue;
    }
    const nul = raw.bytes.indexOf(0);
    if (nul !== -1) {
      yield {
        line: raw.line,
        error: `the line contains a NUL character at byte ${nul + 1} (a binary file?)`,
      };
      continue;
    }
    yield { line: raw.line, text: raw.bytes.toString('utf8') };
  }
}

/** The lines' bytes (without the line feed, and unless kept, the CR before it); null for a line over the limit. */
async function* byteLines(
  input: TextInput,
  maxLineBytes: number,
  keepCarriageReturn: boolean,
): AsyncGenerator<{ line: number; bytes: Buffer | null }> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 1;
  const take = () => {
    const whole = Buffer.concat(parts, size);
    const bytes = tooLong ? null : keepCarriageReturn ? whole : withoutCarriageReturn(whole);
    parts = [];
    size = 0;
    tooLong = false;
    return { line: line++, bytes };
  };
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const feed = buffer.indexOf(0x0a, start);
      const end = feed === -1 ? buffer.length : feed;
      if (!tooLong) {
        if (size + (end - start) > maxLineBytes) {
          tooLong = true;
          parts = [];
        } else if (end > start) {
          parts.push(buffer.subarray(start, end));
          size += end - start;
        }
      }
      if (feed === -1) break;
      yield take();
      start = feed + 1;
    }
  }
  if (size > 0 || tooLong) yield take();
}

function withoutCarriageReturn(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
}

/**
 * A file as strictly decoded UTF-8 text, line by line (each with its line break as given), for parsers that
 * take a text stream (CSV). Invalid UTF-8, a NUL byte or an over-long line ends the text with an
 * `UnreadableTextError` that says where.
 */
export async function* strictText(input: TextInput, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string> {
  for await (const item of textLines(input, { maxLineBytes, keepCarriageReturn: true })) {
    if ('error' in item) throw new UnreadableTextError(item.line, item.error);
    yield `${item.text}\n`;
  }
}

export class UnreadableTextError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
