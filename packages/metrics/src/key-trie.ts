/**
 * Keys of lower-case ASCII letters and digits by character, so that a scan of a text can tell whether
 * the word it is reading is a key one character code at a time: without cutting the word out of the
 * text and hashing it, which for every word of every turn cost more than the lookups themselves.
 */
export interface KeyTrie<T> {
  /** What a key ending here stands for; undefined where no key ends here. */
  value: T | undefined;
  /** The node after one more character, by its code − FIRST_CODE. */
  next: (KeyTrie<T> | undefined)[];
}

/** '0', the lowest code of a key character; 'z' is the highest. */
const FIRST_CODE = 48;
const LAST_CODE = 122;

function node<T>(): KeyTrie<T> {
  return { value: undefined, next: [] };
}

export function keyTrie<T>(entries: Iterable<readonly [string, T]>): KeyTrie<T> {
  const root = node<T>();
  for (const [key, value] of entries) {
    let at = root;
    for (let i = 0; i < key.length; i++) {
      const slot = key.charCodeAt(i) - FIRST_CODE;
      if (!/^[a-z0-9]$/.test(key[i] as string)) throw new Error(`not a key character: ${key}`);
      let child = at.next[slot];
      if (!child) {
        child = node<T>();
        at.next[slot] = child;
      }
      at = child;
    }
    at.value = value;
  }
  return root;
}

/** The node after a character code (a lower-case letter or digit); undefined where no key goes on. */
export function step<T>(at: KeyTrie<T> | undefined, code: number): KeyTrie<T> | undefined {
  return at === undefined || code > LAST_CODE ? undefined : at.next[code - FIRST_CODE];
}
