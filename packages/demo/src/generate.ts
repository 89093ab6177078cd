import { CHANNELS, type Channel, type Conversation, type Turn } from '@rapport/metrics';
import * as P from './phrases.ts';
import { deriveSeed, Random } from './random.ts';
import {
  type DemoAgent,
  type DemoLanguage,
  type DemoRoster,
  type DemoTeamId,
  demoRoster,
  type Habits,
  habitsAt,
} from './roster.ts';

export interface DemoOptions {
  /** Same seed, same records (default 1). */
  seed?: number;
  /** How many conversations (default 20,000). */
  conversations?: number;
  /** Exclusive end of the demo period: nothing is dated at or after it (default 2026-11-20T00:00:00Z). */
  end?: Date;
  /** Length of the period in calendar months before `end` (default 6). */
  months?: number;
}

export const DEMO_DEFAULTS = {
  seed: 1,
  conversations: 20_000,
  end: '2026-11-20T00:00:00Z',
  months: 6,
} as const;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Business hours in the organisation's time zone (UTC) and how busy each hour is. */
const OPENING_HOUR = 8;
const HOUR_WEIGHTS = [0.6, 1, 1.2, 1.1, 0.8, 0.9, 1.1, 1, 0.8, 0.5];
/** Monday to Friday: Mondays are busiest. */
const WEEKDAY_WEIGHTS: Record<number, number> = { 1: 1.2, 2: 1.05, 3: 1, 4: 1, 5: 0.9 };

const TEAM_SHARE = [0.3, 0.3, 0.25, 0.15];
const CHANNEL_MIX: Record<DemoTeamId, number[]> = {
  billing: [0.5, 0.3, 0.2],
  'tech-support': [0.45, 0.4, 0.15],
  orders: [0.3, 0.45, 0.25],
  retention: [0.7, 0.2, 0.1],
};
const VACATION_DAYS = 5;
/** Share of a bilingual agent's conversations that come through the Spanish queue. */
const SPANISH_SHARE = 0.2;

type RecordEvent = NonNullable<Conversation['events']>[number];

type Outcome = 'resolved' | 'promise' | 'pending' | 'transfer';

interface Message {
  speaker: 'customer' | 'agent' | 'system';
  parts: string[];
  /** The agent message that carries the conversation's promise. */
  promise?: boolean;
  /** The agent puts the customer on hold after saying so (`P.HOLD_START`). */
  hold?: boolean;
  /** Silence before the message, when it is not the usual gap (after a hold). */
  delayMs?: number;
}

interface Context {
  seed: number;
  rng: Random;
  roster: DemoRoster;
  teams: DemoAgent[][];
  vacationStart: Map<string, number>;
  customerPool: number;
  periodStartMs: number;
  periodEndMs: number;
}

/**
 * Synthetic interaction logs (format v1) for demos, tests and benchmarks: 4 teams, 40 agents with
 * persistent habits, voice, chat and email over `months` of weekday business hours, in chronological
 * order. Streams: one record at a time, the same records for the same options.
 */
