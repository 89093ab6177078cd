import type { DatasetKey } from './analyse.ts';
import type { TextTemplate } from './figures.ts';

/**
 * The words of the real-data report's findings, kept apart from their figures: one template per finding
 * id, whose `{figure}` placeholders are filled from the finding's `figures` and `examples`
 * (`findings.ts`) and whose `{figure|format}` says how a value reads (`template.ts`). Nothing is
 * computed here, so a figure can be read, tested and diffed without the prose, and the prose edited
 * without touching a number.
 */

export const DATASET_TITLES: Record<DatasetKey, string> = {
  harperValley: 'Harper Valley Bank (voice)',
  ibmTwitter: 'IBM Twitter customer care (chat)',
  abcd: 'ABCD (chat)',
};

/** How each set becomes interaction log records; the ABCD notes read its synthetic clock. */
export const CONVERSION_NOTES: Record<DatasetKey, string[]> = {
  harperValley: [
    'one call = one transcript file + one metadata file; turn times are `start_timestamp_ms` minus the call start (`start_time_ms`)',
    'segments whose corrected text is only non-speech tags (`[noise]`, `[laughter]`) are dropped; `<unk>` is kept as speech',
    'agent = metadata agent `speaker_id` (`hvb-agent-<id>`); the persona name is not used; customer name = metadata "first and last name"',
    'CSAT = ceil(caller `partner_rating` / 2): 1–2 → 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5',
  ],
  ibmTwitter: [
    'the last agent turn (`agentURL.url_utterance`) is timed from its tweet id, `(id >> 22) + 1288834974657` ms in BigInt, floored to the second like every other message',
    'text: reply prefix (`@handle …`) removed, `&amp;` / `&gt;` / `&lt;` decoded; `client` and `client1` are customer turns',
    'agent = brand, or `Brand/Signature` when the agent signs (`^JS`, `*SR`, `~Olivia`, `-Karla`, `/SQ`); team = brand; the customer has no name (a handle is not a name)',
    'channel `chat`, so the chat response target (60 s) applies; no outcome, survey or event data',
  ],
  abcd: [
    'no timestamps: every conversation starts at {start} and turn i starts at i × {turnStepSeconds} s, so **every time-based metric is meaningless for ABCD** (first response, response times, p90, within target, handle time, conversations per day)',
    '`action` turns are `system` turns (ignored by every metric); text from `original`',
    'one agent, `abcd-agent` (crowd workers are anonymous); customer name = `scenario.personal.customer_name`, capitalised',
  ],
};

export interface FindingText extends TextTemplate {
  title: string;
}

const TURN_REF = '`{conversation}` turn {turn}';
const QUOTED_FLAG = `“{quote|quote}” (${TURN_REF})`;

/**
 * Every finding, in the order the report lists them within its status. The key is the finding's id in
 * `docs/metrics-on-real-data.json`.
 */
