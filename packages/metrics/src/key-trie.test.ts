import { describe, expect, test } from 'vitest';
import { type KeyTrie, keyTrie, step } from './key-trie.ts';

function lookup<T>(trie: KeyTrie<T>, word: string): T | undefined {
  let at: KeyTrie<T> | undefined = trie;
  for (let i = 0; i < word.length; i++) at = step(at, word.charCodeAt(i));
  return at?.value;
}

describe('the key trie', () => {
  const trie = keyTrie([
    ['i', 1],
    ['it', 2],
    ['2fa', 3],
    ['zzz', 4],
  ]);

  test('finds a key only where the whole word is one', () => {
    expect(lookup(trie, 'i')).toBe(1);
    expect(lookup(trie, 'it')).toBe(2);
    expect(lookup(trie, '2fa')).toBe(3);
    expect(lookup(trie, 'zzz')).toBe(4);
    expect(lookup(trie, 'its')).toBeUndefined();
    expect(lookup(trie, '2f')).toBeUndefined();
    expect(lookup(trie, 'zz')).toBeUndefined();
  });

  test('goes on from no character outside its keys', () => {
    expect(step(trie, '{'.charCodeAt(0))).toBeUndefined();
    expect(step(trie, '/'.charCodeAt(0))).toBeUndefined();
    expect(step(undefined, 'a'.charCodeAt(0))).toBeUndefined();
  });

  test('refuses a key with another character', () => {
    expect(() => keyTrie([['.msi', 1]])).toThrow();
    expect(() => keyTrie([['It', 1]])).toThrow();
  });
});