export function* generateDemo(options: DemoOptions = {}): Generator<Conversation> {
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const total = options.conversations ?? DEMO_DEFAULTS.conversations;
  const months = options.months ?? DEMO_DEFAULTS.months;
  const end = options.end ?? new Date(DEMO_DEFAULTS.end);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer (found ${seed})`);
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`conversations must be a whole number ≥ 0 (found ${total})`);
  if (!Number.isInteger(months) || months < 1)
    throw new Error(`months must be a whole number ≥ 1 (found ${months})`);
  if (Number.isNaN(end.getTime())) throw new Error('end must be a valid date');

  const periodEndMs = end.getTime();
  const start = new Date(periodEndMs);
  start.setUTCMonth(start.getUTCMonth() - months);
  const periodStartMs = start.getTime();
  const days = businessDays(periodStartMs, periodEndMs);
  if (days.length === 0) throw new Error('the demo period holds no business day');

  const roster = demoRoster(seed);
  const rng = new Random(deriveSeed(seed, 0xc0ffee));
  const teams = roster.teams.map((team) => roster.agents.filter((a) => a.team === team.id));
  const vacationStart = new Map<string, number>();
  for (const agent of roster.agents)
    vacationStart.set(agent.id, rng.int(0, Math.max(0, days.length - VACATION_DAYS)));
  const ctx: Context = {
    seed,
    rng,
    roster,
    teams,
    vacationStart,
    customerPool: Math.max(20, Math.round(total / 3)),
    periodStartMs,
    periodEndMs,
  };

  // Whole conversations per day from cumulative weights: exact total, no day-to-day drift.
  let weightSum = 0;
  for (const day of days) weightSum += day.weight;
  let cumulative = 0;
  let allocated = 0;
  let index = 0;
  for (let d = 0; d < days.length; d++) {
    const day = days[d] as BusinessDay;
    cumulative += day.weight;
    const upTo = Math.round((total * cumulative) / weightSum);
    const count = upTo - allocated;
    allocated = upTo;
    const offsets: number[] = [];
    for (let i = 0; i < count; i++) {
      const hour = rng.weighted(HOUR_WEIGHTS);
      offsets.push((OPENING_HOUR + hour) * HOUR + Math.floor((rng.next() * HOUR) / SECOND) * SECOND);
    }
    offsets.sort((a, b) => a - b);
    for (const offset of offsets) {
      yield conversation(ctx, index++, day.startMs + offset, d);
    }
  }
}

interface BusinessDay {
  startMs: number;
  weight: number;
}

function businessDays(fromMs: number, toMs: number): BusinessDay[] {
  const days: BusinessDay[] = [];
  const first = new Date(fromMs);
  let dayStart = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
  if (dayStart < fromMs) dayStart += DAY;
  const closing = (OPENING_HOUR + HOUR_WEIGHTS.length) * HOUR;
  for (; dayStart + closing <= toMs; dayStart += DAY) {
    const weight = WEEKDAY_WEIGHTS[new Date(dayStart).getUTCDay()];
    if (weight !== undefined) days.push({ startMs: dayStart, weight });
  }
  return days;
}

function pickAgent(ctx: Context, team: DemoAgent[], dayIndex: number, progress: number): DemoAgent {
  const weights = team.map((a) =>
    a.archetype === 'declining' ? a.workload * (1 + 0.8 * progress) : a.workload,
  );
  let agent = team[ctx.rng.weighted(weights)] as DemoAgent;
  for (let attempt = 0; attempt < 5 && onVacation(ctx, agent, dayIndex); attempt++) {
    agent = team[ctx.rng.weighted(weights)] as DemoAgent;
  }
  return agent;
}

function onVacation(ctx: Context, agent: DemoAgent, dayIndex: number): boolean {
  const first = ctx.vacationStart.get(agent.id) ?? -VACATION_DAYS;
  return dayIndex >= first && dayIndex < first + VACATION_DAYS;
}

function customerOf(ctx: Context, n: number): { id: string; name: string | null; first: string | null } {
  const h = deriveSeed(ctx.seed, 0x10000 + n);
  if (h % 14 === 0) return { id: `cu-${n}`, name: null, first: null };
  const first = P.CUSTOMER_FIRST_NAMES[h % P.CUSTOMER_FIRST_NAMES.length] as string;
  const last = P.CUSTOMER_LAST_NAMES[(h >>> 8) % P.CUSTOMER_LAST_NAMES.length] as string;
  return { id: `cu-${n}`, name: `${first} ${last}`, first };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** "Thank you for your patience." + Will → "Thank you for your patience, Will." */
function withName(sentence: string, name: string): string {
  const last = sentence[sentence.length - 1];
  return last === '.' || last === '?' || last === '!'
    ? `${sentence.slice(0, -1)}, ${name}${last}`
    : `${sentence}, ${name}`;
}

/** A rambling speaker strings statements together with "and" instead of stopping. */
function runOn(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const previous = out[out.length - 1];
    const hold = previous === P.HOLD_START || part === P.HOLD_START;
    if (!hold && previous?.endsWith('.') && part.endsWith('.')) {
      const next = /^I\b/.test(part) ? part : part.charAt(0).toLowerCase() + part.slice(1);
      out[out.length - 1] = `${previous.slice(0, -1)}, and ${next}`;
    } else {
      out.push(part);
    }
  }
  return out;
}

function countWords(text: string): number {
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) words++;
  return words;
}

let isoDay = Number.NaN;
let isoDayPrefix = '';

/** `Date#toISOString`, with the date part cached: most timestamps in a row fall on the same day. */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  if (day !== isoDay) {
    isoDay = day;
    isoDayPrefix = new Date(day * DAY).toISOString().slice(0, 11);
  }
  const inDay = ms - day * DAY;
  const h = Math.floor(inDay / HOUR);
  const m = Math.floor((inDay % HOUR) / MINUTE);
  const sec = Math.floor((inDay % MINUTE) / SECOND);
  const milli = inDay % SECOND;
  return `${isoDayPrefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${sec < 10 ? '0' : ''}${sec}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** What the agent did in one conversation; the customer's mood and the survey follow from it. */
interface Behaviour {
  empathy: boolean;
  nameUsed: boolean;
  paraphrase: boolean;
  clarify: boolean;
  thanked: boolean;
  argued: boolean;
  overpromised: boolean;
  negatives: number;
  jargon: number;
  interruptions: number;
  slowResponses: number;
  responses: number;
}

/** Everything decided about one conversation before a word is said. */
interface Plan {
  channel: Channel;
  language: DemoLanguage;
  agent: DemoAgent;
  agentFirst: string;
  h: Habits;
  team: P.TeamPhrases;
  problem: P.Problem;
  customerFirst: string | null;
  useName: boolean;
  thanks: boolean;
  askFeedback: boolean;
  outcome: Outcome;
  dueDays: number;
  exchanges: number;
}

interface Dialogue {
  messages: Message[];
  b: Behaviour;
  transferTo: string;
  /** How the customer feels at the end, roughly −3 … 3; the last words and the survey follow it. */
  mood: number;
}

function conversation(ctx: Context, index: number, startedAtMs: number, dayIndex: number): Conversation {
  const { rng } = ctx;
  const progress = (startedAtMs - ctx.periodStartMs) / (ctx.periodEndMs - ctx.periodStartMs);
  const teamAgents = ctx.teams[rng.weighted(TEAM_SHARE)] as DemoAgent[];
  const agent = pickAgent(ctx, teamAgents, dayIndex, progress);
  const h = habitsAt(agent, progress);
  const channel = CHANNELS[rng.weighted(CHANNEL_MIX[agent.team])] as Channel;
  const language: DemoLanguage = agent.languages.includes('es') && rng.chance(SPANISH_SHARE) ? 'es' : 'en';
  const customer = customerOf(ctx, rng.int(1, ctx.customerPool));
  const team = P.TEAM_PHRASES[agent.team];
  const overpromises = rng.chance(h.overpromising);
  const resolvable = Math.min(
    0.85,
    Math.max(
      0.3,
      0.45 +
        0.2 * h.clarifyingQuestions +
        0.15 * h.paraphrasing +
        0.1 * h.empathy -
        0.3 * h.jargon -
        0.2 * h.negativeLanguage,
    ),
  );
  const outcome: Outcome =
    language === 'es'
      ? rng.chance(0.8)
        ? 'resolved'
        : 'pending'
      : rng.chance(agent.team === 'tech-support' ? 0.1 : 0.06)
        ? 'transfer'
        : rng.chance(resolvable)
          ? 'resolved'
          : rng.chance(overpromises ? 0.85 : 0.6)
            ? 'promise'
            : 'pending';
  const plan: Plan = {
    channel,
    language,
    agent,
    agentFirst: agent.name.split(' ')[0] as string,
    h,
    team,
    problem: rng.pick(team.problems),
    customerFirst: customer.first,
    useName: customer.first !== null && rng.chance(h.nameUse),
    thanks: rng.chance(h.thanking),
    askFeedback: rng.chance(h.feedbackRequests),
    outcome,
    dueDays: overpromises ? 1 : rng.int(1, 3),
    exchanges: channel === 'voice' ? rng.int(5, 8) : channel === 'chat' ? rng.int(4, 7) : rng.int(4, 5),
  };
  const dialogue = language === 'es' ? spanishDialogue(rng, plan) : englishDialogue(rng, plan, overpromises);
  const { b } = dialogue;

  const timing: Timing = { turns: [], promiseTurn: -1 };
  if (channel === 'voice') timeVoice(rng, h, withHolds(rng, dialogue.messages, channel), b, timing);
  else if (channel === 'chat') timeChat(rng, h, withHolds(rng, dialogue.messages, channel), b, timing);
  else timeEmail(rng, h, dialogue.messages, b, timing, plan);
  const { turns, promiseTurn } = timing;

  let lastMs = 0;
  for (const t of turns) lastMs = Math.max(lastMs, t.endMs ?? t.startMs);
  const wrapUpMs =
    channel === 'voice' ? rng.int(2, 20) * SECOND : channel === 'chat' ? rng.int(0, 30) * SECOND : 0;
  let durationMs = lastMs + wrapUpMs;
  const latestEnd = ctx.periodEndMs - MINUTE;
  if (startedAtMs + durationMs > latestEnd) {
    // Only long email threads reach past the period's end: squeeze them to fit.
    const factor = (latestEnd - startedAtMs) / durationMs;
    for (const t of turns) {
      t.startMs = Math.floor(t.startMs * factor);
      if (t.endMs != null) t.endMs = Math.max(t.startMs, Math.floor(t.endMs * factor));
    }
    durationMs = Math.floor(durationMs * factor);
  }
  const endedAtMs = startedAtMs + durationMs;

  // --- what happens around it ---------------------------------------------------------------------
  const events: RecordEvent[] = [];
  const addEvent = (event: RecordEvent, atMs: number) => {
    if (atMs < ctx.periodEndMs) events.push(event);
  };
  let dueAtMs = 0;
  if (outcome === 'promise') {
    const promisedAtMs = startedAtMs + (turns[promiseTurn]?.startMs ?? 0);
    dueAtMs = Math.ceil((endedAtMs + plan.dueDays * DAY) / HOUR) * HOUR;
    events.push({ type: 'promise', at: iso(promisedAtMs), dueAt: iso(dueAtMs) });
  }
  if (outcome === 'transfer') events.push({ type: 'transfer', at: iso(endedAtMs), to: dialogue.transferTo });
  let resolvedAtMs = outcome === 'resolved' ? endedAtMs : -1;
  if (resolvedAtMs >= 0) events.push({ type: 'resolved', at: iso(resolvedAtMs) });

  const surveySent = rng.chance(0.2 + 0.5 * h.feedbackRequests);
  const surveySentAtMs = endedAtMs + rng.int(1, 15) * MINUTE;
  if (surveySent) addEvent({ type: 'survey_sent', at: iso(surveySentAtMs) }, surveySentAtMs);

  let followUpAtMs = -1;
  if (outcome === 'promise' || outcome === 'pending') {
    const onTimeBy = outcome === 'promise' ? Math.min(70 * HOUR, dueAtMs - endedAtMs - HOUR) : 70 * HOUR;
    if (rng.chance(h.followUp * (b.overpromised ? 0.6 : 1))) {
      followUpAtMs = endedAtMs + Math.floor(rng.between(2 * HOUR, onTimeBy));
    } else if (rng.chance(0.5)) {
      followUpAtMs = endedAtMs + Math.floor(rng.between(73 * HOUR, 8 * DAY));
    }
  } else if (outcome === 'resolved' && rng.chance(0.2 * h.followUp)) {
    followUpAtMs = endedAtMs + Math.floor(rng.between(20 * HOUR, 70 * HOUR));
  }
  if (followUpAtMs >= 0) {
    const followUpChannel = rng.chance(0.6) ? 'email' : 'voice';
    addEvent({ type: 'follow_up', at: iso(followUpAtMs), channel: followUpChannel }, followUpAtMs);
    if (resolvedAtMs < 0 && rng.chance(0.85)) {
      resolvedAtMs = followUpAtMs + rng.int(5, 60) * MINUTE;
      addEvent({ type: 'resolved', at: iso(resolvedAtMs) }, resolvedAtMs);
    }
  }

  const record: Conversation = {
    id: `demo-${ctx.seed}-${String(index + 1).padStart(6, '0')}`,
    channel,
    startedAt: iso(startedAtMs),
    endedAt: iso(endedAtMs),
    agent: { id: agent.id, name: agent.name, team: agent.team },
    customer: { id: customer.id, name: customer.name },
    queue: `${agent.team}-${language}`,
    turns,
    events,
  };

  const answeredAtMs = surveySentAtMs + Math.min(3 * DAY, Math.floor(rng.logNormal(3 * HOUR, 1)));
  if (surveySent && rng.chance(0.4) && answeredAtMs < ctx.periodEndMs) {
    const slowShare = b.responses ? b.slowResponses / b.responses : 0;
    const score =
      3.2 + dialogue.mood - 0.45 * Math.min(4, b.interruptions) - 1.2 * slowShare + 0.6 * rng.normal();
    const csat = Math.min(5, Math.max(1, Math.round(score))) as 1 | 2 | 3 | 4 | 5;
    const comment =
      language === 'es'
        ? csat >= 4
          ? P.SPANISH.comments.good
          : csat <= 2
            ? P.SPANISH.comments.bad
            : null
        : surveyComment(rng, csat, b, slowShare);
    record.survey = { csat, comment, at: iso(answeredAtMs) };
  }
  return record;
}

function newBehaviour(): Behaviour {
  return {
    empathy: false,
    nameUsed: false,
    paraphrase: false,
    clarify: false,
    thanked: false,
    argued: false,
    overpromised: false,
    negatives: 0,
    jargon: 0,
    interruptions: 0,
    slowResponses: 0,
    responses: 0,
  };
}

/** The customer's mood follows what the agent did; noise keeps it from being a formula. */
function moodOf(rng: Random, plan: Plan, b: Behaviour): number {
  const { h, outcome } = plan;
  return (
    -0.7 +
    (b.empathy ? 0.6 : 0) +
    (b.nameUsed ? 0.3 : 0) +
    (b.paraphrase ? 0.35 : 0) +
    (b.clarify ? 0.2 : 0) +
    (b.thanked ? 0.3 : 0) -
    0.45 * b.negatives -
    (b.argued ? 1.3 : 0) -
    0.35 * Math.min(3, b.jargon) +
    (outcome === 'resolved' ? 0.9 : outcome === 'promise' ? 0.2 : outcome === 'pending' ? -0.3 : -0.4) -
    0.4 * Math.max(0, h.responseSpeed - 1) -
    (plan.channel === 'voice' ? 0.8 * h.interruption : 0) +
    0.5 * rng.normal()
  );
}

function englishDialogue(rng: Random, plan: Plan, overpromises: boolean): Dialogue {
  const { h, team, problem, channel, outcome } = plan;
  const messages: Message[] = [];
  const b = newBehaviour();
  b.empathy = rng.chance(h.empathy);
  b.paraphrase = rng.chance(h.paraphrasing);
  b.clarify = rng.chance(h.clarifyingQuestions);
  b.argued = rng.chance(h.arguing);
  b.overpromised = overpromises;
  let transferTo = '';
  const say = (speaker: Message['speaker'], parts: string[], extra?: Pick<Message, 'promise' | 'hold'>) => {
    messages.push(extra ? { speaker, parts, ...extra } : { speaker, parts });
  };
  let lastAgentJargon = false;
  let lastAgentNegative = false;
  let lastReaction = '';
  /** What the agent has to open the next turn with: an answer to a question, a plainer rephrasing. */
  let agentLead: string | null = null;
  let step = 0;
  const fillerOffset = rng.int(0, team.fillers.length - 1);
  const explain = (): string => {
    const plain =
      problem.steps[step] ?? (team.fillers[(fillerOffset + step) % team.fillers.length] as string);
    step++;
    const jargon = rng.chance(h.jargon);
    if (jargon) b.jargon++;
    lastAgentJargon ||= jargon;
    const sentence = jargon ? rng.pick(team.jargonSteps) : plain;
    if (!rng.chance(h.longSentences)) return sentence;
    // The habit compounds: a long-winded agent rarely stops after one clause.
    const tail = rng.pick(P.LONG_TAILS) + (rng.chance(h.longSentences ** 2) ? rng.pick(P.LONG_TAILS) : '');
    return `${sentence.slice(0, -1)}${tail}.`;
  };
  const agentSays = (parts: string[], extra?: Pick<Message, 'promise' | 'hold'>) => {
    if (agentLead) parts.unshift(agentLead);
    agentLead = null;
    if (rng.chance(h.scriptReliance))
      parts.splice(parts.length > 1 ? 1 : 0, 0, rng.pick(P.DEMO_SCRIPT_LINES));
    if (plan.useName && !b.nameUsed) {
      parts[parts.length - 1] = withName(parts[parts.length - 1] as string, plan.customerFirst as string);
      b.nameUsed = true;
    }
    say('agent', rng.chance(h.longSentences) ? runOn(parts) : parts, extra);
  };
  const negativeMaybe = (parts: string[]) => {
    lastAgentNegative = rng.chance(h.negativeLanguage);
    if (lastAgentNegative) {
      b.negatives++;
      parts.unshift(rng.pick(P.NEGATIVE));
    }
  };
  const reaction = (): string[] => {
    if (lastAgentJargon && rng.chance(0.6)) {
      if (!rng.chance(h.jargon)) agentLead = P.PLAIN_REPHRASE;
      return [rng.pick(P.CUSTOMER_CONFUSED)];
    }
    if (lastAgentNegative) return [rng.pick(P.CUSTOMER_DISPLEASED), rng.pick(P.CUSTOMER_ELABORATIONS)];
    const roll = rng.next();
    if (roll < 0.2) {
      const [question, answer] = rng.pick(P.CUSTOMER_QUESTIONS);
      agentLead = answer;
      return [question];
    }
    let text = rng.pick(roll < 0.85 ? P.CUSTOMER_NEUTRAL : P.CUSTOMER_PLEASED);
    if (text === lastReaction) text = rng.pick(P.CUSTOMER_NEUTRAL);
    lastReaction = text;
    return rng.chance(0.45) ? [text, rng.pick(P.CUSTOMER_ELABORATIONS)] : [text];
  };

  const systemOpening = rng.chance(0.2);
  if (systemOpening && channel === 'voice') say('system', [rng.pick(P.SYSTEM_TURNS.voice)]);
  if (systemOpening && channel === 'chat') say('system', [rng.pick(P.SYSTEM_TURNS.chatStart)]);
  const agentOpens = channel === 'voice' && rng.chance(0.45);
  if (agentOpens) say('agent', [fill(team.agentFirstGreeting, { agent: plan.agentFirst })]);

  // Opening: the problem, and the agent's first reply.
  const greeting = `${rng.pick(P.CUSTOMER_GREETINGS)}.`;
  const opening = channel === 'email' ? [problem.statement] : [greeting, problem.statement];
  if (rng.chance(0.6)) opening.push(rng.pick(P.CUSTOMER_CONTEXT));
  if (rng.chance(0.6)) opening.push(rng.pick(P.FRUSTRATIONS));
  say('customer', opening);
  const first: string[] = [];
  const thankful = plan.thanks && rng.chance(0.5);
  if (!agentOpens && (thankful || channel !== 'email')) {
    b.thanked ||= thankful;
    const greetings = thankful ? P.AGENT_THANKS_GREETINGS : P.AGENT_GREETINGS;
    first.push(fill(rng.pick(greetings), { agent: plan.agentFirst }));
  }
  if (b.empathy) first.push(`${rng.pick(P.EMPATHY)}.`);
  first.push(b.clarify ? problem.question : rng.pick(P.OPENING_STATEMENTS));
  if (plan.useName && b.empathy) {
    first[first.length - 2] = withName(first[first.length - 2] as string, plan.customerFirst as string);
    b.nameUsed = true;
  }
  agentSays(first);

  // Details: the answer to the agent's question, or more of the story; an attentive agent plays it back.
  const elaboration = rng.pick(P.CUSTOMER_ELABORATIONS);
  if (b.clarify) say('customer', rng.chance(0.6) ? [problem.answer, elaboration] : [problem.answer]);
  else say('customer', [elaboration]);
  const details: string[] = [];
  if (b.paraphrase) details.push(`${rng.pick(P.PARAPHRASE_STEMS)} ${problem.summary}.`);
  details.push(explain());
  agentSays(details);

  const middle = plan.exchanges - 4;
  const argueAt = b.argued ? rng.int(0, middle) : -1;
  // Voice and chat agents sometimes put the customer on hold while they work, some more than others.
  const holdAt = channel !== 'email' && middle > 0 && rng.chance(h.holding) ? rng.int(0, middle - 1) : -1;
  for (let m = 0; m <= middle; m++) {
    const customerParts: string[] = [];
    if (m === 0 && b.paraphrase) customerParts.push(rng.pick(P.CUSTOMER_CONFIRMS));
    if (m === argueAt) customerParts.push(rng.pick(P.CUSTOMER_PUSHBACK));
    else customerParts.push(...reaction());
    say('customer', customerParts);
    lastAgentJargon = false;
    const parts: string[] = [];
    if (m === argueAt) parts.push(rng.pick(P.ARGUMENTS));
    negativeMaybe(parts);
    if (m < middle) {
      if (m === holdAt) parts.push(P.HOLD_START);
      parts.push(explain());
      agentSays(parts, m === holdAt ? { hold: true } : undefined);
    } else if (outcome === 'transfer') {
      if (plan.thanks && !b.thanked) {
        parts.push(rng.pick(P.THANKS));
        b.thanked = true;
      }
      transferTo = rng.pick(team.transferTargets);
      parts.push(
        rng.chance(h.transferExplanation)
          ? fill(rng.pick(P.TRANSFER_EXPLAINED), { can: rng.pick(team.specialistCan), to: transferTo })
          : rng.pick(P.TRANSFER_UNEXPLAINED),
      );
      agentSays(parts);
    } else if (outcome === 'resolved') {
      parts.push(problem.resolution);
      if (b.overpromised) parts.push(rng.pick(P.OVERPROMISES));
      parts.push(P.ANYTHING_ELSE);
      agentSays(parts);
    } else if (outcome === 'promise') {
      const due =
        plan.dueDays === 1 ? 'by tomorrow' : plan.dueDays === 2 ? 'within two days' : 'within three days';
      const promise = fill(rng.pick(b.overpromised ? P.OVERPROMISE_PROMISES : P.PROMISES), { due });
      parts.push(explain(), promise, P.ANYTHING_ELSE);
      agentSays(parts, { promise: true });
    } else {
      parts.push(rng.pick(P.PENDING));
      if (b.overpromised) parts.push(rng.pick(P.OVERPROMISES));
      parts.push(P.ANYTHING_ELSE);
      agentSays(parts);
    }
  }

  // Closing: thanks, a feedback request, goodbye; the customer has the last word.
  if (outcome !== 'transfer') {
    say('customer', [rng.chance(0.5) ? 'No, that is all.' : rng.pick(P.CUSTOMER_NEUTRAL)]);
    const closing: string[] = [];
    if (plan.thanks && !b.thanked) {
      closing.push(rng.pick(P.THANKS));
      b.thanked = true;
    }
    if (plan.askFeedback) closing.push(rng.pick(P.FEEDBACK_REQUESTS));
    closing.push(rng.chance(h.scriptReliance) ? P.SCRIPTED_FAREWELL : rng.pick(P.FAREWELLS));
    say('agent', rng.chance(h.longSentences) ? runOn(closing) : closing);
  }
  const mood = moodOf(rng, plan, b);
  const endings = P.CUSTOMER_ENDINGS;
  say('customer', [
    rng.pick(mood > 0.8 ? endings.positive : mood < -0.3 ? endings.negative : endings.neutral),
  ]);
  if (channel === 'chat' && rng.chance(0.25)) say('system', [P.SYSTEM_TURNS.chatEnd]);
  if (channel === 'voice' && outcome === 'transfer') say('system', [P.SYSTEM_TURNS.voiceTransfer]);
  return { messages, b, transferTo, mood };
}

/** The Spanish queues: short and plain, served by the team's bilingual agents. */
function spanishDialogue(rng: Random, plan: Plan): Dialogue {
  const es = P.SPANISH;
  const b = newBehaviour();
  const messages: Message[] = [];
  const say = (speaker: Message['speaker'], ...parts: string[]) => {
    messages.push({ speaker, parts });
  };
  b.empathy = rng.chance(plan.h.empathy);
  b.clarify = rng.chance(plan.h.clarifyingQuestions);
  b.thanked = plan.thanks;
  const problem = rng.pick(es.problems[plan.agent.team]);
  say('customer', ...(plan.channel === 'email' ? [problem] : [rng.pick(es.greetings), problem]));
  const first = [fill(es.agentGreeting, { agent: plan.agentFirst })];
  if (b.empathy) first.push(es.empathy);
  first.push(b.clarify ? es.question : rng.pick(es.working));
  say('agent', ...first);
  say('customer', b.clarify ? es.answer : rng.pick(es.customerNeutral));
  const offset = rng.int(0, es.working.length - 1);
  for (let m = 0; m < plan.exchanges - 3; m++) {
    say('agent', es.working[(offset + m) % es.working.length] as string);
    say('customer', rng.pick(es.customerNeutral));
  }
  const closing = plan.outcome === 'resolved' ? [es.resolution] : [rng.pick(es.working)];
  if (b.thanked) closing.push(es.thanks);
  closing.push(es.farewell);
  say('agent', ...closing);
  const mood = moodOf(rng, plan, b);
  say('customer', mood > 0.8 ? es.endings.positive : mood < -0.3 ? es.endings.negative : es.endings.neutral);
  return { messages, b, transferTo: '', mood };
}

function surveyComment(rng: Random, csat: 1 | 2 | 3 | 4 | 5, b: Behaviour, slowShare: number): string | null {
  if (rng.chance(0.25)) return rng.chance(0.5) ? null : '';
  if (rng.chance(0.4)) {
    const c = P.SURVEY_BEHAVIOUR_COMMENTS;
    if (csat <= 3 && b.interruptions >= 2) return c.interrupted;
    if (csat <= 3 && b.jargon >= 2) return c.jargon;
    if (csat <= 3 && b.argued) return c.argued;
    if (csat <= 3 && slowShare > 0.4) return c.slow;
    if (csat >= 4 && b.empathy) return c.empathy;
  }
  return rng.pick(P.SURVEY_COMMENTS[csat]);
}

/** A hold splits the agent's message: voice logs the hold as system turns, chat just goes quiet. */
function withHolds(rng: Random, messages: Message[], channel: Channel): Message[] {
  if (!messages.some((m) => m.hold)) return messages;
  const out: Message[] = [];
  for (const message of messages) {
    const cut = message.hold ? message.parts.indexOf(P.HOLD_START) + 1 : 0;
    if (cut <= 0 || cut >= message.parts.length) {
      out.push(message);
      continue;
    }
    out.push({ speaker: 'agent', parts: message.parts.slice(0, cut) });
    const holdMs = rng.int(20, 180) * SECOND;
    const after = [P.HOLD_END, ...message.parts.slice(cut)];
    if (channel === 'voice') {
      out.push({ speaker: 'system', parts: [P.SYSTEM_TURNS.holdStart], delayMs: rng.int(300, 900) });
      out.push({ speaker: 'system', parts: [P.SYSTEM_TURNS.holdEnd], delayMs: holdMs });
      out.push({ speaker: 'agent', parts: after, delayMs: rng.int(300, 900) });
    } else {
      out.push({ speaker: 'agent', parts: after, delayMs: holdMs });
    }
  }
  return out;
}

interface Timing {
  turns: Turn[];
  promiseTurn: number;
}

/** Voice: talk takes time, answers come within seconds, and agents sometimes talk over the customer. */
function timeVoice(rng: Random, h: Habits, messages: Message[], b: Behaviour, out: Timing): void {
  const customerMsPerWord = rng.between(320, 420);
  const agentMsPerWord = rng.between(290, 380) * Math.min(1.15, Math.max(0.85, h.responseSpeed));
  let t = 0;
  let previous: Message['speaker'] | null = null;
  let lastCustomer: Turn | null = null;
  for (const message of messages) {
    const text = message.parts.join(' ');
    if (message.speaker === 'system') {
      const startMs = t + (message.delayMs ?? 0);
      out.turns.push({ speaker: 'system', text, startMs, endMs: startMs });
      t = message.delayMs === undefined ? startMs + rng.int(500, 1500) : startMs;
      continue;
    }
    const duration = Math.round(
      countWords(text) * (message.speaker === 'customer' ? customerMsPerWord : agentMsPerWord),
    );
    let startMs: number;
    if (message.speaker === 'customer') {
      startMs = t + rng.int(previous === 'agent' ? 250 : 400, 1100);
    } else if (previous === 'customer' && lastCustomer) {
      const customerEnd = lastCustomer.endMs ?? lastCustomer.startMs;
      const customerTalk = customerEnd - lastCustomer.startMs;
      b.responses++;
      if (customerTalk >= 1600 && rng.chance(h.interruption)) {
        startMs = lastCustomer.startMs + 300 + Math.floor(rng.next() * (customerTalk - 1100));
        lastCustomer.endMs = Math.min(customerEnd, startMs + 500 + rng.int(0, 900));
        lastCustomer.text = `${lastCustomer.text.slice(0, -1)}—`;
        t = lastCustomer.endMs;
        b.interruptions++;
      } else {
        if (customerTalk >= 2500 && rng.chance(0.3)) {
          const at = lastCustomer.startMs + Math.floor(customerTalk * rng.between(0.4, 0.7));
          out.turns.push({
            speaker: 'agent',
            text: rng.pick(P.BACKCHANNELS),
            startMs: at,
            endMs: at + rng.int(300, 600),
          });
        }
        const gap = Math.round(
          rng.logNormal(800 * h.responseSpeed, 0.5) +
            (rng.chance(0.07) ? rng.between(3000, 8000) * h.responseSpeed : 0),
        );
        if (gap > 3000) b.slowResponses++;
        startMs = customerEnd + gap;
      }
    } else {
      startMs = t + (message.delayMs ?? rng.int(200, 700));
    }
    const turn: Turn = { speaker: message.speaker, text, startMs, endMs: startMs + duration };
    if (message.promise) out.promiseTurn = out.turns.length;
    out.turns.push(turn);
    if (message.speaker === 'customer') lastCustomer = turn;
    t = Math.max(t, startMs + duration);
    previous = message.speaker;
  }
}

/** Chat: customers send several short messages in a row; replies take seconds to minutes. */
function timeChat(rng: Random, h: Habits, messages: Message[], b: Behaviour, out: Timing): void {
  let t = 0;
  let previous: Message['speaker'] | null = null;
  for (const message of messages) {
    if (message.speaker === 'system') {
      out.turns.push({ speaker: 'system', text: message.parts.join(' '), startMs: t });
      continue;
    }
    if (message.speaker === 'customer') {
      // The opening arrives as separate messages; later ones sometimes too.
      const split = message.parts.length > 1 && (previous === null || rng.chance(0.4));
      const texts = split ? message.parts : [message.parts.join(' ')];
      for (let i = 0; i < texts.length; i++) {
        t +=
          i > 0
            ? rng.int(3, 25) * SECOND
            : previous === 'agent'
              ? Math.round(rng.logNormal(25 * SECOND, 0.6))
              : rng.int(1, 5) * SECOND;
        out.turns.push({ speaker: 'customer', text: texts[i] as string, startMs: t });
      }
    } else {
      const gap = message.delayMs ?? Math.round(rng.logNormal(22 * SECOND * h.responseSpeed, 0.6));
      if (previous === 'customer') {
        b.responses++;
        if (gap > 60 * SECOND) b.slowResponses++;
        if (gap > 75 * SECOND && rng.chance(0.6)) {
          out.turns.push({
            speaker: 'customer',
            text: rng.pick(P.CHAT_NUDGES),
            startMs: t + Math.round(gap * 0.6),
          });
        }
      }
      t += gap;
      const parts = message.parts;
      const halves = parts.length >= 3 ? [parts.slice(0, 1), parts.slice(1)] : [parts];
      for (let i = 0; i < halves.length; i++) {
        if (i > 0) t += rng.int(4, 20) * SECOND;
        if (message.promise && i === halves.length - 1) out.promiseTurn = out.turns.length;
        out.turns.push({ speaker: 'agent', text: (halves[i] as string[]).join(' '), startMs: t });
      }
    }
    previous = message.speaker;
  }
}

/** Email: whole letters, hours apart. */
function timeEmail(rng: Random, h: Habits, messages: Message[], b: Behaviour, out: Timing, plan: Plan): void {
  const letter = plan.language === 'es' ? EMAIL_LETTER.es : EMAIL_LETTER.en;
  const customerSignOff = plan.customerFirst ? `\n\n${letter.customerSignOff}\n${plan.customerFirst}` : '';
  const agentSalutation =
    plan.useName && plan.customerFirst ? `${letter.named} ${plan.customerFirst},` : letter.hello;
  const autoReply = rng.chance(0.2);
  let t = 0;
  let previous: Message['speaker'] | null = null;
  for (const message of messages) {
    if (message.speaker === 'system') continue;
    const body = message.parts.join(' ');
    if (message.speaker === 'customer') {
      if (previous === 'agent') {
        t += Math.round(Math.min(3 * DAY, Math.max(10 * MINUTE, rng.logNormal(5 * HOUR, 0.8))));
      }
      out.turns.push({
        speaker: 'customer',
        text: `${letter.hello}\n\n${body}${customerSignOff}`,
        startMs: t,
      });
      if (previous === null && autoReply) {
        const at = t + rng.int(20, 60) * SECOND;
        out.turns.push({ speaker: 'system', text: P.SYSTEM_TURNS.emailAutoReply, startMs: at });
      }
    } else {
      const gap = Math.round(rng.logNormal(2.2 * HOUR * h.responseSpeed, 0.6));
      if (previous === 'customer') {
        b.responses++;
        if (gap > 4 * HOUR) b.slowResponses++;
      }
      t += gap;
      if (message.promise) out.promiseTurn = out.turns.length;
      const text = `${agentSalutation}\n\n${body}\n\n${letter.agentSignOff}\n${plan.agentFirst}`;
      out.turns.push({ speaker: 'agent', text, startMs: t });
    }
    previous = message.speaker;
  }
}

const EMAIL_LETTER = {
  en: { hello: 'Hello,', named: 'Hi', customerSignOff: 'Thanks,', agentSignOff: 'Kind regards,' },
  es: { hello: 'Hola,', named: 'Hola', customerSignOff: 'Saludos,', agentSignOff: 'Un saludo,' },
};
