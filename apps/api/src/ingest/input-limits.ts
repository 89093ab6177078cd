/**
 * How large one piece of an interaction log may be. A log line is read whole before it is parsed, so
 * without a bound a single 50 MB line costs gigabytes (the line, its parse, its turns and their
 * evidence); with these, one record stays within a few tens of megabytes whatever the file holds.
 */

/** One JSON Lines line, i.e. one conversation, or one physical line of a CSV file. */
export const MAX_LINE_BYTES = 5 * 1024 * 1024;
/** Longer than any real chat message or call segment (a 20-minute monologue is about 20,000). */
export const MAX_TURN_CHARS = 100_000;
export const MAX_TURNS = 10_000;
export const MAX_EVENTS = 10_000;
/** Ids, names, teams, queues, event types: short labels, never text. */
export const MAX_LABEL_CHARS = 1_000;
