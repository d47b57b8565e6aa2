import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/collect-garbage.js';

describe('collectGarbage', () => {
  it('reclaims what nothing references any more, without defining gc in the caller', () => {
    let garbage: { n: number; s: string }[] | undefined = Array.from({ length: 400_000 }, (_, n) => ({ n, s: `item ${n}` }));
    collectGarbage();
    const withGarbage = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(400_000);
    garbage = undefined;
    collectGarbage();
    expect(withGarbage - process.memoryUsage().heapUsed).toBeGreaterThan(10 * 1024 * 1024);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
