import type { Conversation } from '@rapport/metrics';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEMO_DEFAULTS, generateDemo } from './generate.ts';
import { DEMO_SCRIPT_LINES, HOLD_START } from './phrases.ts';
import { type Archetype, DEMO_TEAM_IDS, demoRoster } from './roster.ts';

const END = new Date(DEMO_DEFAULTS.end);
const DAY = 86_400_000;
const BACKCHANNEL = /^(mm-hmm|uh-huh|okay|ok|right|yes|yeah|sure|i see|got it)$/i;
const EMPATHY =
  /\b(i'm sorry|i'm really sorry|i understand|i completely understand|i can imagine|that must be frustrating)\b/i;
const JARGON = /\b(sla|rma|tier 2|provisioning|escalation matrix|backend|crm|chargeback)\b/gi;
const SCRIPT = new Set(DEMO_SCRIPT_LINES);
const ARCHETYPES: Archetype[] = [
  'declining',
  'empathetic-slow',
  'fast-interrupter',
  'improving',
  'jargon-user',
  'long-winded',
  'scripted',
  'star',
  'typical',
];

function take(n: number, options: Parameters<typeof generateDemo>[0]): Conversation[] {
  const out: Conversation[] = [];
  for (const record of generateDemo(options)) {
    out.push(record);
    if (out.length === n) break;
  }
  return out;
}

function isInterruption(turns: Conversation['turns'], agentTurn: Conversation['turns'][number]): boolean {
  if (agentTurn.speaker !== 'agent' || BACKCHANNEL.test(agentTurn.text.replace(/[.,!?]/g, ''))) return false;
  return turns.some(
    (c) =>
      c.speaker === 'customer' &&
      c.startMs < agentTurn.startMs &&
      agentTurn.startMs <= (c.endMs ?? c.startMs) - 500,
  );
}

/** Voice response gaps: the end of a customer run to the next agent turn that is not a backchannel. */
function responseGaps(record: Conversation): number[] {
  const gaps: number[] = [];
  let runEnd: number | null = null;
  for (const turn of record.turns) {
    if (turn.speaker === 'customer') runEnd = Math.max(runEnd ?? 0, turn.endMs ?? turn.startMs);
    else if (turn.speaker === 'agent' && runEnd !== null && !BACKCHANNEL.test(turn.text)) {
      gaps.push(Math.max(0, turn.startMs - runEnd));
      runEnd = null;
    }
  }
  return gaps;
}

