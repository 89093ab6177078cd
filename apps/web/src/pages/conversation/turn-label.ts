const LABEL_CHARACTERS = 48;

/**
 * The start of a turn, enough to tell it apart in a list: "Turn 3 · agent: I can see the…". White
 * space is folded, and a long turn is cut after its last whole word that fits.
 */
export function turnLabel(turn: { index: number; speaker: string; text: string }): string {
  const words = turn.text.trim().replace(/\s+/g, ' ');
  let start = words;
  if (words.length > LABEL_CHARACTERS) {
    const cut = words.slice(0, LABEL_CHARACTERS);
    const lastSpace = cut.lastIndexOf(' ');
    start = `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
  }
  return `Turn ${turn.index + 1} · ${turn.speaker}: ${start}`;
}
