import { describe, expect, test } from 'vitest';
import { ReadCache } from './read-cache.ts';

describe('ReadCache', () => {
  test('a key asked again is not computed again; concurrent askers share one computation', async () => {
    const cache = new ReadCache(10);
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return { n: computed };
    };
    const [a, b] = await Promise.all([cache.through('k', compute), cache.through('k', compute)]);
    expect(a).toBe(b);
    expect(await cache.through('k', compute)).toBe(a);
    expect(computed).toBe(1);
  });

  test('a failed computation is not kept: the next ask computes again', async () => {
    const cache = new ReadCache(10);
    await expect(cache.through('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.through('k', async () => 'fine')).toBe('fine');
  });

  test('beyond its size the least recently used key goes first', async () => {
    const cache = new ReadCache(2);
    await cache.through('a', async () => 'a1');
    await cache.through('b', async () => 'b1');
    await cache.through('a', async () => 'a2'); // a is now the most recent
    await cache.through('c', async () => 'c1'); // b goes
    expect(cache.size).toBe(2);
    expect(await cache.through('a', async () => 'a3')).toBe('a1');
    expect(await cache.through('b', async () => 'b2')).toBe('b2');
  });

  test.each([0, -1, 1.5])('a size of %s is refused', (size) => {
    expect(() => new ReadCache(size)).toThrow('at least one entry');
  });
});
