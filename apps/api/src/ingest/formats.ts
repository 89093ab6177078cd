import fs from 'node:fs';
import path from 'node:path';
import { parseContactLens } from './contact-lens.ts';
import { parseTurnsCsv } from './csv.ts';
import { type ParsedItem, parseJsonl } from './jsonl.ts';

export const FORMATS = ['jsonl', 'csv', 'contact-lens'] as const;
export type Format = (typeof FORMATS)[number];

/** The format a file is in: as told, else by its extension (`.csv` → csv, otherwise JSON Lines). */
export function formatOf(file: string, told?: string): Format {
  if (told !== undefined) {
    if (!(FORMATS as readonly string[]).includes(told)) {
      throw new Error(`Unknown format "${told}": expected one of ${FORMATS.join(', ')}`);
    }
    return told as Format;
  }
  return path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

const PARSERS: Record<Format, (input: NodeJS.ReadableStream) => AsyncGenerator<ParsedItem>> = {
  jsonl: parseJsonl,
  csv: parseTurnsCsv,
  'contact-lens': parseContactLens,
};

/** Streams a file's records in the given format. Bytes, not text: each parser decodes strictly. */
export function parseFile(file: string, format: Format): AsyncGenerator<ParsedItem> {
  return PARSERS[format](fs.createReadStream(file));
}
