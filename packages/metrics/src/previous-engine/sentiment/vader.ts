import { vaderLexicons } from './vader-lexicon.ts';

/**
 * VADER 3.3.2 (Hutto & Gilbert, ICWSM 2014; `vaderSentiment/vaderSentiment.py` of
 * cjhutto/vaderSentiment at 0150f59), rule for rule, so that its compound equals the Python one.
 * Quirks of the original are kept on purpose, each marked "as 3.3.2"; fixing one would move the
 * scores away from the published reference that the tests hold this port to.
 *
 * Known differences from the Python code, none of which the reference sets (plain ASCII) exercise:
 * letters outside ASCII are lower-cased and tested for capitals by JavaScript's Unicode tables, which
 * may disagree with Python's for a few rare letters; and Python ≥ 3.12 sums floats with compensation,
 * which can move the last bits of a sum (≈ 1e−16, far below the 4 decimals VADER reports).
 *
 * Split into stages so that the contact-centre layer (`../sentiment.ts`) can adjust the word
 * valences before "but" and the normalisation run: `prepare` → `wordValences` → `butCheck` →
 * `compound`.
 */

const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
export const N_SCALAR = -0.74;

// biome-ignore format: VADER's list, line for line
const NEGATE = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt',
  "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
  'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither',
  "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
  'neednt', "needn't", 'never', 'none', 'nope', 'nor', 'not', 'nothing', 'nowhere',
  'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent',
  "oughtn't", "shan't", "shouldn't", 'uh-uh', "wasn't", "weren't",
  'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

// biome-ignore format: VADER's lists, packed
const INCR = [
  'absolutely', 'amazingly', 'awfully', 'completely', 'considerable', 'considerably', 'decidedly',
  'deeply', 'effing', 'enormous', 'enormously', 'entirely', 'especially', 'exceptional',
  'exceptionally', 'extreme', 'extremely', 'fabulously', 'flipping', 'flippin', 'frackin', 'fracking',
  'fricking', 'frickin', 'frigging', 'friggin', 'fully', 'fuckin', 'fucking', 'fuggin', 'fugging',
  'greatly', 'hella', 'highly', 'hugely', 'incredible', 'incredibly', 'intensely', 'major', 'majorly',
  'more', 'most', 'particularly', 'purely', 'quite', 'really', 'remarkably', 'so', 'substantially',
  'thoroughly', 'total', 'totally', 'tremendous', 'tremendously', 'uber', 'unbelievably', 'unusually',
  'utter', 'utterly', 'very',
];
// biome-ignore format: VADER's lists, packed
const DECR = [
  'almost', 'barely', 'hardly', 'just enough', 'kind of', 'kinda', 'kindof', 'kind-of', 'less',
  'little', 'marginal', 'marginally', 'occasional', 'occasionally', 'partly', 'scarce', 'scarcely',
  'slight', 'slightly', 'somewhat', 'sort of', 'sorta', 'sortof', 'sort-of',
];
/** Boosters and dampeners ("degree adverbs") with their scalar; the two-word ones only count in `specialIdioms`. */
const BOOSTER = new Map<string, number>([
  ...INCR.map((w) => [w, B_INCR] as const),
  ...DECR.map((w) => [w, B_DECR] as const),
]);

/** Phrases containing lexicon words whose valence they replace. */
const SPECIAL_CASES = new Map<string, number>([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['badass', 1.5],
  ['bus stop', 0.0],
  ['yeah right', -2],
  ['kiss of death', -1.5],
  ['to die for', 3],
  ['beating heart', 3.1],
  ['broken heart', -2.9],
]);
/**
 * The first words of the phrases `specialIdioms` looks up: a word sequence that starts otherwise
 * cannot be one, so its string is never built (the rule runs for most lexicon words).
 */
const PHRASE_STARTS = new Set(
  [...SPECIAL_CASES.keys(), ...BOOSTER.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]),
);

/** The text VADER scores, as its `SentiText`. */
export interface PreparedText {
  /** After emoji → description and `strip()`: what "!" and "?" are counted in. */
  text: string;
  /** Whitespace-separated tokens, leading and trailing ASCII punctuation removed unless ≤ 2 characters remain. */
  words: string[];
  lower: string[];
  /** Which words are ALL CAPS (Python's `isupper()`). */
  upper: boolean[];
  /** Some but not all words are ALL CAPS: only then do capitals add emphasis. */
  capDiff: boolean;
}

