import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseContactLens } from './contact-lens.ts';
import { parseTurnsCsv } from './csv.ts';
import { interactionLogJsonSchema, interactionLogJsonSchemaText, SCHEMA_FILE } from './json-schema.ts';
import { type ParsedItem, parseJsonl } from './jsonl.ts';
import { parseConversation } from './record.ts';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
};

/**
 * Just the JSON Schema keywords the generated schema uses, enough to check that the published file
 * accepts and refuses what the importer does. Returns the paths that fail.
 */
function violations(schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.anyOf) {
    return schema.anyOf.some((option) => violations(option, value, at).length === 0) ? [] : [`${at}: anyOf`];
  }
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length && !types.some((type) => hasType(value, type))) return [`${at}: type ${types.join('|')}`];
  const failures: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) failures.push(`${at}: enum`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) failures.push(`${at}: minLength`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
      failures.push(`${at}: pattern`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) failures.push(`${at}: minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) failures.push(`${at}: maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) failures.push(`${at}: minItems`);
    const items = schema.items;
    if (items) {
      for (const [i, item] of value.entries()) failures.push(...violations(items, item, `${at}[${i}]`));
    }
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) if (!(key in value)) failures.push(`${at}.${key}: required`);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (key in value) failures.push(...violations(property, value[key], `${at}.${key}`));
    }
  }
  return failures;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isObject(value);
  return typeof value === type;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function records(items: AsyncIterable<ParsedItem>): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const item of items) if ('record' in item) all.push(item.record);
  return all;
}

const fixture = (name: string) => createReadStream(new URL(`./fixtures/${name}`, import.meta.url));
const schema = interactionLogJsonSchema() as Schema;

const valid = {
  id: 'c-1',
  channel: 'voice',
  startedAt: '2026-11-02T09:15:00Z',
  endedAt: '2026-11-02T10:21:30+01:00',
  agent: { id: 'a-17', name: null },
  customer: { name: 'Sam Lee' },
  turns: [{ speaker: 'customer', text: 'Hi', startMs: 0, endMs: 2600 }],
  events: [{ type: 'promise', at: '2026-11-02T09:19:00Z', dueAt: '2026-11-04T17:00:00Z', note: 'kept' }],
  survey: { csat: 4, comment: null },
  unknownField: 'ignored on import',
};

describe('docs/interaction-log.schema.json', () => {
  test('is the schema generated from record.ts (regenerate: tsx src/ingest/json-schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(interactionLogJsonSchemaText());
  });

  test('requires what DESIGN.md requires', () => {
    expect((schema as { required?: string[] }).required).toEqual([
      'id',
      'channel',
      'startedAt',
      'endedAt',
      'agent',
      'turns',
    ]);
  });

  test('accepts a full valid record, as the importer does', () => {
    expect(parseConversation(valid).ok).toBe(true);
    expect(violations(schema, valid)).toEqual([]);
  });

  test.each([
    ['no id', { id: undefined }, '$.id: required'],
    ['an empty id', { id: '' }, '$.id: minLength'],
    ['an unknown channel', { channel: 'fax' }, '$.channel: enum'],
    ['a date without time zone', { startedAt: '2026-11-02 09:15' }, '$.startedAt: pattern'],
    ['an agent without id', { agent: { name: 'Priya' } }, '$.agent.id: required'],
    ['no turns', { turns: [] }, '$.turns: minItems'],
    [
      'an unknown speaker',
      { turns: [{ speaker: 'bot', text: 'Hi', startMs: 0 }] },
      '$.turns[0].speaker: enum',
    ],
    [
      'a negative offset',
      { turns: [{ speaker: 'agent', text: 'Hi', startMs: -5 }] },
      '$.turns[0].startMs: minimum',
    ],
    [
      'a fractional offset',
      { turns: [{ speaker: 'agent', text: 'Hi', startMs: 1.5 }] },
      '$.turns[0].startMs: type integer',
    ],
    ['a CSAT of 7', { survey: { csat: 7 } }, '$.survey: anyOf'],
    ['an event without time', { events: [{ type: 'resolved' }] }, '$.events[0].at: required'],
  ])('refuses %s, as the importer does', (_name, change, failure) => {
    const bad = JSON.parse(JSON.stringify({ ...valid, ...change }));
    expect(parseConversation(bad).ok).toBe(false);
    expect(violations(schema, bad)).toContain(failure);
  });

  test('accepts every record the three importers produce from the fixtures', async () => {
    const all = [
      ...(await records(parseJsonl(fixture('conversations.jsonl')))),
      ...(await records(parseTurnsCsv(fixture('turns.csv')))),
      ...(await records(parseContactLens(fixture('contact-lens-call.json')))),
      ...(await records(parseContactLens(fixture('contact-lens-chat.json')))),
    ];
    expect(all).toHaveLength(8);
    // No field is left as `undefined`: a record is exactly its JSON.
    for (const record of all) expect(JSON.parse(JSON.stringify(record))).toStrictEqual(record);
    for (const record of all) expect(violations(schema, record)).toEqual([]);
  });
});
