/** A span of a turn's text that a metric flagged: [start, end) in UTF-16 code units, as the API gives it. */
export interface Span {
  start: number;
  end: number;
}

export interface Segment<S extends Span> {
  text: string;
  start: number;
  end: number;
  /** The spans covering this piece of text (empty: plain text). */
  covering: S[];
  /** The spans that end with this piece: their labels go right after it. */
  ending: S[];
}

/**
 * Cuts a text at every span boundary so that overlapping flags can all be shown in place: each piece
 * knows which spans cover it and which end with it. Spans are clipped to the text; empty ones still get
 * a (zero-width) place so their label is not lost.
 */
export function segmentText<S extends Span>(text: string, spans: readonly S[]): Segment<S>[] {
  const clipped = spans.map((s) => {
    const start = Math.max(0, Math.min(text.length, s.start));
    return { span: s, start, end: Math.max(start, Math.min(text.length, s.end)) };
  });
  const cuts = new Set<number>([0, text.length]);
  for (const c of clipped) {
    cuts.add(c.start);
    cuts.add(c.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment<S>[] = [];
  for (const [i, start] of points.entries()) {
    const end = points[i + 1];
    if (end === undefined) break;
    segments.push({
      text: text.slice(start, end),
      start,
      end,
      covering: clipped.filter((c) => c.start <= start && c.end >= end && c.end > c.start).map((c) => c.span),
      ending: clipped
        .filter((c) => c.end === end && (c.end > c.start || c.start === start))
        .map((c) => c.span),
    });
  }
  if (segments.length === 0)
    segments.push({ text, start: 0, end: 0, covering: [], ending: clipped.map((c) => c.span) });
  return segments;
}

/** A place where the searched words occur in a text. */
export interface SearchHit extends Span {
  hit: true;
}

/**
 * Every case-insensitive occurrence of `query` in `text`, as the search found it (a substring of any
 * turn), so that the opened conversation shows why it matched. Empty for a query under 2 characters.
 */
export function findHits(text: string, query: string | undefined): SearchHit[] {
  const needle = query?.trim() ?? '';
  if (needle.length < 2) return [];
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, hit: true }));
}
