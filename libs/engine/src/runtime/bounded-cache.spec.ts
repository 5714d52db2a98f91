import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('drops the least recently used entry past its capacity', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('builds a missing entry once', () => {
    const cache = new BoundedCache<string, object>(4);
    let built = 0;
    const first = cache.getOrCreate('x', () => ({ n: ++built }));
    expect(cache.getOrCreate('x', () => ({ n: ++built }))).toBe(first);
    expect(built).toBe(1);
    cache.delete('x');
    expect(cache.getOrCreate('x', () => ({ n: ++built }))).toEqual({ n: 2 });
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});
