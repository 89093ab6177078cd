export * from './buckets.ts';
export * from './days.ts';
export * from './period.ts';
export * from './range.ts';
