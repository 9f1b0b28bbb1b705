/**
 * Reports written where the signal is weak: each is kept in the browser
 * (localStorage) with its own Idempotency-Key until the server has it. They
 * are sent at once when online, again whenever the connection returns, and
 * the key makes the server keep exactly one copy however often a send is
 * retried. Until then the UI shows them as "belum terkirim".
 */
import { useSyncExternalStore } from 'react';
import { ApiFailure } from '../api/client.ts';
import { call } from './http.ts';

const STORE_KEY = 'jalur.outbox.v1';

export interface OutboxItem {
  /** Also the Idempotency-Key. */
  key: string;
  caseId: string;
  /** API path to POST to. */
  path: string;
  body: unknown;
  /** What it is, for the list ("Kunjungan rumah 2026-02-21"). */
  label: string;
  createdAt: string;
  /** The last refusal the server gave (kept; a person must look at it). */
  lastError?: string | undefined;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let cache: { items: OutboxItem[]; sending: boolean } = { items: read(), sending: false };

function read(): OutboxItem[] {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    return raw ? (JSON.parse(raw) as OutboxItem[]) : [];
  } catch {
    return [];
  }
}

function write(items: OutboxItem[], sending = cache.sending): void {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(items));
  } catch {
    // Storage full or blocked: the in-memory copy still sends while the page is open.
  }
  cache = { items, sending };
  for (const l of listeners) l();
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The outbox, as React state. */
export function useOutbox(): { items: OutboxItem[]; sending: boolean } {
  return useSyncExternalStore(subscribe, () => cache);
}

/** A new key for one report. */
export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Keeps a report and tries to send it now. */
export async function enqueue(item: Omit<OutboxItem, 'createdAt'>): Promise<void> {
  write([...cache.items, { ...item, createdAt: new Date().toISOString() }]);
  await flushOutbox();
}

let flushing: Promise<void> | null = null;
const sentListeners = new Set<(item: OutboxItem) => void>();

/** Called with each report the server has accepted (e.g. to refresh a list). */
export function onSent(l: (item: OutboxItem) => void): () => void {
  sentListeners.add(l);
  return () => sentListeners.delete(l);
}

/** Sends every kept report, oldest first; stops at the first network failure. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    write(cache.items, true);
    try {
      for (const item of [...cache.items]) {
        try {
          await call('POST', item.path, { json: item.body, headers: { 'Idempotency-Key': item.key } });
          write(cache.items.filter((i) => i.key !== item.key));
          for (const l of sentListeners) l(item);
        } catch (e) {
          if (e instanceof ApiFailure && (e.status === 0 || e.status >= 500 || e.status === 401 || e.status === 408 || e.status === 429)) break;
          write(cache.items.map((i) => (i.key === item.key ? { ...i, lastError: e instanceof Error ? e.message : String(e) } : i)));
        }
      }
    } finally {
      write(cache.items, false);
      flushing = null;
    }
  })();
  return flushing;
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushOutbox());
  // Another tab wrote to the outbox.
  window.addEventListener('storage', (e) => {
    if (e.key === STORE_KEY) write(read());
  });
  if (cache.items.length > 0) void flushOutbox();
  // Some networks come back without an `online` event: look again now and then.
  setInterval(() => {
    if (cache.items.length > 0 && navigator.onLine) void flushOutbox();
  }, 20_000);
}
