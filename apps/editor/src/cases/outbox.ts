/**
 * Work done where the signal is weak — activity reports and case steps —
 * kept in the browser (localStorage) with its own Idempotency-Key until the
 * server has it. Items are sent at once when online, again whenever the
 * connection returns, and the key makes the server keep exactly one copy
 * however often a send is retried. Until then the UI shows them as "belum
 * terkirim".
 *
 * The outbox belongs to the signed-in user: it is stored under their id, only
 * their session sends it, and signing out deletes it (after asking, when
 * something is still unsent). So on a shared school computer the next person
 * never sends — or sees — someone else's reports.
 *
 * A refusal (4xx, e.g. 409: the case moved on while the phone was offline) is
 * final: the item stays, marked failed with the server's sentence, until the
 * person reads it and discards it; it is never sent again.
 */
import { useSyncExternalStore } from 'react';
import { ApiFailure } from '../api/client.ts';
import { call } from './http.ts';

const STORE_PREFIX = 'jalur.outbox.v2:';
/** The first outbox, shared by everyone who used the browser: its owner is unknown, so it is never sent. */
const LEGACY_KEY = 'jalur.outbox.v1';

export interface OutboxItem {
  /** Also the Idempotency-Key. */
  key: string;
  caseId: string;
  /** `record`: an activity report; `advance`: a step taken on the case (one per case at a time). */
  kind?: 'record' | 'advance' | undefined;
  /** API path to POST to. */
  path: string;
  body: unknown;
  /** What it is, for the list ("Kunjungan rumah 2026-02-21"). */
  label: string;
  createdAt: string;
  /** The last refusal the server gave (kept; a person must look at it). */
  lastError?: string | undefined;
  /** The HTTP status of that refusal (409: the case changed meanwhile). */
  status?: number | undefined;
  /** Refused for good: not sent again, shown until discarded. */
  failed?: boolean | undefined;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let owner: string | null = null;
let cache: { owner: string | null; items: OutboxItem[]; sending: boolean } = { owner: null, items: [], sending: false };

const storeKey = (user: string) => STORE_PREFIX + user;

function read(user: string | null): OutboxItem[] {
  if (!user) return [];
  try {
    const raw = localStorage.getItem(storeKey(user));
    return raw ? (JSON.parse(raw) as OutboxItem[]) : [];
  } catch {
    return [];
  }
}

function write(items: OutboxItem[], sending = cache.sending): void {
  if (owner) {
    try {
      if (items.length > 0) localStorage.setItem(storeKey(owner), JSON.stringify(items));
      else localStorage.removeItem(storeKey(owner));
    } catch {
      // Storage full or blocked: the in-memory copy still sends while the page is open.
    }
  }
  cache = { owner, items, sending };
  for (const l of listeners) l();
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The signed-in user's outbox, as React state. */
export function useOutbox(): { items: OutboxItem[]; sending: boolean } {
  return useSyncExternalStore(subscribe, () => cache);
}

/** The outbox as it is now (outside React). */
export function outboxItems(): readonly OutboxItem[] {
  return cache.items;
}

/**
 * Whose outbox this is: called with the user once the session is known, and
 * with null when nobody is signed in. Loads that user's items and sends them.
 */
export function setOutboxOwner(user: string | null): void {
  if (user === owner) return;
  owner = user;
  write(read(user), false);
  if (user && cache.items.some((i) => !i.failed)) void flushOutbox();
}

/** Deletes a user's outbox from this browser (at sign-out). */
export function clearOutbox(user: string): void {
  try {
    localStorage.removeItem(storeKey(user));
  } catch {
    // Nothing stored.
  }
  if (user === owner) {
    owner = null;
    write([], false);
  }
}

/** A new key for one report or step. */
export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Keeps an item and tries to send it now. */
export async function enqueue(item: Omit<OutboxItem, 'createdAt'>): Promise<void> {
  write([...cache.items, { ...item, createdAt: new Date().toISOString() }]);
  await flushOutbox();
}

/** Forgets an item (one the server refused, after the person has read why). */
export function discard(key: string): void {
  write(cache.items.filter((i) => i.key !== key));
}

let flushing: Promise<void> | null = null;
const sentListeners = new Set<(item: OutboxItem) => void>();

/** Called with each item the server has accepted or refused (e.g. to refresh a list). */
export function onSent(l: (item: OutboxItem) => void): () => void {
  sentListeners.add(l);
  return () => sentListeners.delete(l);
}

/** Sends every kept item, oldest first; stops at the first network failure or when the session has ended. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    const user = owner;
    write(cache.items, true);
    try {
      for (const item of [...cache.items]) {
        if (item.failed) continue;
        if (owner !== user) break;
        try {
          await call('POST', item.path, { json: item.body, headers: { 'Idempotency-Key': item.key } });
          if (owner !== user) break;
          write(cache.items.filter((i) => i.key !== item.key));
          for (const l of sentListeners) l(item);
        } catch (e) {
          if (owner !== user) break;
          if (e instanceof ApiFailure && (e.status === 0 || e.status >= 500 || e.status === 401 || e.status === 408 || e.status === 429)) break;
          const status = e instanceof ApiFailure ? e.status : undefined;
          write(cache.items.map((i) => (i.key === item.key ? { ...i, lastError: e instanceof Error ? e.message : String(e), status, failed: true } : i)));
          for (const l of sentListeners) l(item);
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
  try {
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    // Storage blocked.
  }
  window.addEventListener('online', () => void flushOutbox());
  // Another tab wrote to this user's outbox.
  window.addEventListener('storage', (e) => {
    if (owner && e.key === storeKey(owner)) write(read(owner));
  });
  // Some networks come back without an `online` event: look again now and then.
  setInterval(() => {
    if (owner && cache.items.some((i) => !i.failed) && navigator.onLine) void flushOutbox();
  }, 20_000);
}
