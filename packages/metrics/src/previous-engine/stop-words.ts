/**
 * Words that carry no content of their own, for telling a restatement from a check question
 * (`paraphraseRate`): "so you were charged twice" restates "I was charged twice" through "charged"
 * and "twice", not through "so", "you" or "were". English; short and general on purpose.
 */
const STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
  here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its
  itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours
  ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that
  that's the their theirs them themselves then there there's these they they'd they'll they're they've
  this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what
  what's when when's where where's which while who who's whom why why's will with won't would wouldn't
  you you'd you'll you're you've your yours yourself yourselves just also yes yeah ok okay right so
  still get got getting go going gone want wanted need needed like now today please thanks thank hi
  hello hey sure well really actually one two able would could should may might must shall let make
  made say said tell told know think see saying correctly understand understood confirm clarify
  mean meaning basically sounds sound`.split(/\s+/),
);

/** Content words of a text, lower-cased with a light suffix strip ("charged" and "charge" meet). */
export function contentWords(text: string): string[] {
  const words =
    text
      .replace(/[\u2018\u2019]/g, "'")
      .toLowerCase()
      .match(/[\p{L}\p{N}']+/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w) && w.length > 1).map(stem);
}

function stem(word: string): string {
  const bare = word.replace(/'s$/, '');
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (bare.length > suffix.length + 2 && bare.endsWith(suffix)) return bare.slice(0, -suffix.length);
  }
  return bare;
}
