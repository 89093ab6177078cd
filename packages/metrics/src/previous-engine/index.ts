export * from './catalog.ts';
export * from './coaching/index.ts';
export type * from './conversation.ts';
export * from './dismissals.ts';
export * from './engine.ts';
export * from './lexicons/index.ts';
export * from './period.ts';
export * from './result.ts';
export { sentiment } from './sentiment.ts';
