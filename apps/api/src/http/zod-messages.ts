/**
 * Validation messages in the caller's language. zod writes English; for
 * Indonesian callers each default message is rewritten with zod's own `id`
 * locale. Messages a schema wrote itself (already bilingual) stay as they are.
 */
import { z } from '@hono/zod-openapi';
import type { Language } from './messages.ts';

const english = z.locales.en().localeError;
const indonesian = z.locales.id().localeError;

type Issue = z.core.$ZodIssue;

const BILINGUAL = new Map<string, { id: string; en: string }>();

/**
 * A schema's own message in both languages: `say('Wajib diisi', 'Required')`
 * gives the message zod stores (`"Wajib diisi / Required"`), and each caller
 * then reads only their own language.
 */
export function say(id: string, en: string): string {
  const message = `${id} / ${en}`;
  BILINGUAL.set(message, { id, en });
  return message;
}

/** The message of one issue in `lang`. */
export function issueMessage(issue: Issue, lang: Language): string {
  const own = BILINGUAL.get(issue.message);
  if (own) return own[lang];
  if (lang === 'en') return issue.message;
  // Final issues carry no input; zod's default English message is the only place that names what was received.
  const asRaw = issue as unknown as Parameters<typeof english>[0];
  const isDefault = english(asRaw) === issue.message || (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected'));
  if (!isDefault) return issue.message;
  if (issue.code === 'invalid_type') {
    const received = /received (\S+)$/.exec(issue.message)?.[1];
    return `Input tidak valid: diharapkan ${issue.expected}${received ? `, diterima ${received}` : ''}`;
  }
  const translated = indonesian(asRaw);
  return typeof translated === 'string' ? translated : (translated?.message ?? issue.message);
}