export const FINDING_TEXTS = {
  'harper-valley-noise-segments': {
    title: 'Harper Valley `[noise]` segments as speech',
    text: "{nonSpeechSegments} of {segments} segments are only non-speech tags. Kept as turns, they give {interruptionsWithNoise} interruptions in {callsWithNoiseInterruptions} calls ({noiseInterruptions}) and move the agents' pooled talk ratio from {talkRatio|number:3} to {talkRatioWithNoise|number:3}. The converter drops them: {interruptions} interruptions in all {calls} calls.",
    lists: { noiseInterruptions: { each: TURN_REF, join: ', ' } },
  },
  'harper-valley-channel-clocks': {
    title: 'Harper Valley channel clocks',
    text: "Timed by each channel's `start_ms`, the agent channel runs ~2 s late in some calls and the engine finds {interruptions|plural:interruption}: {clockInterruptions}. The converter uses `start_timestamp_ms` (one clock for both channels).",
    lists: { clockInterruptions: { each: `${TURN_REF}, {quote|quote}`, join: '; ', empty: 'none' } },
  },
  'harper-valley-personas': {
    title: 'Harper Valley personas',
    text: '`agent_name` is a scripted persona (speaker 17 plays "Robert" and "Jennifer"); agents are keyed by `speaker_id`: {agents} agents for {calls} calls. The "my name is linda" trap (agent persona and caller both Linda) is handled by the engine\'s name-use rule: personalization is {personalization} for the {calls} calls.',
    lists: { personalization: { each: '{value|metric:personalizationRate}', join: ' / ' } },
  },
  'ibm-reply-prefixes': {
    title: 'IBM reply prefixes and handles',
    text: "{replyPrefixes} tweets open with `@handle` mentions, which Twitter keeps out of the displayed text; the converter drops them, and the customer gets no name. Read naively (prefix kept, handle as the name), the engine takes a capitalised `@Handle` in the agent's reply for the customer's name in use: a personalization rate of {personalizationWithHandles|metric:personalizationRate} over {conversations} conversations, earned by Twitter's reply mechanics, where the true value is unknown (null).",
  },
  'ibm-html-entities': {
    title: 'IBM HTML entities',
    text: '{entities} decoded; otherwise "amp" and "gt" count as agent words.',
    lists: { entities: { each: '{count} × `{entity}`', join: ', ', empty: 'none' } },
  },
  'ibm-last-turn-time': {
    title: 'IBM last turn without a time',
    text: 'Taken from the tweet id (BigInt: ids exceed 2⁵³); `dialogHeader.duration` is not used because past 24 h it wraps or turns negative ("-00:00:19.").',
  },
  'abcd-actions': {
    title: 'ABCD actions',
    text: '`action` turns ("Account has been pulled up for …") are system turns: they are neither agent words nor responses ({systemTurns} in {conversations} conversations).',
  },
  'links-as-words': {
    title: 'Links are read as words and sentences',
    text: `Most IBM agent turns end with a link (\`https://web.archive.org/web/20191213044137/https://support.hp.com/us-en/contact-hp?openCLC=true\`). The engine splits sentences at every \`.\` and \`?\` inside it and counts every path segment as a word, so a link is several short "sentences", one of which ends in \`?\` (a "clarifying question"), and its fragments dilute every per-100-words rate.

| IBM Twitter | as the engine reads it | links as one word |
| --- | --- | --- |
| agent words | {agentWords} | {agentWordsLinksAsOneWord} |
| agent sentences | {agentSentences} | {agentSentencesLinksAsOneWord} |
| \`clarifyingQuestionRate\` (pooled) | {clarifyingQuestionRate|metric:clarifyingQuestionRate} | {clarifyingQuestionRateLinksAsOneWord|metric:clarifyingQuestionRate} |
| \`avgSentenceWords\` (pooled) | {avgSentenceWords|metric:avgSentenceWords} | {avgSentenceWordsLinksAsOneWord|metric:avgSentenceWords} |
| \`negativeLanguagePer100Words\` (pooled) | {negativeLanguagePer100Words|metric:negativeLanguagePer100Words} | {negativeLanguagePer100WordsLinksAsOneWord|metric:negativeLanguagePer100Words} |
| \`jargonPer100Words\` (pooled) | {jargonPer100Words|metric:jargonPer100Words} | {jargonPer100WordsLinksAsOneWord|metric:jargonPer100Words} |

{questionsOnlyFromLinks} conversations are credited with a clarifying question only because of a \`?\` inside a link. Phrase and sentence flags that take in part of a link: {flagsInsideLinksByMetric}.

*Proposed fix (packages/metrics \`text.ts\`):* before splitting words and sentences and before lexicon matching, replace every \`https?://\\S+\` and \`www.\\S+\` by one neutral word (keeping offsets for evidence), so that a link is one word, never ends a sentence and never matches a lexicon. The right-hand column is the engine run on the records with links replaced by the word "link", i.e. what the fix would give.`,
    lists: { flagsInsideLinksByMetric: { each: '`{metric}` {count}', join: ', ', empty: 'none' } },
  },
  'negative-language-not-refusal': {
    title: 'Negative language that is not a refusal',
    text: `Of {matches} negative-language matches, {bareModals} are a bare "can't", "cannot" or "won't". Only {firstPerson} of those have the agent or the company ("I", "we") as the one who cannot or will not; the other {otherSubjects} describe the customer's situation ("Sorry to hear that you cannot access…", which is empathy), a product's behaviour ("This process won't delete any saved data", which is reassurance), a third party, or the company named in the third person ("HP cannot guarantee…", a fair flag):

| conversation | turn | word before | quoted text |
| --- | --- | --- | --- |
{notFirstPerson}

*Proposed fix (packages/metrics, \`negativeLanguage\` matching):* count the bare modal entries (\`can't\`, \`cannot\`, \`won't\`) only when their subject is the agent's side: the nearest preceding word, skipping adverbs (just, really, still, simply, currently, unfortunately), is I / we / I'm / we're, or the organisation's own name (a new per-organisation option). Entries that carry their subject or are the agent's own voice ("nothing I can do", "we're unable to", "I'm afraid", "unfortunately") stay as they are. An elliptical reply such as ABCD's "I won't" (to "Don't forget to spay or neuter your pet!") is a friendly promise, not a refusal; no word rule catches that, and it stays a known limit.`,
    lists: {
      notFirstPerson: {
        each: '| `{conversation}` | {turn} | {wordBefore|cell} | {quote|quote} |',
        join: '\n',
      },
    },
  },
  'phrases-need-context': {
    title: 'Phrases that need their context',
    text: `Every argument, overpromise and jargon flag of the three sets was read:

- \`argumentRate\` ({argumentFlags}): {argument} — "You should have" here is possession ("you should have the paid plan"), not blame ("you should have called"). *Proposed fix:* match "you should have" only when followed by a past participle (a word ending in -ed/-en or one of the common irregular participles: done, told, known, read, sent, seen, said, made, paid, bought, gone, called…), as a lexicon entry with a follow-up pattern.
- \`overpromiseRate\` ({overpromiseFlags}): {overpromise} — "All promo codes expire after 7 days without fail" states a rule; it promises nothing. *Proposed fix:* absolute-promise phrases that do not carry their own subject ("without fail", "for sure", "100%", "guaranteed") count only in a sentence with a first-person commitment (I / we + will, 'll, promise, guarantee, make sure).
- \`jargonPer100Words\` ({jargonFlags}): {jargon} — The agent explains the term at once ("a chargeback or payment reversal"). *Proposed fix:* a jargon match directly followed by "or" / "(" / "i.e." and its lexicon suggestion or a plain gloss is explained jargon and is not counted (keep it as evidence marked as explained).`,
    lists: {
      argument: { each: QUOTED_FLAG, join: '; ', empty: 'none' },
      overpromise: { each: QUOTED_FLAG, join: '; ', empty: 'none' },
      jargon: { each: QUOTED_FLAG, join: '; ', empty: 'none' },
    },
  },
  'unpunctuated-voice': {
    title: 'Unpunctuated voice transcripts',
    text: `Harper Valley's corrected transcripts have no punctuation at all, so each agent turn is one "sentence" and no sentence ends in \`?\`. \`clarifyingQuestionRate\` is {clarifyingQuestionRates} for the {calls} calls, although the agents ask {questionsAsked} questions, e.g. {questions}. {longSentenceFlags|plural:long-sentence flag} join two sentences ({longSentences}; "… to your checking account is there anything else i can help you with").

*Proposed fix (packages/metrics):* for a voice turn with no sentence punctuation at all, (a) treat a clause that opens, after fillers (uh, um, so, okay, alright), with a wh-word or an inverted auxiliary (is, are, can, could, would, do, does, did, will, may) followed by a pronoun or noun as a question, and (b) leave it out of \`avgSentenceWords\` (null rather than one giant sentence) unless the source supplies punctuation. Until then, these two metrics should be read as "no data" for unpunctuated voice sources; ingest could mark such sources with a flag.`,
    lists: {
      clarifyingQuestionRates: { each: '{value|metric:clarifyingQuestionRate}', join: ' / ' },
      questions: { each: `${TURN_REF}: "{quote|turn-text}"`, join: '; ', limit: 4 },
      longSentences: { each: TURN_REF, join: ', ' },
    },
  },
  'no-events-read-as-never': {
    title: 'No events is read as "never"',
    text: `None of the three sources records events (follow-ups, resolutions, survey invitations): the records have no \`events\` at all. The engine still scores every conversation, so these sets get a follow-up rate and a resolution rate of 0, as if every agent had failed, rather than "no data":

| data set | \`followUpRate\` | \`resolutionRate\` | \`feedbackRequestRate\` |
| --- | --- | --- | --- |
{eventRates}

*Proposed fix (packages/metrics \`ownership.ts\`, \`outcome.ts\`):* distinguish "the source reports no events" (\`events\` absent) from "no event happened" (\`events: []\`): \`followUpRate\`, \`promiseKeptRate\` and \`resolutionRate\` are null when \`events\` is absent; \`feedbackRequestRate\` keeps counting agent phrases but not the missing \`survey_sent\`. The converters here already leave \`events\` out rather than writing \`[]\`.`,
    lists: {
      eventRates: {
        each: '| {dataset|dataset} | {followUpRate|pooled:followUpRate} | {resolutionRate|pooled:resolutionRate} | {feedbackRequestRate|pooled:feedbackRequestRate} |',
        join: '\n',
      },
    },
  },
  'chat-target-for-social': {
    title: 'A chat target for social replies',
    text: `The IBM threads are Twitter replies, mapped to \`chat\`, whose default target is 60 s. The {responseGaps} response gaps have a median of {medianGapMs|duration} and a p90 of {p90GapMs|duration}; {withinTarget|percent:1} are within target. That is the target's fault, not the agents': social care is asynchronous and is usually held to an hour or so.

*Proposed fix:* a \`social\` channel in the format (target e.g. 1 h) or response targets per queue in \`EngineOptions\`; until then, an organisation importing social care should set its chat target for that import.`,
  },
  'long-conversation-storage': {
    title: 'Storage of long conversations (apps/api, database)',
    text: '{rejected} valid IBM threads are refused at ingest because a turn starts more than 2³¹ − 1 ms after the conversation: make `turns.start_ms`, `turns.end_ms` and the `response_gaps` arrays `bigint` (or `float8`), or state a limit in the format and reject such records at validation with that reason instead of a database error.',
  },
} as const satisfies Record<string, FindingText>;

export type FindingId = keyof typeof FINDING_TEXTS;
