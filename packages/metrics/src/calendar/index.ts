export * from './buckets.ts';
export * from './days.ts';
export * from './period.ts';
export * from './presets.ts';
export * from './range.ts';
