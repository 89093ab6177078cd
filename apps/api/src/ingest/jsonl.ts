import { type ConversationRecord, parseConversation } from './record.ts';
import { type TextInput, textLines, toReadable } from './text-lines.ts';

/**
 * What every parser yields, one item per conversation: the validated record, or the reason it was
 * rejected. `line` is 1-based and points at where the conversation starts in the file (or, for a
 * rejection, at the first line that is wrong).
 */
export type ParsedItem = { line: number; record: ConversationRecord } | { line: number; error: string };

/**
 * Interaction log format v1: one JSON conversation a line; blank lines are skipped. Lines are read as
 * bytes (text-lines.ts), so that invalid UTF-8, NUL bytes and over-long lines are refused per line.
 */
export async function* parseJsonl(input: TextInput): AsyncGenerator<ParsedItem> {
  for await (const item of textLines(toReadable(input))) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const source = item.line === 1 ? stripByteOrderMark(item.text) : item.text;
    if (source.trim() === '') continue;
    yield parseJsonLine(source, item.line);
  }
}

function parseJsonLine(text: string, line: number): ParsedItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `invalid JSON: ${(error as Error).message}` };
  }
  const result = parseConversation(value);
  return result.ok ? { line, record: result.record } : { line, error: result.error };
}

export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
