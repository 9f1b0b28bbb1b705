/**
 * "Konseling kelompok" (route `/registers/groups`): group counselling
 * sessions recorded once with their members — students with open cases,
 * picked from the school's open cases — a topic, a date and a summary that
 * follows the notes' confidentiality. Each session then shows in every
 * member's case and timeline (GroupsInCase.tsx). A member's name shows only
 * to those who may open that member's case. The kepsek and guru BK record;
 * Satgas members read.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../app/router.tsx';
import { call, errorText } from '../cases/http.ts';
import type { CaseView } from '../cases/types.ts';
import { dateText, todayIso, useAddGroupSession, useGroupSessions, type GroupSession, type Level } from './PartnersApi.ts';
import { HeldOnField, LevelField, ListStatus, RegisterPage } from './RegisterPageKit.tsx';
import '../cases/cases.css';

export function Component() {
  const { t } = useTranslation('satgas');
  const sessions = useGroupSessions();
  const canWrite = sessions.data?.canWrite ?? false;
  return (
    <RegisterPage area="groups" readOnly={!!sessions.data && !canWrite}>
      {canWrite && (
        <section className="cw-section" aria-labelledby="group-add-h">
          <h2 id="group-add-h">{t('groups.add')}</h2>
          <AddGroupSession />
        </section>
      )}
      <section className="cw-section" aria-label={t('groups.title')}>
        <ListStatus query={sessions} none={t('groups.none')} />
        {sessions.data && <SessionList items={sessions.data.items} />}
      </section>
    </RegisterPage>
  );
}

/** Sessions as cards: date, topic, members the reader may see (each a link to the case), summary. */
export function SessionList({ items, caseId }: { items: GroupSession[]; caseId?: string }) {
  const { t, i18n } = useTranslation('satgas');
  const lang = i18n.language;
  return (
    <ul className="reg-list" data-testid="group-sessions">
      {items.map((s) => {
        const others = s.members.filter((m) => m.caseId !== caseId);
        const hidden = s.memberCount - s.members.length;
        return (
          <li key={s.id} data-testid="group-session" data-topic={s.topic}>
            <strong>{s.topic}</strong> <span className="muted small">· {dateText(s.heldOn, lang)} · {t('groups.memberCount', { count: s.memberCount })}</span>
            <div className="reg-members small" data-testid="group-members">
              {(caseId ? others : s.members).map((m) => (
                <Link key={m.caseId} to={`/cases/${m.caseId}`}>
                  {m.studentName}
                  {m.className ? ` (${m.className})` : ''}
                </Link>
              ))}
              {hidden > 0 && <span className="muted">{t('groups.hiddenMembers', { count: hidden })}</span>}
            </div>
            {s.summary !== null && <p className="small" style={{ margin: '4px 0 0' }}>{s.summary}</p>}
            {s.summaryHidden && <p className="muted small" style={{ margin: '4px 0 0' }}>{t('groups.hiddenSummary')}</p>}
            <div className="muted small">{t('groups.recordedBy', { name: s.recordedBy.name })}</div>
          </li>
        );
      })}
    </ul>
  );
}

function AddGroupSession() {
  const { t } = useTranslation('satgas');
  const add = useAddGroupSession();
  const open = useQuery({ queryKey: ['satgas-registers', 'open-cases'], queryFn: () => call<{ items: CaseView[] }>('GET', '/api/cases?status=active&limit=500') });
  const [f, setF] = useState({ heldOn: todayIso(), topic: '', summary: '', confidentiality: 'terbatas' as Level });
  const [members, setMembers] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const q = filter.trim().toLowerCase();
  // One line per student (a student with two open cases is one member).
  const seen = new Set<string>();
  const choices = (open.data?.items ?? [])
    .filter((c) => (seen.has(c.studentId) ? false : (seen.add(c.studentId), true)))
    .filter((c) => !q || `${c.student?.name ?? ''} ${c.student?.className ?? ''}`.toLowerCase().includes(q) || members.includes(c.id))
    .sort((a, b) => (a.student?.name ?? '').localeCompare(b.student?.name ?? '', 'id'));
  return (
    <form
      data-testid="group-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (members.length < 2) return setMsg({ ok: false, text: t('groups.pickTwo') });
        setMsg(null);
        add.mutate(
          { heldOn: f.heldOn, topic: f.topic.trim(), summary: f.summary.trim() || null, confidentiality: f.confidentiality, caseIds: members },
          {
            onSuccess: (s) => {
              setMsg({ ok: true, text: t('groups.added', { topic: s.topic, count: s.memberCount }) });
              setMembers([]);
              setF({ ...f, topic: '', summary: '' });
            },
          },
        );
      }}
    >
      <div className="cw-form">
        <HeldOnField value={f.heldOn} onChange={(heldOn) => setF({ ...f, heldOn })} />
        <label>
          {t('groups.topic')} *
          <input name="topic" required maxLength={500} value={f.topic} onChange={(e) => setF({ ...f, topic: e.target.value })} />
        </label>
        <LevelField value={f.confidentiality} onChange={(confidentiality) => setF({ ...f, confidentiality })} />
        <label className="wide">
          {t('groups.summary')}
          <textarea name="summary" maxLength={8000} value={f.summary} onChange={(e) => setF({ ...f, summary: e.target.value })} />
        </label>
        <label className="wide">
          {t('groups.filter')}
          <input type="search" name="memberFilter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <fieldset className="reg-checks" data-testid="group-members-picker">
        <legend className="small">
          {t('groups.members')} — {t('groups.membersHint')} ({members.length})
        </legend>
        {open.isPending && <span className="muted small">{t('loading')}</span>}
        {choices.map((c) => (
          <label key={c.id} data-student={c.student?.name}>
            <input type="checkbox" checked={members.includes(c.id)} onChange={(e) => setMembers(e.target.checked ? [...members, c.id] : members.filter((x) => x !== c.id))} />
            {c.student?.name ?? '—'} ({c.student?.className ?? '—'})
          </label>
        ))}
      </fieldset>
      {open.isError && <p className="cw-msg error" role="alert">{errorText(open.error)}</p>}
      {add.isError && <p className="cw-msg error" role="alert">{errorText(add.error)}</p>}
      {msg && <p className={`cw-msg ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'} data-testid="group-message">{msg.text}</p>}
      <button type="submit" className="btn primary" disabled={add.isPending || f.topic.trim() === ''} data-testid="group-add">
        {t('groups.add')}
      </button>
    </form>
  );
}
