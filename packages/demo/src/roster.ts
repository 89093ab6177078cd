import { deriveSeed, Random } from './random.ts';

export type DemoTeamId = 'billing' | 'tech-support' | 'orders' | 'retention';

/**
 * An agent's habits as numbers. Probabilities are in [0, 1]; `responseSpeed` multiplies the typical
 * response delay of the channel (0.5 answers twice as fast as usual, 2 takes twice as long).
 */
export interface Habits {
  responseSpeed: number;
  /** Per long customer turn (voice): chance the agent starts talking before the customer is done. */
  interruption: number;
  /** Per conversation: chance of an empathy phrase. */
  empathy: number;
  /** Per working turn: chance of a negative phrase ("unfortunately", "I can't", "that's our policy"). */
  negativeLanguage: number;
  /** Per explanation sentence: chance it is worded in support jargon ("SLA", "RMA", "tier 2"). */
  jargon: number;
  /** Per conversation: chance the agent thanks the customer. */
  thanking: number;
  /** Per conversation with a known customer name: chance the agent uses the first name. */
  nameUse: number;
  /** Per conversation: chance the agent paraphrases the problem back ("just to confirm"). */
  paraphrasing: number;
  /** Per conversation: chance the agent opens with a clarifying question. */
  clarifyingQuestions: number;
  /** Per conversation: chance of an argumentative reply ("as I already said", "calm down"). */
  arguing: number;
  /** Per conversation: chance of an absolute promise ("I guarantee", "100%"). */
  overpromising: number;
  /** Chance of following up within 72 h when the case needs it (promises, open cases). */
  followUp: number;
  /** Per transfer: chance the agent explains why and to whom. */
  transferExplanation: number;
  /** Per conversation: chance the agent asks for feedback. */
  feedbackRequests: number;
  /** Per turn: chance the agent reads a line of the script library instead of speaking freely. */
  scriptReliance: number;
  /** Per explanation sentence: chance it runs on into one long sentence. */
  longSentences: number;
  /** Per voice or chat conversation: chance the agent puts the customer on hold (non-talk time). */
  holding: number;
}

export type Archetype =
  | 'fast-interrupter'
  | 'empathetic-slow'
  | 'jargon-user'
  | 'improving'
  | 'declining'
  | 'scripted'
  | 'star'
  | 'long-winded'
  | 'typical';

export interface DemoAgent {
  id: string;
  name: string;
  email: string;
  team: DemoTeamId;
  archetype: Archetype;
  /** Habits at the start of the demo period. */
  habits: Habits;
  /** Habits at its end; they move linearly in between (equal to `habits` except for improvers and decliners). */
  habitsAtEnd: Habits;
  /** Relative share of the team's conversations. */
  workload: number;
  /** Queue languages the agent serves; two agents a team also take the Spanish queue. */
  languages: DemoLanguage[];
}

export interface DemoTeam {
  id: DemoTeamId;
  name: string;
  queues: string[];
  supervisor: { name: string; email: string };
}

export interface DemoRoster {
  teams: DemoTeam[];
  agents: DemoAgent[];
}

export const DEMO_TEAM_IDS: readonly DemoTeamId[] = ['billing', 'tech-support', 'orders', 'retention'];

const TEAM_NAMES: Record<DemoTeamId, string> = {
  billing: 'Billing',
  'tech-support': 'Tech Support',
  orders: 'Orders & Delivery',
  retention: 'Retention',
};

export const DEMO_LANGUAGES = ['en', 'es'] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];
/** Positions within each team of the agents who also serve the Spanish queue. */
const BILINGUAL = new Set([2, 3]);

// biome-ignore format: a list of names reads better packed
const FIRST_NAMES = [
  'Priya', 'Marcus', 'Elena', 'Tomasz', 'Aisha', 'Daniel', 'Mei', 'Oluwaseun', 'Sofia', 'Liam',
  'Fatima', 'Jonas', 'Carmen', 'Kenji', 'Hannah', 'Rahul', 'Diego', 'Ingrid', 'Samuel', 'Leila',
  'Patrick', 'Yuki', 'Amara', 'Lucas', 'Nadia', 'Owen', 'Chloe', 'Mateo', 'Zainab', 'Erik',
  'Rosa', 'Kwame', 'Isabel', 'Arjun', 'Freya', 'Malik', 'Julia', 'Andrei', 'Naomi', 'Beatriz',
  'Connor', 'Hyejin', 'Tariq', 'Ananya', 'Gabriel', 'Siobhan',
];

