import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { convertAbcdConversation } from './abcd.ts';
import type { Converted } from './converted.ts';
import { convertHarperValleyCall, type HarperValleyOptions } from './harper-valley.ts';
import { convertIbmTwitterConversation, type IbmTwitterOptions } from './ibm-twitter.ts';

/**
 * Reading the public data sets from their folders (`../shared/datasets/` by default) into converted
 * records. The files are small JSON documents (under 1 MB), read whole.
 */
export const DATASET_FOLDERS = {
  harperValley: 'harper-valley-sample',
  ibmTwitter: 'ibm-twitter-customer-care',
  abcd: 'abcd-sample',
  vader: 'vader-reference',
} as const;

type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

function readJson(file: string): JsonRead {
  if (!existsSync(file)) return { ok: false, error: `missing file ${path.basename(file)}` };
  try {
    return { ok: true, value: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (error) {
    return { ok: false, error: `invalid JSON in ${path.basename(file)}: ${(error as Error).message}` };
  }
}

/** One call per `transcript/<sid>.json`, with its `metadata/<sid>.json`. */
export function loadHarperValley(folder: string, options: HarperValleyOptions = {}): Converted[] {
  const transcripts = path.join(folder, 'transcript');
  return readdirSync(transcripts)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const source = name.replace(/\.json$/, '');
      const transcript = readJson(path.join(transcripts, name));
      const metadata = readJson(path.join(folder, 'metadata', name));
      if (!transcript.ok) return { source, result: transcript };
      if (!metadata.ok) return { source, result: metadata };
      return { source, result: convertHarperValleyCall(transcript.value, metadata.value, options) };
    });
}

/** Every conversation of a JSON array file, each named `file[index]`. */
function loadArray(file: string, convert: (item: unknown) => Converted['result']): Converted[] {
  const name = path.basename(file);
  const json = readJson(file);
  if (!json.ok) return [{ source: name, result: json }];
  if (!Array.isArray(json.value)) {
    return [
      { source: name, result: { ok: false, error: `${name}: expected a JSON array of conversations` } },
    ];
  }
  return json.value.map((item, index) => ({ source: `${name}[${index}]`, result: convert(item) }));
}

export function loadIbmTwitter(folder: string, options: IbmTwitterOptions = {}): Converted[] {
  return loadArray(path.join(folder, 'test.json'), (item) => convertIbmTwitterConversation(item, options));
}

export function loadAbcd(folder: string): Converted[] {
  return loadArray(path.join(folder, 'abcd_sample.json'), convertAbcdConversation);
}