interface AgentStats {
  team: string;
  archetype: Archetype;
  conversations: number;
  voice: number;
  /** Voice and chat conversations, and those where the agent put the customer on hold. */
  spoken: number;
  holds: number;
  interruptions: number;
  gapSum: number;
  gapCount: number;
  agentWords: number;
  jargon: number;
  sentences: number;
  allSentences: number;
  scriptSentences: number;
  csatSum: number;
  csatCount: number;
  firstMonth: { n: number; empathy: number };
  lastMonth: { n: number; empathy: number };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describe('generateDemo, default dataset', () => {
  const roster = demoRoster(DEMO_DEFAULTS.seed);
  const stats = new Map<string, AgentStats>();
  let count = 0;
  let firstStart = Number.POSITIVE_INFINITY;
  let lastStart = 0;
  let latestTimestamp = 0;
  let outsideBusinessHours = 0;
  let minTurns = Number.POSITIVE_INFINITY;
  let maxTurns = 0;
  let totalTurns = 0;
  let chronological = true;
  let overlappingVoice = 0;
  let backchannels = 0;
  let systemTurns = 0;
  let chatRuns = 0;
  let emailHourGaps = 0;
  let followUpsWithin72h = 0;
  let followUpsLater = 0;
  let negatedComments = 0;
  let wordNamedCustomers = 0;
  const channels = new Map<string, number>();
  const eventTypes = new Map<string, number>();
  const queues = new Set<string>();
  const texts: Record<string, number> = {};
  const phrases = {
    empathy: EMPATHY,
    negative: /\b(unfortunately|can't|cannot|won't|that's our policy)\b/i,
    argument: /\b(as i already said|calm down|you're wrong|that's not true)\b/i,
    overpromise: /\b(i guarantee|i promise)\b|100%/i,
    paraphrase: /\b(just to confirm|if i understand correctly|so what you're saying)\b/i,
    transferExplanation: /\b(transfer you to|connect you with|specialist who can)\b/i,
    feedback: /\b(how did i do|any feedback|rate your experience)\b/i,
    thanks: /\b(thank you|thanks|i appreciate)\b/i,
    jargon: /\b(sla|rma|tier 2|provisioning)\b/i,
  };
  for (const key of Object.keys(phrases)) texts[key] = 0;

  beforeAll(() => {
    const monthAfterStart = new Date(END);
    monthAfterStart.setUTCMonth(END.getUTCMonth() - DEMO_DEFAULTS.months + 1);
    const lastMonthStart = new Date(END);
    lastMonthStart.setUTCMonth(END.getUTCMonth() - 1);
    for (const agent of roster.agents) {
      stats.set(agent.id, {
        team: agent.team,
        archetype: agent.archetype,
        conversations: 0,
        voice: 0,
        spoken: 0,
        holds: 0,
        interruptions: 0,
        gapSum: 0,
        gapCount: 0,
        agentWords: 0,
        jargon: 0,
        sentences: 0,
        allSentences: 0,
        scriptSentences: 0,
        csatSum: 0,
        csatCount: 0,
        firstMonth: { n: 0, empathy: 0 },
        lastMonth: { n: 0, empathy: 0 },
      });
    }
    let previousStart = 0;
    for (const record of generateDemo({})) {
      count++;
      const startedAt = Date.parse(record.startedAt);
      chronological &&= startedAt >= previousStart;
      previousStart = startedAt;
      firstStart = Math.min(firstStart, startedAt);
      lastStart = Math.max(lastStart, startedAt);
      const started = new Date(startedAt);
      const weekday = started.getUTCDay();
      if (weekday === 0 || weekday === 6 || started.getUTCHours() < 8 || started.getUTCHours() >= 18) {
        outsideBusinessHours++;
      }
      latestTimestamp = Math.max(
        latestTimestamp,
        Date.parse(record.endedAt),
        ...(record.events ?? []).map((e) => Date.parse(e.at)),
        record.survey?.at ? Date.parse(record.survey.at) : 0,
      );
      minTurns = Math.min(minTurns, record.turns.length);
      maxTurns = Math.max(maxTurns, record.turns.length);
      totalTurns += record.turns.length;
      channels.set(record.channel, (channels.get(record.channel) ?? 0) + 1);
      queues.add(record.queue ?? '');
      for (const event of record.events ?? []) {
        eventTypes.set(event.type, (eventTypes.get(event.type) ?? 0) + 1);
        if (event.type === 'follow_up') {
          const after = Date.parse(event.at) - Date.parse(record.endedAt);
          if (after > 0 && after <= 3 * DAY) followUpsWithin72h++;
          else followUpsLater++;
        }
      }
      if (/\bnot helpful at all\b/i.test(record.survey?.comment ?? '')) negatedComments++;
      if (/^(Will|May|Grace) /.test(record.customer?.name ?? '')) wordNamedCustomers++;

      const s = stats.get(record.agent.id);
      if (!s) throw new Error(`agent ${record.agent.id} is not in the roster`);
      s.conversations++;
      const agentText = record.turns
        .filter((t) => t.speaker === 'agent')
        .map((t) => t.text)
        .join('\n');
      for (const [key, re] of Object.entries(phrases))
        if (re.test(agentText)) texts[key] = (texts[key] ?? 0) + 1;
      const words = agentText.match(/[\p{L}\p{N}']+/gu)?.length ?? 0;
      s.agentWords += words;
      s.jargon += agentText.match(JARGON)?.length ?? 0;
      for (const sentence of agentText.split(/[.!?\n]+/)) {
        if (/[\p{L}\p{N}]/u.test(sentence)) s.allSentences++;
      }
      for (const sentence of agentText.split(/(?<=[.!?])\s+|\n/)) {
        if (sentence.split(' ').length < 5) continue;
        s.sentences++;
        if (SCRIPT.has(sentence)) s.scriptSentences++;
      }
      const empathy = EMPATHY.test(agentText) ? 1 : 0;
      if (startedAt < monthAfterStart.getTime()) {
        s.firstMonth.n++;
        s.firstMonth.empathy += empathy;
      } else if (startedAt >= lastMonthStart.getTime()) {
        s.lastMonth.n++;
        s.lastMonth.empathy += empathy;
      }
      if (record.survey?.csat != null) {
        s.csatSum += record.survey.csat;
        s.csatCount++;
      }
      systemTurns += record.turns.filter((t) => t.speaker === 'system').length;
      if (record.channel !== 'email') {
        s.spoken++;
        if (record.turns.some((t) => t.speaker === 'agent' && t.text.includes(HOLD_START))) s.holds++;
      }
      if (record.channel === 'voice') {
        s.voice++;
        let overlaps = false;
        for (const turn of record.turns) {
          if (isInterruption(record.turns, turn)) s.interruptions++;
          if (turn.speaker === 'agent' && BACKCHANNEL.test(turn.text)) {
            backchannels++;
            overlaps = true;
          }
        }
        if (overlaps || record.turns.some((t) => isInterruption(record.turns, t))) overlappingVoice++;
        for (const gap of responseGaps(record)) {
          s.gapSum += gap;
          s.gapCount++;
        }
      } else if (record.channel === 'chat') {
        const speakers = record.turns.filter((t) => t.speaker !== 'system').map((t) => t.speaker);
        if (speakers.some((sp, i) => sp === 'customer' && speakers[i + 1] === 'customer')) chatRuns++;
      } else {
        const starts = record.turns.map((t) => t.startMs);
        if (starts.some((ms, i) => i > 0 && ms - (starts[i - 1] as number) >= 3_600_000)) emailHourGaps++;
      }
    }
  });

  const byArchetype = (archetype: Archetype) => {
    const entry = [...stats.values()].find((s) => s.archetype === archetype);
    if (!entry) throw new Error(`no ${archetype} in the roster`);
    return entry;
  };
  const teamOf = (s: AgentStats) => [...stats.values()].filter((o) => o.team === s.team && o !== s);

  // That every record is a valid interaction log is the API's check (apps/api/src/demo/demo-records.test.ts).
  test('has the default count, in chronological order', () => {
    expect(count).toBe(DEMO_DEFAULTS.conversations);
    expect(chronological).toBe(true);
  });

  test('covers 4 teams and 40 agents, each with a queue', () => {
    expect(roster.teams.map((t) => t.id)).toEqual(DEMO_TEAM_IDS);
    expect(new Set(roster.agents.map((a) => a.id)).size).toBe(40);
    for (const s of stats.values()) expect(s.conversations).toBeGreaterThan(100);
    expect([...queues].sort()).toEqual(DEMO_TEAM_IDS.flatMap((t) => [`${t}-en`, `${t}-es`]).sort());
  });

  test('spans about six months of weekday business hours and nothing reaches past the end', () => {
    expect(firstStart - (END.getTime() - 184 * DAY)).toBeLessThan(4 * DAY);
    expect(END.getTime() - lastStart).toBeLessThan(4 * DAY);
    expect(outsideBusinessHours).toBe(0);
    expect(latestTimestamp).toBeLessThan(END.getTime());
  });

  test('mixes channels and realistic conversation lengths', () => {
    for (const channel of ['voice', 'chat', 'email'])
      expect(channels.get(channel)).toBeGreaterThan(count * 0.1);
    expect(minTurns).toBeGreaterThanOrEqual(6);
    expect(maxTurns).toBeLessThanOrEqual(30);
    expect(totalTurns / count).toBeGreaterThan(10);
    expect(totalTurns / count).toBeLessThan(20);
  });

  test('has the shapes each channel is known for', () => {
    expect(overlappingVoice).toBeGreaterThan(0);
    expect(backchannels).toBeGreaterThan(0);
    expect(systemTurns).toBeGreaterThan(0);
    expect(chatRuns).toBeGreaterThan((channels.get('chat') ?? 0) * 0.5);
    expect(emailHourGaps).toBeGreaterThan((channels.get('email') ?? 0) * 0.9);
  });

  test('has every event type, follow-ups inside and outside 72 h, negated comments and word-like names', () => {
    for (const type of ['transfer', 'promise', 'follow_up', 'resolved', 'survey_sent']) {
      expect(eventTypes.get(type) ?? 0).toBeGreaterThan(100);
    }
    expect(followUpsWithin72h).toBeGreaterThan(100);
    expect(followUpsLater).toBeGreaterThan(100);
    expect(negatedComments).toBeGreaterThan(10);
    expect(wordNamedCustomers).toBeGreaterThan(10);
  });

  test.each(Object.keys(phrases))('agents say %s phrases in some conversations and not in all', (key) => {
    expect(texts[key]).toBeGreaterThan(count * 0.01);
    expect(texts[key]).toBeLessThan(count * 0.99);
  });

  test('the fast interrupter interrupts more and answers faster than the rest of the team', () => {
    const agent = byArchetype('fast-interrupter');
    const team = teamOf(agent);
    expect(agent.interruptions / agent.voice).toBeGreaterThan(
      3 * Math.max(...team.map((s) => s.interruptions / s.voice)),
    );
    expect(agent.gapSum / agent.gapCount).toBeLessThan(Math.min(...team.map((s) => s.gapSum / s.gapCount)));
  });

  test('the empathetic but slow agent answers slower than everyone and shows empathy more', () => {
    const agent = byArchetype('empathetic-slow');
    const team = teamOf(agent);
    expect(agent.gapSum / agent.gapCount).toBeGreaterThan(
      1.5 * median(team.map((s) => s.gapSum / s.gapCount)),
    );
    const empathy = (s: AgentStats) =>
      (s.firstMonth.empathy + s.lastMonth.empathy) / (s.firstMonth.n + s.lastMonth.n);
    expect(empathy(agent)).toBeGreaterThan(
      Math.max(...team.filter((s) => s.archetype === 'typical').map(empathy)),
    );
  });

  test('the empathetic but slow agent puts customers on hold about twice as often as the team', () => {
    // Habits: 0.6 against the typical 0.3 (each typical agent jittered by ×0.6–1.4), per voice or chat
    // conversation with room for a hold.
    const agent = byArchetype('empathetic-slow');
    const holdShare = (s: AgentStats) => s.holds / s.spoken;
    expect(holdShare(agent)).toBeGreaterThan(
      1.5 *
        median(
          teamOf(agent)
            .filter((s) => s.archetype === 'typical')
            .map(holdShare),
        ),
    );
  });

  test('the jargon user uses several times the jargon of the team', () => {
    const agent = byArchetype('jargon-user');
    const per100 = (s: AgentStats) => (100 * s.jargon) / s.agentWords;
    expect(per100(agent)).toBeGreaterThan(3 * median(teamOf(agent).map(per100)));
  });

  test('the scripted agent reads the script far more than anyone else', () => {
    const agent = byArchetype('scripted');
    const share = (s: AgentStats) => s.scriptSentences / s.sentences;
    const others = [...stats.values()].filter((s) => s !== agent).map(share);
    expect(share(agent)).toBeGreaterThan(0.3);
    expect(share(agent)).toBeGreaterThan(2 * Math.max(...others));
  });

  test('the long-winded agent speaks in sentences well over 20 words, the team well under', () => {
    const agent = byArchetype('long-winded');
    const perSentence = (s: AgentStats) => s.agentWords / s.allSentences;
    expect(perSentence(agent)).toBeGreaterThan(20);
    expect(median(teamOf(agent).map(perSentence))).toBeLessThan(14);
  });

  test('the improving agent gets more empathetic, the declining one less', () => {
    const improving = byArchetype('improving');
    const declining = byArchetype('declining');
    const share = (m: { n: number; empathy: number }) => m.empathy / m.n;
    expect(share(improving.lastMonth)).toBeGreaterThan(share(improving.firstMonth) + 0.3);
    expect(share(declining.lastMonth)).toBeLessThan(share(declining.firstMonth) - 0.3);
  });

  test('the star has the best CSAT of the team and CSAT follows behaviour', () => {
    const star = byArchetype('star');
    const csat = (s: AgentStats) => s.csatSum / s.csatCount;
    expect(csat(star)).toBeGreaterThan(Math.max(...teamOf(star).map(csat)));
    expect(csat(byArchetype('fast-interrupter'))).toBeLessThan(
      mean(teamOf(byArchetype('fast-interrupter')).map(csat)),
    );
  });
});

describe('generateDemo, options', () => {
  test('the same seed gives the same records; another seed gives others', () => {
    const a = take(300, { seed: 7, conversations: 1000 });
    const b = take(300, { seed: 7, conversations: 1000 });
    const c = take(300, { seed: 8, conversations: 1000 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  test.each([0, 1, 37, 1234])('yields exactly %i conversations', (n) => {
    expect([...generateDemo({ conversations: n, seed: n })]).toHaveLength(n);
  });

  test('honours end and months', () => {
    const end = new Date('2025-03-01T00:00:00Z');
    const records = [...generateDemo({ conversations: 500, end, months: 2, seed: 3 })];
    const starts = records.map((r) => Date.parse(r.startedAt));
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
    expect(Math.max(...records.map((r) => Date.parse(r.endedAt)))).toBeLessThan(end.getTime());
  });

  test('streams: the first record comes before the rest are made', () => {
    const iterator = generateDemo({ conversations: 10_000_000 });
    expect(iterator.next().value?.id).toBe('demo-1-000001');
  });

  test('rejects impossible options', () => {
    expect(() => generateDemo({ conversations: -1 }).next()).toThrow(/conversations/);
    expect(() => generateDemo({ months: 0 }).next()).toThrow(/months/);
    expect(() => generateDemo({ end: new Date('nope') }).next()).toThrow(/end/);
  });

  test('the roster is stable for a seed and keeps every archetype for any seed', () => {
    expect(demoRoster(5)).toEqual(demoRoster(5));
    expect(demoRoster(5).agents.map((a) => a.name)).not.toEqual(demoRoster(6).agents.map((a) => a.name));
    for (const seed of [1, 2, 99]) {
      const archetypes = new Set(demoRoster(seed).agents.map((a) => a.archetype));
      expect([...archetypes].sort()).toEqual(ARCHETYPES);
      expect(new Set(demoRoster(seed).agents.map((a) => a.name)).size).toBe(40);
    }
  });
});
