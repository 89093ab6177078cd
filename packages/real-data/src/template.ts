import {
  formatCount,
  formatDuration,
  formatMetric,
  formatNumber,
  formatPercent,
  METRICS,
  type MetricId,
  metricUnit,
  NO_DATA,
} from '@rapport/metrics';
import type { DatasetKey } from './analyse.ts';
import type { FigureItem, Figures, FigureValue, Pooled, Quote, TextTemplate } from './figures.ts';
import { DATASET_TITLES } from './finding-texts.ts';
import { cell, quote } from './markdown.ts';

export type {
  FigureItem,
  Figures,
  FigureValue,
  ListTemplate,
  Pooled,
  Quote,
  Scalar,
  TextTemplate,
} from './figures.ts';

/**
 * Filling a text template from named figures. `{name}` is a figure as it is (a count, a word);
 * `{name|format}` or `{name|format:argument}` reads it through the one formatter of packages/metrics
 * (`number:3`, `percent:1`, `metric:<id>`, `duration`, `plural:<noun>`, `pooled:<id>`) or as markdown
 * (`cell`, `code`, `quote`, `turn-text`, `dataset`). A list figure is written item by item through
 * the template's `lists` entry of the same name. A placeholder without its figure, or with a value
 * its format cannot read, is an error: the document never says "undefined".
 */

const PLACEHOLDER = /\{([A-Za-z]\w*)(?:\|([\w-]+)(?::([^}]+))?)?\}/g;

export interface Placeholder {
  name: string;
  format: string | undefined;
  argument: string | undefined;
}

export function placeholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map(([, name, format, argument]) => ({
    name: name as string,
    format,
    argument,
  }));
}

/**
 * Every figure a template reads: the names in its text, and for each list the item fields its `each`
 * reads (as `list.field`).
 */
export function figureNames(template: TextTemplate): string[] {
  const names = placeholders(template.text).map((p) => p.name);
  const fields = Object.entries(template.lists ?? {}).flatMap(([list, { each }]) =>
    placeholders(each).map((p) => `${list}.${p.name}`),
  );
  return [...new Set([...names, ...fields])];
}

/** The template's text with every placeholder filled; `where` names the template in errors. */
export function fillTemplate(template: TextTemplate, figures: Figures, where: string): string {
  const lines: string[] = [];
  for (const line of template.text.split('\n')) {
    const filled = fillLine(line, (p) => fillPlaceholder(template, figures, p, where));
    // A table whose rows are a list with no items keeps its header, not an empty line.
    const onlyPlaceholder = placeholders(line).length === 1 && line.replace(PLACEHOLDER, '').trim() === '';
    if (!(onlyPlaceholder && filled === '')) lines.push(filled);
  }
  return lines.join('\n');
}

function fillLine(text: string, fill: (p: Placeholder) => string): string {
  return text.replace(PLACEHOLDER, (_match, name: string, format?: string, argument?: string) =>
    fill({ name, format, argument }),
  );
}

function fillPlaceholder(template: TextTemplate, figures: Figures, p: Placeholder, where: string): string {
  const value = Object.hasOwn(figures, p.name) ? figures[p.name] : undefined;
  if (value === undefined) throw new Error(`${where}: no figure for {${p.name}}`);
  if (!isList(value)) return formatValue(value, p, where);
  const list = template.lists?.[p.name];
  if (!list) throw new Error(`${where}: {${p.name}} is a list, and the template has no list text for it`);
  const items = list.limit === undefined ? value : value.slice(0, list.limit);
  if (items.length === 0) return list.empty ?? '';
  return items
    .map((item, i) =>
      fillLine(list.each, (field) => {
        const fieldValue = Object.hasOwn(item, field.name) ? item[field.name] : undefined;
        if (fieldValue === undefined) {
          throw new Error(`${where}: no figure for {${field.name}} in item ${i} of {${p.name}}`);
        }
        return formatValue(fieldValue, field, `${where} {${p.name}}[${i}]`);
      }),
    )
    .join(list.join);
}

function isList(value: FigureValue): value is readonly FigureItem[] {
  return Array.isArray(value);
}

function isQuote(value: unknown): value is Quote {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Quote).text === 'string' &&
    typeof (value as Quote).start === 'number' &&
    typeof (value as Quote).end === 'number'
  );
}

function isPooled(value: unknown): value is Pooled {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Pooled).n === 'number' &&
    ((value as Pooled).value === null || typeof (value as Pooled).value === 'number')
  );
}

const METRIC_IDS = new Set<string>(METRICS.map((m) => m.id));

function formatValue(
  value: Exclude<FigureValue, readonly FigureItem[]>,
  p: Placeholder,
  where: string,
): string {
  const wrong = (what: string) =>
    new Error(
      `${where}: {${p.name}${p.format ? `|${p.format}` : ''}} needs ${what}, got ${JSON.stringify(value)}`,
    );
  const numberOrNull = (): number | null => {
    if (value === null || typeof value === 'number') return value;
    throw wrong('a number or null');
  };
  const metric = (): MetricId => {
    if (p.argument === undefined || !METRIC_IDS.has(p.argument)) throw wrong('a metric id after the format');
    return p.argument as MetricId;
  };
  const digits = (fallback: number): number => {
    const n = p.argument === undefined ? fallback : Number(p.argument);
    if (!Number.isInteger(n) || n < 0) throw wrong('a whole number of digits after the format');
    return n;
  };
  switch (p.format) {
    case undefined:
      // Bare placeholders are counts and words; a value that can be missing must say how it reads.
      if (typeof value === 'number' || typeof value === 'string') return String(value);
      throw wrong('a number or a string (or a format for this value)');
    case 'number':
      return formatNumber(numberOrNull(), digits(2));
    case 'percent':
      return formatPercent(numberOrNull(), digits(0));
    case 'metric':
      return formatMetric(numberOrNull(), metricUnit(metric()));
    case 'duration':
      return formatDuration(numberOrNull());
    case 'plural':
      if (typeof value !== 'number' || p.argument === undefined) throw wrong('a number and a noun');
      return formatCount(value, p.argument);
    case 'pooled':
      if (!isPooled(value)) throw wrong('a pooled value { value, n }');
      return value.n === 0 ? NO_DATA : `${formatMetric(value.value, metricUnit(metric()))} (n = ${value.n})`;
    case 'cell':
      if (typeof value !== 'string') throw wrong('a string');
      return cell(value);
    case 'code':
      if (typeof value !== 'string') throw wrong('a string');
      return `\`${value}\``;
    case 'quote':
      if (!isQuote(value)) throw wrong('a quote { text, start, end }');
      return quote(value.text, value.start, value.end);
    case 'turn-text':
      if (!isQuote(value)) throw wrong('a quote { text, start, end }');
      return cell(value.text);
    case 'dataset':
      if (typeof value !== 'string' || !Object.hasOwn(DATASET_TITLES, value)) throw wrong('a data set key');
      return DATASET_TITLES[value as DatasetKey];
    default:
      throw new Error(`${where}: unknown format "${p.format}" in {${p.name}|${p.format}}`);
  }
}
