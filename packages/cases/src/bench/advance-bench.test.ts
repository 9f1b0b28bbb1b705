import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchAdvance } from './advance-bench.ts';

const root = mkdtempSync(path.join(tmpdir(), 'jalur-bench-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

describe('benchAdvance', () => {
  it('the advance benchmark runs both paths on one file and reports their ratio', async () => {
    const r = await benchAdvance({ file: path.join(root, `bench-${++n}.db`), advances: 60, cases: 5, rounds: 1, synchronous: 'NORMAL' });
    expect(r.durablePerSec).toBeGreaterThan(0);
    expect(r.rawPerSec).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.durablePerSec / r.rawPerSec);
  });
});
