import { describe, expect, it } from 'vitest';
import { createShardedMap } from '../../src/core/shardedMap.js';

describe('sharded map', () => {
  it('behaves as a Map for get, has, set, delete and size, overwrites included', () => {
    const map = createShardedMap<number>();
    const ids = Array.from({ length: 5000 }, (_, i) => `GW02${i.toString(16).toUpperCase().padStart(8, '0')}`);
    ids.forEach((id, i) => map.set(id, i));
    map.set(ids[7], -7);
    expect(map.size).toBe(5000);
    expect(map.get(ids[7])).toBe(-7);
    expect(map.has('GW02FFFFFFFF')).toBe(false);
    expect(map.delete(ids[0])).toBe(true);
    expect(map.delete(ids[0])).toBe(false);
    expect(map.size).toBe(4999);
    expect(new Set(map.values()).size).toBe(4999);
  });

});
