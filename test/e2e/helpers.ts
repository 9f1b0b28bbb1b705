/**
 * What several browser tests do the same way: JSON calls to the API from the
 * signed-in page, the forms of the SRPS pathway's steps (to answer them with
 * `formData`), rupiah written as the screen writes it, and the signed-in
 * user's first open case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '../../apps/editor/e2e/browser.ts';
import { REPO_ROOT } from '../../apps/editor/e2e/server.ts';
import type { FormField, PathwayDocument } from '../../packages/engine/src/index.ts';

export type ApiCall = <T = any>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

/**
 * A JSON call from the signed-in page (its session cookie and CSRF token).
 * `page` is asked for at each call: a file's page is set once its world starts.
 */
export function pageApi(page: () => Page): ApiCall {
  return (method, path, body) =>
    page().evaluate(
      async ({ method, path, body }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken?: string };
        const res = await fetch(path, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
        return { status: res.status, body: await res.json() };
      },
      { method, path, body },
    );
}

const SRPS = JSON.parse(readFileSync(join(REPO_ROOT, 'workflows', 'srps-standar.json'), 'utf8')) as PathwayDocument;

/** The form of the SRPS pathway's step at a dotted state path (`intervensi_ekonomi.bantuan.kunjungan_rumah`). */
export function srpsForm(path: string): FormField[] {
  let node: { states?: Record<string, unknown>; meta?: { form?: FormField[] } } = { states: SRPS.machine.states as never };
  for (const part of path.split('.')) node = node.states![part] as typeof node;
  return node.meta?.form ?? [];
}

/** Whole rupiah as the pages write them: `Rp 1.250.000`. */
export const rp = (n: number) => `Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/** The id of the first active case assigned to the signed-in user. */
export function firstOwnActiveCase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { user: { id: string } };
    const list = (await (await fetch(`/api/cases?status=active&assigneeId=${me.user.id}`)).json()) as { items: { id: string }[] };
    return list.items[0]!.id;
  });
}