// biome-ignore format: a list of names reads better packed
const LAST_NAMES = [
  'Nair', 'Okafor', 'Rossi', 'Kowalski', 'Haddad', 'Kim', 'Chen', 'Adeyemi', 'García', 'Murphy',
  'Rahman', 'Berg', 'López', 'Tanaka', 'Schmidt', 'Patel', 'Silva', 'Novak', 'Mensah', 'Dubois',
  'Jensen', "O'Brien", 'Ito', 'Costa', 'Nguyen', 'Fischer', 'Ali', 'Walsh', 'Moreno', 'Hughes',
  'Petrov', 'Sato', 'Andersson', 'Mendes', 'Kaur', 'Brennan', 'Cohen', 'Romero', 'Bianchi', 'Osei',
  'Delgado', 'Lindqvist', 'Park', 'Farouk',
];

const TYPICAL: Habits = {
  responseSpeed: 1,
  interruption: 0.05,
  empathy: 0.55,
  negativeLanguage: 0.12,
  jargon: 0.05,
  thanking: 0.7,
  nameUse: 0.5,
  paraphrasing: 0.4,
  clarifyingQuestions: 0.55,
  arguing: 0.03,
  overpromising: 0.05,
  followUp: 0.6,
  transferExplanation: 0.75,
  feedbackRequests: 0.3,
  scriptReliance: 0.1,
  longSentences: 0.12,
  holding: 0.3,
};

/** How each team leans away from the typical agent. */
const TEAM_LEAN: Record<DemoTeamId, Partial<Habits>> = {
  billing: { negativeLanguage: 0.17, empathy: 0.5 },
  'tech-support': { jargon: 0.1, clarifyingQuestions: 0.65, longSentences: 0.18 },
  orders: { followUp: 0.65, thanking: 0.75 },
  retention: { empathy: 0.65, overpromising: 0.08 },
};

/** The named characters of the demo, by team and position within the team. */
const ARCHETYPES: Record<DemoTeamId, Archetype[]> = {
  billing: ['fast-interrupter', 'declining'],
  'tech-support': ['jargon-user', 'scripted'],
  orders: ['improving', 'long-winded'],
  retention: ['empathetic-slow', 'star'],
};

const ARCHETYPE_HABITS: Record<
  Exclude<Archetype, 'typical'>,
  { start: Partial<Habits>; end?: Partial<Habits> }
> = {
  'fast-interrupter': {
    start: { responseSpeed: 0.35, interruption: 0.45, paraphrasing: 0.15, empathy: 0.35 },
  },
  'empathetic-slow': {
    start: {
      responseSpeed: 2.8,
      // Slow because they look things up with the customer on hold.
      holding: 0.6,
      empathy: 0.95,
      nameUse: 0.85,
      paraphrasing: 0.7,
      thanking: 0.9,
      interruption: 0.01,
    },
  },
  'long-winded': { start: { longSentences: 0.95, paraphrasing: 0.3, clarifyingQuestions: 0.35 } },
  'jargon-user': { start: { jargon: 0.6, longSentences: 0.35, empathy: 0.35, clarifyingQuestions: 0.4 } },
  improving: {
    start: {
      empathy: 0.15,
      negativeLanguage: 0.35,
      nameUse: 0.15,
      paraphrasing: 0.1,
      thanking: 0.4,
      followUp: 0.3,
    },
    end: {
      empathy: 0.85,
      negativeLanguage: 0.04,
      nameUse: 0.75,
      paraphrasing: 0.65,
      thanking: 0.9,
      followUp: 0.85,
    },
  },
  declining: {
    start: {
      empathy: 0.8,
      negativeLanguage: 0.05,
      arguing: 0.01,
      responseSpeed: 0.9,
      followUp: 0.8,
      thanking: 0.85,
    },
    end: {
      empathy: 0.2,
      negativeLanguage: 0.35,
      arguing: 0.25,
      responseSpeed: 2.2,
      followUp: 0.25,
      thanking: 0.35,
    },
  },
  scripted: {
    start: {
      scriptReliance: 0.85,
      nameUse: 0.05,
      paraphrasing: 0.05,
      clarifyingQuestions: 0.2,
      empathy: 0.3,
      feedbackRequests: 0.1,
    },
  },
  star: {
    start: {
      responseSpeed: 0.7,
      interruption: 0.01,
      empathy: 0.9,
      negativeLanguage: 0.02,
      jargon: 0.01,
      thanking: 0.95,
      nameUse: 0.9,
      paraphrasing: 0.8,
      clarifyingQuestions: 0.9,
      arguing: 0,
      overpromising: 0.01,
      followUp: 0.95,
      transferExplanation: 1,
      feedbackRequests: 0.8,
      scriptReliance: 0.05,
      longSentences: 0.04,
    },
  },
};

