/** Page inputs kept in the URL, read the same way by a page and by the prefetch that runs before it. */

/** teams.overview's input: `?team=&from=&to=`. */
export function overviewFilters(search: URLSearchParams) {
  return {
    teamId: search.get('team') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    channel: channelOf(search.get('channel')),
    queue: search.get('queue') ?? undefined,
  };
}

const CHANNELS = ['voice', 'chat', 'email'] as const;

function channelOf(value: string | null): (typeof CHANNELS)[number] | undefined {
  return CHANNELS.find((c) => c === value);
}
