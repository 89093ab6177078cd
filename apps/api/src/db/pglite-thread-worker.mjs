// The thread's entry: registers tsx's loader in this thread, then runs the TypeScript side. A worker
// thread does not inherit a loader registered in its parent (vitest, tsx's CLI), so it brings its own.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pglite-thread-worker.ts', import.meta.url);
