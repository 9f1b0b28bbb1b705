/**
 * What the Satgas register pages (partners, peer counsellors, group
 * sessions) share: the page frame (the role's refusal in one sentence, the
 * register tabs, the heading, the intro and the read-only note), a list's
 * loading / error / empty lines, and the form fields a session is recorded
 * with (its date and its confidentiality).
 */
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useMe } from '../auth/session.ts';
import { errorText } from '../cases/http.ts';
import { todayIso, type Level } from './PartnersApi.ts';
import { REGISTER_PAGE_ROLES, RegisterTabs } from './PartnersNav.tsx';

type Area = keyof typeof REGISTER_PAGE_ROLES;

/**
 * A register page (`data-testid="<area>-page"`), or its refusal
 * (`<area>-forbidden`) for a role that may not open it. `readOnly` shows the
 * note for those who read but do not write.
 */
export function RegisterPage({ area, readOnly, children }: { area: Area; readOnly: boolean; children: ReactNode }) {
  const { t } = useTranslation('satgas');
  const me = useMe().data;
  if (me && !REGISTER_PAGE_ROLES[area].includes(me.role)) {
    return (
      <main className="cw-page reg-page" data-testid={`${area}-forbidden`}>
        <h1>{t(`${area}.title`)}</h1>
        <p role="alert">{t('forbidden')}</p>
      </main>
    );
  }
  return (
    <main className="cw-page reg-page" data-testid={`${area}-page`}>
      <RegisterTabs />
      <h1>{t(`${area}.title`)}</h1>
      <p className="muted">{t(`${area}.intro`)}</p>
      {readOnly && <p className="muted">{t('readOnly')}</p>}
      {children}
    </main>
  );
}

/** A register list's state: loading, the error in words, or `none` when it is empty. */
export function ListStatus({ query, none }: { query: { isPending: boolean; isError: boolean; error: unknown; data?: { items: unknown[] } }; none: string }) {
  const { t } = useTranslation('satgas');
  return (
    <>
      {query.isPending && <p className="muted">{t('loading')}</p>}
      {query.isError && <p className="cw-msg error" role="alert">{errorText(query.error)}</p>}
      {query.data && query.data.items.length === 0 && <p className="muted">{none}</p>}
    </>
  );
}

/** The day a session was held (`heldOn`, not in the future). */
export function HeldOnField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation('satgas');
  return (
    <label>
      {t('date')}
      <input type="date" name="heldOn" required max={todayIso()} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** Who may read a session's summary or notes (`confidentiality`). */
export function LevelField({ value, onChange }: { value: Level; onChange: (v: Level) => void }) {
  const { t } = useTranslation('satgas');
  return (
    <label>
      {t('level')}
      <select name="confidentiality" value={value} onChange={(e) => onChange(e.target.value as Level)}>
        {(['umum', 'terbatas', 'rahasia'] as const).map((l) => (
          <option key={l} value={l}>
            {t(`levels.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
