export * from './metric-value.ts';
export * from './quantities.ts';
