/**
 * The current step: its title and due date, the actions this user may take
 * now (the engine's `availableEvents`), the declaring step's form rendered
 * from its definition and validated before sending, the approval a step may
 * need (decided by the kepsek, asked again by the guru BK after a
 * rejection), and why an action is refused (e.g. no parental consent yet).
 */
import { useEffect, useState } from 'react';
import { Hourglass } from 'lucide-react';
import { useTranslation } from '../i18n/index.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { validateForm, type FieldError, type PathwayDocument } from '@jalur/engine';
import { ApiFailure } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import { call, errorText } from './http.ts';
import { discard, enqueue, newKey, onSent, useOutbox } from './outbox.ts';
import { loc } from './i18n.ts';
import { lateText } from './late.ts';
import { formatDate } from '../i18n/dates.ts';
import { cwKeys } from './queries.ts';
import { StepForm } from './StepForm.tsx';
import { PrefillNote, prefillValues, useIndicatorPrefill } from '../students/IndicatorPrefill.tsx';
import type { CaseView, TaskList } from './types.ts';

type Available = CaseView['availableEvents'][number];

/** The transitions of `event` on state `stateId` of a document (to explain a refusal). */
function guardText(doc: PathwayDocument | undefined, stateId: string, event: string): string {
  if (!doc) return '';
  let node: { states?: Record<string, unknown>; on?: Record<string, unknown> } | undefined = { states: doc.machine.states as never };
  for (const part of stateId.split('.')) node = node?.states?.[part] as typeof node;
  return JSON.stringify(node?.on?.[event] ?? '');
}

