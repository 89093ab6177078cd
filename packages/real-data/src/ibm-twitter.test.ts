import { readFileSync } from 'node:fs';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { computeConversation } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import {
  convertIbmTwitterConversation,
  signatureOf,
  tweetIdToMs,
  tweetText,
  withoutReplyPrefix,
} from './ibm-twitter.ts';

const fixture: unknown[] = JSON.parse(
  readFileSync(new URL('./fixtures/ibm-twitter.json', import.meta.url), 'utf8'),
);

function converted(index: number): ConversationRecord {
  const result = convertIbmTwitterConversation(fixture[index]);
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

describe('tweetIdToMs: (id >> 22) + 1288834974657, in BigInt', () => {
  test.each([
    // Built by hand as ((ms − 1288834974657) << 22) + 12345: the low 22 bits do not change the instant.
    ['1216382480014127161', Date.parse('2020-01-12T15:32:37.186Z')],
    ['1244170551224709177', Date.parse('2020-03-29T07:52:29.640Z')],
    // A real id of the data set (its `datetime` would be the same instant floored to the second).
    ['1216371800696852483', Date.parse('2020-01-12T14:50:11.038Z')],
    ['4194304', 1288834974658],
  ])('%s → %d', (id, ms) => {
    expect(tweetIdToMs(id)).toBe(ms);
  });
});

describe('signatureOf: an agent signature closes the tweet', () => {
  test.each([
    ['Open a ticket under the relevant categories *TB', 'TB'],
    ['Post in our community.~ Olivia', 'Olivia'],
    ['Your case is 734312 - Mindy', 'Mindy'],
    ['Let us know. Thanks.^Kartika', 'Kartika'],
    ['We are on it.\n\nRegards,\n^PG', 'PG'],
    ['Let us know if this helps /VG', 'VG'],
    ['What happened? –jeh', 'Jeh'],
    ['Please follow these steps *SR 1/2', 'SR'],
    ['See https://support.apple.com/en-us/HT201569', null],
    ['See https://www.apple.com/apple-pay', null],
    ['Take a look at this article. Let us know.', null],
    ['Live chat is open 4AM-7PM PT.', null],
    ['Check your in-flight options here Sasha', null],
  ])('%j → %j', (message, expected) => {
    expect(signatureOf(message)).toBe(expected);
  });
});

describe('withoutReplyPrefix', () => {
  test.each([
    ['@HP @Tesco your software is wrong', 'your software is wrong'],
    ['@MommaYou2 Hi there', 'Hi there'],
    ['Hi @HP, help', 'Hi @HP, help'],
    ['@AskPlayStation', '@AskPlayStation'],
  ])('%j → %j', (message, expected) => {
    expect(withoutReplyPrefix(message)).toBe(expected);
  });
});

describe('tweetText: entities decoded, reply prefix dropped', () => {
  test.each([
    [
      '@eBay If your seller won&#39;t respond &amp; item won&apos;t arrive',
      'If your seller won&#39;t respond & item won&apos;t arrive',
    ],
    ['@Dropbox Settings &gt; Sync &lt;here&gt;', 'Settings > Sync <here>'],
    ['@x Tom &amp;amp; Jerry', 'Tom &amp; Jerry'],
  ])('%j → %j', (message, expected) => {
    expect(tweetText(message)).toBe(expected);
  });
});

describe('IBM Twitter conversation (fixture: 2 conversations)', () => {
  test('two turns: the final agent turn gets its time from the tweet id, floored to the second', () => {
    const record = converted(0);
    expect(record).toMatchObject({
      id: 'ibm-fixtureTwoTurns',
      channel: 'chat',
      startedAt: '2020-01-12T14:50:11.000Z',
      // 15:32:37.186 from the id, cut to 15:32:37 like every other message of the set.
      endedAt: '2020-01-12T15:32:37.000Z',
      agent: { id: 'HPSupport', name: 'HPSupport (unsigned)', team: 'HPSupport' },
      customer: { id: '@MommaYou2', name: null },
    });
    expect(record.turns).toEqual([
      {
        speaker: 'customer',
        text: 'your software says my printer needs a #301 cartridge. Unhappy bunny!!!',
        startMs: 0,
      },
      {
        speaker: 'agent',
        text: 'Hi there, please contact our Phone Support. Open link: https://support.hp.com/us-en/contact-hp?openCLC=true 1/2',
        // 15:32:37 − 14:50:11 = 42 min 26 s.
        startMs: 2_546_000,
      },
    ]);
  });

  test('a thread: client and client1 are customers, the agent is the last signature seen', () => {
    const record = converted(1);
    expect(record.agent).toEqual({ id: 'AmazonHelp/QA', name: 'AmazonHelp (QA)', team: 'AmazonHelp' });
    expect(record.customer).toEqual({ id: '@suman1234', name: null });
    expect(record.turns.map((t) => [t.speaker, t.startMs])).toEqual([
      ['customer', 0],
      ['agent', 387_000], // 07:35:31 − 07:29:04 = 6 min 27 s
      ['customer', 656_000], // 07:40:00: 10 min 56 s
      ['customer', 1_154_000], // 07:48:18: 19 min 14 s
      ['agent', 1_405_000], // tweet id → 07:52:29.640, floored: 23 min 25 s
    ]);
    expect(record.endedAt).toBe('2020-03-29T07:52:29.000Z');
  });

  test('the naive reading, switched on: reply prefix kept, handle as the name, which then reads as personalisation', () => {
    const result = convertIbmTwitterConversation(fixture[0], { keepReplyPrefix: true, handleAsName: true });
    if (!result.ok) throw new Error(result.error);
    expect(result.record.customer).toEqual({ id: '@MommaYou2', name: 'MommaYou2' });
    expect(result.record.turns[1]?.text).toMatch(/^@MommaYou2 Hi there,/);
    // "@MommaYou2" is capitalised inside a sentence: the engine takes it for the name in use.
    expect(computeConversation(result.record).metrics.personalizationRate).toEqual({ num: 1, den: 1 });
    expect(computeConversation(converted(0)).metrics.personalizationRate).toBeUndefined();
  });

  test('a conversation without a numeric tweet id is rejected with the field', () => {
    const broken = structuredClone(fixture[0]) as { agentURL: { tweet_ID: string } };
    broken.agentURL.tweet_ID = 'n/a';
    const result = convertIbmTwitterConversation(broken);
    expect(!result.ok && result.error).toMatch(/^unexpected input: agentURL\.tweet_ID/);
  });
});
