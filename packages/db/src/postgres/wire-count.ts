/**
 * Counts database round trips on the wire (issue 17): a socket factory for
 * postgres.js (`options.socket`) that watches every connection of a pool.
 * A round trip starts when the client writes after it last read (or first
 * writes at all): everything it sends before the server's next answer —
 * pipelined statements, a BEGIN…COMMIT batch — is one round trip; a query
 * it sends only after reading an answer is another. Statements are counted
 * too (Sync messages: one per extended-protocol query, `Q` for simple ones).
 *
 * For tests and the bench (`bench/pg.bench.ts`): it measures what the driver
 * really sends, not what the code claims to send.
 */
import { connect, type Socket } from 'node:net';

export interface WireCount {
  /** Client write bursts each followed by waiting for the server. */
  roundTrips: number;
  /** Queries sent (extended-protocol Sync or simple Query messages). */
  statements: number;
}

export interface WireCounter {
  /** Pass as `socket` to postgres.js (or `openPostgres({ socket })`). */
  socket: (options: { host: string[]; port: number[]; path?: string | false }) => Promise<Socket>;
  /** Totals over every connection since the counter was made. */
  readonly count: WireCount;
  /** Runs `fn` and returns what it sent. Only meaningful when nothing else uses the pool meanwhile. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; count: WireCount }>;
}

/** Counts frontend messages of one kind in a chunk (whole messages only; postgres.js writes whole messages). */
function countSyncs(chunk: Buffer): number {
  let n = 0;
  let i = 0;
  // The startup packet (no type byte) is written before any counted query; skip chunks that do not parse.
  while (i + 5 <= chunk.length) {
    const type = chunk[i]!;
    const len = chunk.readInt32BE(i + 1);
    if (len < 4) return n;
    if (type === 0x53 /* S: Sync */ || type === 0x51 /* Q: simple query */) n++;
    i += 1 + len;
  }
  return n;
}

export function wireCounter(): WireCounter {
  const count: WireCount = { roundTrips: 0, statements: 0 };
  return {
    count,
    async socket(options) {
      const s = options.path ? connect(options.path) : connect(options.port[0]!, options.host[0]!);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', resolve);
        s.once('error', reject);
      });
      let waiting = false;
      s.on('data', () => {
        waiting = false;
      });
      const write = s.write.bind(s) as (...args: unknown[]) => boolean;
      (s as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
        if (!waiting) {
          count.roundTrips++;
          waiting = true;
        }
        if (Buffer.isBuffer(chunk)) count.statements += countSyncs(chunk);
        return write(chunk, ...rest);
      };
      return s;
    },
    async measure(fn) {
      const before = { ...count };
      const result = await fn();
      return { result, count: { roundTrips: count.roundTrips - before.roundTrips, statements: count.statements - before.statements } };
    },
  };
}