export function StepPanel({ view, doc }: { view: CaseView; doc: PathwayDocument | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const me = useMe().data;
  const [chosen, setChosen] = useState<Available | null>(null);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [msg, setMsg] = useState<{ kind: 'error' | 'ok' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  // One key per attempt at an action: a retry after a lost answer is answered, not applied twice.
  const [key, setKey] = useState(newKey);
  const tasks = useQuery({ queryKey: [...cwKeys.case(view.id), 'tasks'], queryFn: () => call<TaskList>('GET', `/api/tasks?scope=all&caseId=${view.id}`) });

  const fieldsOf = (ev: Available) => view.steps.find((s) => s.stateId === ev.stateId)?.meta?.form ?? [];
  // Attendance and grades come from the imported indicators; what the teacher typed wins.
  const prefill = useIndicatorPrefill(view.student?.id);
  const refresh = () => qc.invalidateQueries({ queryKey: cwKeys.case(view.id) });
  // A step taken offline waits in the outbox; while it waits, the case cannot take another.
  const outbox = useOutbox();
  const queued = outbox.items.filter((i) => i.kind === 'advance' && i.caseId === view.id);
  const queuedStep = queued.some((i) => !i.failed);
  useEffect(() => onSent((item) => item.kind === 'advance' && item.caseId === view.id && void qc.invalidateQueries({ queryKey: cwKeys.case(view.id) })), [view.id, qc]);

  const send = async (ev: Available) => {
    const fields = fieldsOf(ev);
    const data = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
    const problems = validateForm(fields, data, view.form as Record<string, unknown> | undefined, { requireAll: true });
    setErrors(problems);
    if (problems.length > 0) {
      setMsg({ kind: 'error', text: problems.map((p) => loc(p.message, lang)).join(' · ') });
      return;
    }
    setBusy(true);
    setMsg(null);
    try {
      await call('POST', `/api/cases/${view.id}/events`, {
        json: { type: ev.type, expectedVersion: view.version, ...(Object.keys(data).length > 0 ? { data } : {}) },
        headers: { 'Idempotency-Key': key },
      });
      setKey(newKey());
      setChosen(null);
      setValues({});
      setMsg({ kind: 'ok', text: t('cw.case.done') });
      await refresh();
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 0) {
        // No connection: keep the step with this attempt's key and send it when the connection returns.
        const body = { type: ev.type, expectedVersion: view.version, ...(Object.keys(data).length > 0 ? { data } : {}) };
        await enqueue({ key, kind: 'advance', caseId: view.id, path: `/api/cases/${view.id}/events`, body, label: `${loc(ev.label, lang)} — ${view.student?.name ?? ''}` });
        setKey(newKey());
        setChosen(null);
        setValues({});
        setMsg(null);
        return;
      }
      let text = errorText(e);
      if (e instanceof ApiFailure && e.code === 'event_not_allowed' && (e.details as { reason?: string } | undefined)?.reason === 'guard_failed' && guardText(doc, ev.stateId, ev.type).includes('consent.')) {
        text = `${text} ${t('cw.case.needsConsent')}`;
      }
      // A refusal is final for this attempt: the next try is a new request.
      if (e instanceof ApiFailure && e.status !== 0) setKey(newKey());
      // A fund short of the amount (insufficient_funds) is shown on the fund's field too.
      if (e instanceof ApiFailure && (e.code === 'form_invalid' || e.code === 'insufficient_funds')) setErrors(((e.details as { fields?: FieldError[] }).fields ?? []) as FieldError[]);
      setMsg({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  const decide = async (taskId: string, decision: 'approved' | 'rejected') => {
    try {
      await call('POST', `/api/tasks/${taskId}/decision`, { json: { decision, ...(reason ? { reason } : {}) } });
      setReason('');
      await refresh();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };

  /** After a rejection: the guru BK says what was revised and asks the kepsek again. */
  const askAgain = async (taskId: string) => {
    try {
      await call('POST', `/api/tasks/${taskId}/approval-request`, { json: { note: reason } });
      setReason('');
      setMsg({ kind: 'ok', text: t('cw.case.askedAgain') });
      await refresh();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };

  const canAssign = me?.role === 'guru_bk' || me?.role === 'kepsek';
  const assignees = useQuery({
    queryKey: ['cw', 'assignees'],
    enabled: canAssign,
    staleTime: 300_000,
    queryFn: () => call<{ items: { id: string; name: string; role: string }[] }>('GET', '/api/tasks/assignees'),
  });
  const assign = async (taskId: string, assigneeId: string) => {
    try {
      await call('POST', `/api/tasks/${taskId}/assign`, { json: { assigneeId: assigneeId || null } });
      await refresh();
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };

  const approvalTasks = (tasks.data?.items ?? []).filter((x) => x.requiresApproval && x.status === 'open');

  return (
    <section className="cw-section" aria-labelledby="cw-current">
      <h2 id="cw-current">{view.status === 'closed' ? t('cw.case.closed') : t('cw.case.current')}</h2>
      <ul className="cw-list">
        {view.steps.map((s) => {
          const task = tasks.data?.items.find((x) => x.stateId === s.stateId && x.status === 'open');
          return (
            <li key={s.stateId} data-testid="current-step">
              <strong>{loc(s.meta?.title, lang) || s.stateId}</strong>
              {s.meta?.kind && <span className="muted small"> · {t(`kind.${s.meta.kind}`)}</span>}
              {task?.dueAt && (
                <div className={`small ${task.urgency === 'overdue' ? 'error-text' : 'muted'}`}>
                  {t('cw.tasks.due')}: {formatDate(task.dueAt, lang)} {task.urgency === 'overdue' ? <span data-testid="step-late">· {lateText(t, task.lateSchoolDays)}</span> : ''}
                </div>
              )}
              {task && canAssign && view.status === 'active' && (
                <label className="small muted cw-no-print" style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 4 }}>
                  {t('cw.case.assignStep')}
                  <select value={task.assigneeId ?? ''} onChange={(e) => void assign(task.id, e.target.value)} data-testid="assign-step">
                    <option value="">{t('cw.case.byRole')}</option>
                    {assignees.data?.items.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} · {t(`role.${u.role}`)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </li>
          );
        })}
      </ul>
      {approvalTasks.map((task) => (
        <div key={task.id} className={`cw-msg ${task.approval === 'approved' ? 'ok' : task.approval === 'rejected' ? 'error' : 'info'}`} data-testid="approval">
          <strong>{t('cw.case.approval')}:</strong> {loc(task.title, lang)} —{' '}
          {task.approval === 'approved' ? t('cw.case.approved') : task.approval === 'rejected' ? `${t('cw.case.rejectedLabel')}: ${task.approvalReason ?? ''}` : t('cw.case.pending')}
          {me?.role === 'kepsek' && task.approval === 'pending' && (
            <div className="cw-actions" style={{ marginTop: 6 }}>
              <button type="button" className="btn primary" onClick={() => void decide(task.id, 'approved')} data-testid="approve">
                {t('cw.case.approve')}
              </button>
              <input aria-label={t('cw.case.rejectReason')} placeholder={t('cw.case.rejectReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" />
              <button type="button" className="btn" disabled={!reason.trim()} onClick={() => void decide(task.id, 'rejected')} data-testid="reject">
                {t('cw.case.reject')}
              </button>
            </div>
          )}
          {me?.role === 'guru_bk' && task.approval === 'rejected' && view.status === 'active' && (
            <div className="cw-actions" style={{ marginTop: 6 }}>
              <input aria-label={t('cw.case.askAgainNote')} placeholder={t('cw.case.askAgainNote')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="ask-again-note" />
              <button type="button" className="btn primary" disabled={!reason.trim()} onClick={() => void askAgain(task.id)} data-testid="ask-again">
                {t('cw.case.askAgain')}
              </button>
            </div>
          )}
        </div>
      ))}
      {queued.map((item) =>
        item.failed ? (
          <div key={item.key} className="cw-msg error" role="alert" data-testid="queued-step-failed" data-status={item.status}>
            <strong>{item.status === 409 ? t('cw.case.queuedConflict', { label: item.label }) : t('cw.case.queuedRefused', { label: item.label })}</strong>
            {item.status !== 409 && item.lastError ? <div>{item.lastError}</div> : null}
            <button type="button" className="btn small" onClick={() => discard(item.key)} data-testid="queued-step-discard">
              {t('cw.case.queuedDiscard')}
            </button>
          </div>
        ) : (
          <p key={item.key} className="cw-msg info" role="status" data-testid="queued-step">
            <strong>{t('cw.records.unsent')}:</strong> {item.label}. {t('cw.case.queuedHelp')}
          </p>
        ),
      )}
      {view.status === 'active' && (
        <>
          <h3 className="small muted">{t('cw.case.actions')}</h3>
          {view.availableEvents.length === 0 && <p className="muted small">{t('cw.case.noActions')}</p>}
          {approvalTasks.some((x) => x.approval !== 'approved') && <p className="cw-msg info">{t('cw.case.needsApproval')}</p>}
          <div className="cw-actions">
            {view.availableEvents.map((ev) => {
              const waitingApproval = approvalTasks.some((x) => x.stateId === ev.stateId && x.approval !== 'approved');
              return (
              <button
                key={`${ev.stateId}:${ev.type}`}
                type="button"
                className={`btn ${chosen?.type === ev.type ? 'primary' : ''}`}
                aria-pressed={chosen?.type === ev.type}
                data-testid={`action-${ev.type}`}
                data-waiting-approval={waitingApproval || undefined}
                disabled={waitingApproval || queuedStep}
                title={waitingApproval ? t('cw.case.needsApproval') : ev.guarded && !ev.enabled ? t('cw.case.guarded') : undefined}
                onClick={() => {
                  setChosen(ev);
                  if (view.steps.find((s) => s.stateId === ev.stateId)?.meta?.kind === 'identify') setValues((x) => ({ ...prefillValues(fieldsOf(ev), prefill), ...x }));
                  setKey(newKey());
                  setErrors([]);
                  setMsg(!ev.enabled && guardText(doc, ev.stateId, ev.type).includes('consent.') ? { kind: 'info', text: t('cw.case.needsConsent') } : null);
                }}
              >
                {loc(ev.label, lang)}
                {ev.guarded && !ev.enabled ? <Hourglass size={13} aria-label={t('cw.case.guarded')} /> : null}
              </button>
              );
            })}
          </div>
          {chosen && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void send(chosen);
              }}
            >
              {fieldsOf(chosen).length > 0 && <h3 className="small muted">{t('cw.case.form')}</h3>}
              {view.steps.find((s) => s.stateId === chosen.stateId)?.meta?.kind === 'identify' && <PrefillNote prefill={prefill} fields={fieldsOf(chosen)} />}
              <StepForm fields={fieldsOf(chosen)} values={values} errors={errors} onChange={(n, v) => (setValues((x) => ({ ...x, [n]: v })), setKey(newKey()))} />
              <button type="submit" className="btn primary" disabled={busy} data-testid="send-event">
                {t('cw.case.send')}: {loc(chosen.label, lang)}
              </button>
            </form>
          )}
        </>
      )}
      {msg && (
        <p className={`cw-msg ${msg.kind}`} role={msg.kind === 'error' ? 'alert' : 'status'} data-testid="step-message">
          {msg.text}
        </p>
      )}
    </section>
  );
}