const AGENTS_PER_TEAM = 10;

function clampHabits(h: Habits): Habits {
  const out = { ...h };
  for (const key of Object.keys(out) as (keyof Habits)[]) {
    out[key] = key === 'responseSpeed' ? Math.max(0.2, out[key]) : Math.min(1, Math.max(0, out[key]));
  }
  return out;
}

/** A typical agent: the team's habits, each nudged so that no two agents are alike. */
function jitter(base: Habits, rng: Random): Habits {
  const out = { ...base };
  for (const key of Object.keys(out) as (keyof Habits)[]) {
    out[key] =
      key === 'responseSpeed' ? base[key] * rng.between(0.75, 1.35) : base[key] * rng.between(0.6, 1.4);
  }
  return clampHabits(out);
}

function emailOf(name: string, domain: string): string {
  return `${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f']/g, '')
    .toLowerCase()
    .replace(/\s+/g, '.')}@${domain}`;
}

/** The interpolated habits of an agent at `progress` ∈ [0, 1] through the demo period. */
export function habitsAt(agent: DemoAgent, progress: number): Habits {
  if (agent.habits === agent.habitsAtEnd) return agent.habits;
  const out = { ...agent.habits };
  for (const key of Object.keys(out) as (keyof Habits)[]) {
    out[key] = agent.habits[key] + (agent.habitsAtEnd[key] - agent.habits[key]) * progress;
  }
  return out;
}

/**
 * The demo organisation: 4 teams of 10 agents. Names and the small differences between typical agents
 * depend on the seed; the archetypes are always there, so demos and tests can point at them.
 */
export function demoRoster(seed = 1): DemoRoster {
  const rng = new Random(deriveSeed(seed, 0x7e57));
  const firstNames = rng.shuffle(FIRST_NAMES);
  const lastNames = rng.shuffle(LAST_NAMES);
  const domain = 'demo.rapport.example';
  const teams: DemoTeam[] = [];
  const agents: DemoAgent[] = [];
  let n = 0;
  for (const teamId of DEMO_TEAM_IDS) {
    const base = clampHabits({ ...TYPICAL, ...TEAM_LEAN[teamId] });
    const archetypes = ARCHETYPES[teamId];
    for (let i = 0; i < AGENTS_PER_TEAM; i++) {
      const archetype = archetypes[i] ?? 'typical';
      const name = `${firstNames[n]} ${lastNames[n]}`;
      let habits: Habits;
      let habitsAtEnd: Habits;
      if (archetype === 'typical') {
        habits = jitter(base, rng);
        habitsAtEnd = habits;
      } else {
        const spec = ARCHETYPE_HABITS[archetype];
        habits = clampHabits({ ...base, ...spec.start });
        habitsAtEnd = spec.end ? clampHabits({ ...habits, ...spec.end }) : habits;
      }
      n++;
      agents.push({
        id: `a-${String(n).padStart(2, '0')}`,
        name,
        email: emailOf(name, domain),
        team: teamId,
        archetype,
        habits,
        habitsAtEnd,
        workload: archetype === 'star' ? 1.3 : rng.between(0.7, 1.3),
        languages: BILINGUAL.has(i) ? ['en', 'es'] : ['en'],
      });
    }
    const supervisorName = `${firstNames[n]} ${lastNames[n]}`;
    n++;
    teams.push({
      id: teamId,
      name: TEAM_NAMES[teamId],
      queues: DEMO_LANGUAGES.map((lang) => `${teamId}-${lang}`),
      supervisor: { name: supervisorName, email: emailOf(supervisorName, domain) },
    });
  }
  return { teams, agents };
}
