/** The markdown the report is written in: escaped table cells, quoted matches, tables. */

/** Text safe inside a markdown table cell. */
export function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .trim();
}

/** The matched span in bold with some of its turn around it. */
export function quote(turnText: string, start: number, end: number, context = 50, longest = 140): string {
  const cut = end - start > longest;
  const before = turnText.slice(Math.max(0, start - context), start);
  const after = cut ? '' : turnText.slice(end, end + context);
  const lead = start - context > 0 ? '…' : '';
  const tail = cut || end + context < turnText.length ? '…' : '';
  const match = cell(turnText.slice(start, cut ? start + longest : end));
  return `${lead}${cell(before)}${/\s$/.test(before) ? ' ' : ''}**${match}**${/^\s/.test(after) ? ' ' : ''}${cell(after)}${tail}`;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
