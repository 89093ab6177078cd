/** A count with its noun, "1 conversation", "1,204 conversations" (digits grouped in the reader's locale). */
export function formatCount(n: number, one: string, many = `${one}s`, locale?: string): string {
  return `${n.toLocaleString(locale)} ${n === 1 ? one : many}`;
}

const KB = 1024;
const MB = 1024 * KB;

/** A size as limits and progress state it: "512 bytes", "4 KB", "1.5 MB" (binary steps, no trailing ".0"). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
  return bytes === 1 ? '1 byte' : `${bytes} bytes`;
}

/** An offset into a conversation, "m:ss". */
export function formatOffset(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `2026-11-25 14:03 (Europe/Berlin)`: an instant as the organisation's clocks showed it. */
export function formatInstant(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}

/**
 * The peer set behind a team median, in words: "median of 9 teammates with ≥ 5 conversations", or why
 * there is none. `marks: 'words'` for the PDF's built-in fonts, which have no ≥.
 */
export function describePeerMedian(
  median: { peers: number; minConversations: number },
  marks: 'symbols' | 'words' = 'symbols',
): string {
  const atLeast = marks === 'symbols' ? '≥' : 'at least';
  const who = `${formatCount(median.peers, 'teammate')} with ${atLeast} ${median.minConversations} conversations`;
  return median.peers === 0
    ? `no teammates with ${atLeast} ${median.minConversations} conversations`
    : `median of ${who}`;
}
