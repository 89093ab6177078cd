/**
 * Review assignments, pure: which conversations a plan draws and who reviews each. The repository
 * finds the candidates (team, period, filters); this decides the sample and spreads it.
 */

export interface Candidate {
  conversationId: string;
  agentId: string;
}

export interface Assigned extends Candidate {
  reviewerId: number;
}

/** N conversations per agent, or a share of each agent's conversations (rounded up, so never none). */
export type SampleSize = { perAgent: number } | { percent: number };

/**
 * Each agent's sample: in an order that looks random but is the same for the same plan (the hash of
 * the seed and the id), so a plan drawn twice draws the same conversations and no agent is favoured by
 * the order conversations were stored in.
 */
export function drawSample(candidates: readonly Candidate[], size: SampleSize, seed: string): Candidate[] {
  const byAgent = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byAgent.get(c.agentId) ?? [];
    byAgent.set(c.agentId, list);
    list.push(c);
  }
  const drawn: Candidate[] = [];
  for (const agentId of [...byAgent.keys()].sort()) {
    const own = (byAgent.get(agentId) ?? [])
      .map((c) => ({ c, key: fnv1a(`${seed}\u0000${c.conversationId}`) }))
      .sort((a, b) => a.key - b.key || a.c.conversationId.localeCompare(b.c.conversationId))
      .map((x) => x.c);
    const take = 'perAgent' in size ? size.perAgent : Math.ceil((own.length * size.percent) / 100);
    drawn.push(...own.slice(0, take));
  }
  return drawn;
}

/**
 * Deals the sample out to the reviewers in turn, agent by agent, carrying on where the last agent
 * ended: every reviewer gets the same number of conversations give or take one, and each agent's
 * conversations are shared among the reviewers the same way (no agent judged by one person only when
 * there are several).
 */
export function spreadEvenly(sample: readonly Candidate[], reviewerIds: readonly number[]): Assigned[] {
  if (reviewerIds.length === 0) return [];
  const ordered = [...sample].sort(
    (a, b) => a.agentId.localeCompare(b.agentId) || a.conversationId.localeCompare(b.conversationId),
  );
  return ordered.map((c, i) => ({ ...c, reviewerId: reviewerIds[i % reviewerIds.length] as number }));
}

/** 32-bit FNV-1a: a small, stable hash for the draw order. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