export function prepare(raw: string): PreparedText {
  const text = stripWhitespace(withEmojiDescribed(raw));
  const words: string[] = [];
  const lower: string[] = [];
  const upper: boolean[] = [];
  let allCaps = 0;
  // one pass: split on white space, strip punctuation, lower-case and test for ALL CAPS together
  for (let k = 0; k < text.length; ) {
    while (k < text.length && isPythonSpace(text.charCodeAt(k))) k++;
    if (k === text.length) break;
    const start = k;
    while (k < text.length && !isPythonSpace(text.charCodeAt(k))) k++;
    const word = wordBetween(text, start, k);
    let hasUpper = false;
    let hasLower = false;
    let ascii = true;
    for (let c = 0; c < word.length; c++) {
      const code = word.charCodeAt(c);
      if (code >= 65 && code <= 90) hasUpper = true;
      else if (code >= 97 && code <= 122) hasLower = true;
      else if (code > 127) ascii = false;
    }
    const lowered = hasUpper || !ascii ? word.toLowerCase() : word;
    // Python's `isupper()`: some cased character and no lower-case one
    const isUpper = ascii ? hasUpper && !hasLower : word === word.toUpperCase() && word !== lowered;
    words.push(word);
    lower.push(lowered);
    upper.push(isUpper);
    if (isUpper) allCaps += 1;
  }
  const capDiff = 0 < words.length - allCaps && words.length - allCaps < words.length;
  return { text, words, lower, upper, capDiff };
}

/** One valence per word, before the "but" rule: VADER's `polarity_scores` loop and `sentiment_valence`. */
export function wordValences(t: PreparedText): number[] {
  const { valence: lexicon } = vaderLexicons();
  const { lower, upper, capDiff } = t;
  const n = lower.length;
  // each word's lexicon valence, looked up once: the rules ask again for up to three following words
  const known: (number | undefined)[] = lower.map((w) => lexicon.get(w));
  const sentiments: number[] = [];
  for (let i = 0; i < n; i++) {
    const item = lower[i] as string;
    const base = known[i];
    if (base === undefined || BOOSTER.has(item) || (i < n - 1 && item === 'kind' && lower[i + 1] === 'of')) {
      sentiments.push(0);
      continue;
    }
    let valence = base;
    // "no" before another lexicon word negates it instead of counting itself
    if (item === 'no' && i !== n - 1 && known[i + 1] !== undefined) valence = 0;
    if (
      (i > 0 && lower[i - 1] === 'no') ||
      (i > 1 && lower[i - 2] === 'no') ||
      (i > 2 && lower[i - 3] === 'no' && (lower[i - 1] === 'or' || lower[i - 1] === 'nor'))
    ) {
      valence = base * N_SCALAR;
    }
    if (capDiff && upper[i]) valence = valence > 0 ? valence + C_INCR : valence - C_INCR;

    for (let start = 0; start < 3; start++) {
      const before = i - (start + 1);
      if (i > start && known[before] === undefined) {
        let s = scalarIncDec(lower[before] as string, upper[before] === true, valence, capDiff);
        if (start === 1 && s !== 0) s = s * 0.95;
        if (start === 2 && s !== 0) s = s * 0.9;
        valence = valence + s;
        valence = negationCheck(valence, lower, start, i);
        if (start === 2) valence = specialIdioms(valence, lower, i);
      }
    }
    sentiments.push(leastCheck(valence, lower, i, lexicon));
  }
  return sentiments;
}

/**
 * "but": the words before the first "but" count half, those after it one and a half times. As
 * 3.3.2, each value is found again by `list.index`, so a value that also occurs earlier is scaled
 * at the earlier place instead.
 */
export function butCheck(lower: readonly string[], sentiments: number[]): number[] {
  const bi = lower.indexOf('but');
  if (bi === -1) return sentiments;
  for (let k = 0; k < sentiments.length; k++) {
    const sentiment = sentiments[k] as number;
    const si = sentiments.indexOf(sentiment);
    if (si < bi) sentiments[si] = sentiment * 0.5;
    else if (si > bi) sentiments[si] = sentiment * 1.5;
  }
  return sentiments;
}

/** The sum, pushed away from 0 by "!" and "?", normalised by x / √(x² + 15) into [−1, 1]. */
export function compound(sentiments: readonly number[], text: string): number {
  if (sentiments.length === 0) return 0;
  let sum = 0;
  for (const s of sentiments) sum += s;
  const emphasis = punctuationEmphasis(text);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const score = sum / Math.sqrt(sum * sum + 15);
  return Math.max(-1, Math.min(1, score));
}

/** VADER's compound in [−1, 1], unrounded (the Python code rounds it to 4 decimals for display). */
export function vaderCompound(text: string): number {
  const t = prepare(text);
  return compound(butCheck(t.lower, wordValences(t)), t.text);
}

function scalarIncDec(lower: string, isUpper: boolean, valence: number, capDiff: boolean): number {
  let scalar = BOOSTER.get(lower);
  if (scalar === undefined) return 0;
  if (valence < 0) scalar *= -1;
  if (capDiff && isUpper) scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
  return scalar;
}

function negated(word: string): boolean {
  return NEGATE.has(word) || word.includes("n't");
}

