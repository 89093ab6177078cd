import { configureLog } from '@rapport/api/observability/log.ts';

// Servers created inside the test process log only warnings and errors: a request line for each of
// the suite's thousands of calls would bury the test output. Server processes keep their own level.
configureLog({ level: 'warn' });
