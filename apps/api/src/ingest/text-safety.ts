import { isUtf8 } from 'node:buffer';

/**
 * Text that PostgreSQL cannot store, caught at the ingest boundary so that a record is refused with a
 * reason a person can act on instead of a raw database error (or a crash while that error is stored):
 * bytes that are not UTF-8 (never replaced silently), NUL characters (text and jsonb refuse them) and
 * lone UTF-16 surrogates, which JSON's `\ud800` escapes can produce and no encoding can store.
 */

/** Byte offset (0-based) of the first byte that does not start a valid UTF-8 sequence; null when all is valid. */
export function invalidUtf8Offset(bytes: Uint8Array): number | null {
  if (isUtf8(bytes)) return null;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const continuations =
      lead >= 0xc2 && lead <= 0xdf
        ? 1
        : lead >= 0xe0 && lead <= 0xef
          ? 2
          : lead >= 0xf0 && lead <= 0xf4
            ? 3
            : 0;
    if (continuations === 0) return i;
    // The second byte's range also rules out overlong forms, surrogates (ED A0…) and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= continuations; k += 1) {
      const byte = bytes[i + k];
      if (byte === undefined) return i;
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return i;
    }
    i += continuations + 1;
  }
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a string that cannot be stored, or null when it can. */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
}

/**
 * The first string (value or key) in a parsed JSON value that cannot be stored, with its path such as
 * `turns.3.text`. Walks with its own stack: a deeply nested line must not overflow the call stack.
 */
export function findUnstorableText(value: unknown): { path: string; problem: string } | null {
  // Each item points at its parent instead of carrying its path: a line of 2 million nested arrays
  // must cost linear time, and the path is only spelled out for the one item that is reported.
  type Item = { value: unknown; key: string | null; parent: Item | null };
  const pathOf = (item: Item | null) => {
    const keys: string[] = [];
    for (let at = item; at; at = at.parent) if (at.key !== null) keys.push(at.key);
    keys.reverse();
    return (keys.length > 12 ? `${keys.slice(0, 12).join('.')}.…` : keys.join('.')) || '(record)';
  };
  const stack: Item[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    if (typeof item.value === 'string') {
      const problem = unstorableText(item.value);
      if (problem) return { path: pathOf(item), problem };
    } else if (item.value !== null && typeof item.value === 'object') {
      const entries = Array.isArray(item.value)
        ? item.value.map((v, i) => [String(i), v] as const)
        : Object.entries(item.value);
      // Pushed in reverse, so that the first problem in reading order is found first.
      for (const [key, child] of entries.reverse()) {
        const keyProblem = unstorableText(key);
        if (keyProblem) return { path: pathOf(item), problem: `has a key that ${keyProblem}` };
        stack.push({ value: child, key, parent: item });
      }
    }
  }
  return null;
}

/**
 * A message that is safe to store and show whatever it quotes: NUL, other control characters but tab
 * and line breaks, and lone surrogates are written as `\uXXXX`. Rejection reasons quote the input
 * (a JSON parser's message quotes the line), and they are stored with the upload.
 */
export function printable(message: string): string {
  return message.replace(
    new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]|${LONE_SURROGATE.source}`, 'g'),
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