function negationCheck(valence: number, lower: readonly string[], start: number, i: number): number {
  const w1 = lower[i - 1];
  const w2 = lower[i - 2];
  const w3 = lower[i - 3];
  if (start === 0) return negated(w1 as string) ? valence * N_SCALAR : valence;
  if (start === 1) {
    if (w2 === 'never' && (w1 === 'so' || w1 === 'this')) return valence * 1.25;
    if (w2 === 'without' && w1 === 'doubt') return valence;
    return negated(w2 as string) ? valence * N_SCALAR : valence;
  }
  // as 3.3.2: Python's precedence makes "so"/"this" just before the word enough on its own
  if ((w3 === 'never' && (w2 === 'so' || w2 === 'this')) || w1 === 'so' || w1 === 'this')
    return valence * 1.25;
  if (w3 === 'without' && (w2 === 'doubt' || w1 === 'doubt')) return valence;
  return negated(w3 as string) ? valence * N_SCALAR : valence;
}

function specialIdioms(valence: number, lower: readonly string[], i: number): number {
  const n = lower.length;
  const w3 = lower[i - 3] as string;
  const w2 = lower[i - 2] as string;
  const w1 = lower[i - 1] as string;
  const w0 = lower[i] as string;
  const phrase = (...words: string[]) => (PHRASE_STARTS.has(words[0] as string) ? words.join(' ') : '');
  const threeTwoOne = phrase(w3, w2, w1);
  const threeTwo = phrase(w3, w2);
  const twoOne = phrase(w2, w1);
  for (const seq of [phrase(w1, w0), phrase(w2, w1, w0), twoOne, threeTwoOne, threeTwo]) {
    const special = SPECIAL_CASES.get(seq);
    if (special !== undefined) {
      valence = special;
      break;
    }
  }
  if (n - 1 > i) valence = SPECIAL_CASES.get(phrase(w0, lower[i + 1] as string)) ?? valence;
  if (n - 1 > i + 1)
    valence = SPECIAL_CASES.get(phrase(w0, lower[i + 1] as string, lower[i + 2] as string)) ?? valence;
  // two-word dampeners such as "kind of", "sort of", "just enough"
  for (const nGram of [threeTwoOne, threeTwo, twoOne]) {
    const scalar = BOOSTER.get(nGram);
    if (scalar !== undefined) valence = valence + scalar;
  }
  return valence;
}

function leastCheck(
  valence: number,
  lower: readonly string[],
  i: number,
  lexicon: ReadonlyMap<string, number>,
): number {
  if (i > 0 && lower[i - 1] === 'least' && !lexicon.has('least')) {
    // "at least" and "very least" are not negations; "least" at the start of the text always is
    if (i > 1) return lower[i - 2] !== 'at' && lower[i - 2] !== 'very' ? valence * N_SCALAR : valence;
    return valence * N_SCALAR;
  }
  return valence;
}

function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 33) exclamations += 1;
    else if (c === 63) questions += 1;
  }
  const ep = Math.min(exclamations, 4) * 0.292;
  const qm = questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0;
  return ep + qm;
}

/**
 * Each emoji of the lexicon (one code point) becomes its description, with a space before it unless
 * the text already had one; as 3.3.2, none after it.
 */
function withEmojiDescribed(text: string): string {
  if (!/[^\t-\r -~]/.test(text)) return text; // printable ASCII has no emoji: the common case, kept cheap
  const { emoji } = vaderLexicons();
  let out = '';
  let prevSpace = true;
  for (const ch of text) {
    const description = emoji.get(ch);
    if (description !== undefined) {
      if (!prevSpace) out += ' ';
      out += description;
      prevSpace = false;
    } else {
      out += ch;
      prevSpace = ch === ' ';
    }
  }
  return out;
}

/** Python's `str.isspace()` characters, which `split()` and `strip()` use (a superset of JavaScript's `\s` but for U+FEFF). */
function isPythonSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  if (c < 133) return false;
  return (
    c === 133 ||
    c === 160 ||
    c === 5760 ||
    (c >= 8192 && c <= 8202) ||
    c === 8232 ||
    c === 8233 ||
    c === 8239 ||
    c === 8287 ||
    c === 12288
  );
}

function stripWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** ASCII punctuation, Python's `string.punctuation`. */
function isPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/**
 * The word `text[start, end)` with leading and trailing punctuation removed, unless that leaves ≤ 2
 * characters (code points, as Python counts): then it was likely an emoticon such as ":)", kept whole.
 */
function wordBetween(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s < e && isPunctuation(text.charCodeAt(s))) s++;
  while (e > s && isPunctuation(text.charCodeAt(e - 1))) e--;
  if ((s === start && e === end) || codePoints(text, s, e) <= 2) return text.slice(start, end);
  return text.slice(s, e);
}

function codePoints(text: string, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    const trailing = c >= 0xdc00 && c <= 0xdfff && k > start && (text.charCodeAt(k - 1) & 0xfc00) === 0xd800;
    if (!trailing) n++;
  }
  return n;
}
