/**
 * Simulate mode: pick a pretend student, see the active steps on the canvas,
 * press the events the steps allow (filling the step's form first), fast-
 * forward timers, follow the trail, reset.
 */
import { useEffect, useMemo, useState } from 'react';
import { useMachine } from '@xstate/react';
import { useTranslation } from '../../i18n/index.ts';
import { FastForward, Play, RotateCcw } from 'lucide-react';
import { ROLES, RISK_FACTORS, availableEvents, compilePathway, durationLabel, type CompiledPathway, type FormField, type Role } from '@jalur/engine';
import { useEditor } from '../store/editorStore.ts';
import { SAMPLE_STUDENTS, simulatorMachine, type SampleStudent } from './simulator.ts';
import { highlightOf } from './highlight.ts';
import { RISK_LABELS, ROLE_LABELS } from '../model/guardText.ts';
import { choiceLabel, eventLabel, plainMessage } from '../panels/plainText.ts';
import '../strings.ts';
import { formatDate } from '../../i18n/dates.ts';

function FieldInput({ field, value, onChange }: { field: FormField; value: unknown; onChange(v: unknown): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const label = field.label[lang] ?? field.label.id;
  // A 0–1 field is entered as 0–1, as its label says (not as a percentage).
  const fraction = field.type === 'number' && field.min === 0 && field.max === 1;
  let input;
  if (field.type === 'boolean') input = <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  else if (field.type === 'choice')
    input = (
      <select value={String(value ?? '')} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">—</option>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {choiceLabel(o, lang)}
          </option>
        ))}
      </select>
    );
  else if (field.type === 'number')
    input = (
      <span className="value-num">
        <input
          type="number"
          min={field.min}
          max={field.max}
          step={fraction ? 0.01 : undefined}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        />
        {field.min !== undefined && field.max !== undefined && <span className="field-range">{t('dsg.rangeHint', { min: field.min, max: field.max })}</span>}
      </span>
    );
  else input = <input type={field.type === 'date' ? 'date' : 'text'} value={String(value ?? '')} onChange={(e) => onChange(e.target.value || undefined)} />;
  return (
    <label className={`field ${field.type === 'boolean' ? 'inline' : ''}`}>
      <span>
        {label}
        {field.required ? ' *' : ''}
      </span>
      {input}
    </label>
  );
}

function Simulation({ pathway, student, role: initialRole }: { pathway: CompiledPathway; student: SampleStudent; role: Role }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const [state, send] = useMachine(simulatorMachine, { input: { pathway, student, role: initialRole } });
  const ctx = state.context;
  const [forms, setForms] = useState<Record<string, Record<string, unknown>>>({});
  const edges = useEditor((s) => s.edges);
  const setSim = useEditor((s) => s.setSim);

  useEffect(() => setSim(highlightOf(ctx.trail, edges)), [ctx.trail, edges, setSim]);
  useEffect(() => () => setSim(null), [setSim]);
  useEffect(() => send({ type: 'RESET', student }), [student, send]);

  const available = useMemo(() => {
    try {
      return ctx.step.status === 'done' ? [] : availableEvents(pathway, ctx.step.snapshot, { role: ctx.role });
    } catch {
      return [];
    }
  }, [pathway, ctx]);
  const title = (id: string) => {
    const m = pathway.steps.get(id);
    return m ? (m.title[lang] ?? m.title.id) : id;
  };

  return (
    <div className="sim-body">
      <label className="field">
        <span>{t('sim.role')}</span>
        <select value={ctx.role} onChange={(e) => send({ type: 'SET_ROLE', role: e.target.value as Role })} data-testid="sim-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]?.[lang] ?? r}
            </option>
          ))}
        </select>
      </label>
      <h3>{ctx.step.status === 'done' ? t('sim.done') : t('sim.activeSteps')}</h3>
      {ctx.step.status === 'done' && <p className="sim-done" data-testid="sim-done">{t('sim.doneText')}</p>}
      {ctx.step.status !== 'done' &&
        ctx.step.active.map((a) => (
          <div key={a.stateId} className="sim-step" data-testid={`sim-step-${a.stateId}`}>
            <strong>{title(a.stateId)}</strong>
            {(a.meta?.form ?? []).map((f) => (
              <FieldInput
                key={f.name}
                field={f}
                value={forms[a.stateId]?.[f.name]}
                onChange={(v) => setForms((fs) => ({ ...fs, [a.stateId]: { ...fs[a.stateId], [f.name]: v } }))}
              />
            ))}
            {available.filter((e) => e.stateId === a.stateId || a.stateId.startsWith(`${e.stateId}.`)).length === 0 && (
              <p className="muted small">{t('sim.noActions')}</p>
            )}
            <div className="sim-actions">
              {available
                .filter((e) => e.stateId === a.stateId || a.stateId.startsWith(`${e.stateId}.`))
                .map((e) => (
                  <button
                    key={e.type}
                    type="button"
                    className={`btn small ${e.enabled ? 'primary' : ''}`}
                    data-testid={`sim-event-${e.type}`}
                    title={e.guarded ? t('sim.guarded') : undefined}
                    onClick={() => {
                      const data = forms[a.stateId];
                      const clean = data ? Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) : undefined;
                      send(clean && Object.keys(clean).length ? { type: 'SEND', event: e.type, data: clean } : { type: 'SEND', event: e.type });
                    }}
                  >
                    <Play size={12} aria-hidden /> {e.label[lang] ?? e.label.id}
                  </button>
                ))}
            </div>
          </div>
        ))}
      {ctx.error && (
        <p className="error-text" role="alert" data-testid="sim-error">
          {plainMessage(ctx.error.message[lang] ?? ctx.error.message.id, useEditor.getState().nodes, edges, useEditor.getState().fields, lang)}
        </p>
      )}
      {ctx.timers.length > 0 && (
        <>
          <h3>{t('sim.timers')}</h3>
          <ul className="sim-timers">
            {ctx.timers.map((tm) => (
              <li key={tm.timerId}>
                <button type="button" className="btn small" data-testid="sim-fire-timer" onClick={() => send({ type: 'FIRE_TIMER', timerId: tm.timerId })}>
                  <FastForward size={12} aria-hidden /> {t('sim.fastForward', { step: title(tm.stateId), delay: safeDuration(tm.delay, lang) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('sim.trail')}</h3>
      <ol className="sim-trail" data-testid="sim-trail">
        {ctx.trail.map((e, i) => (
          <li key={i}>
            <span className="muted">{formatDate(e.at, lang)}</span> <strong>{e.event.startsWith('xstate.after.') ? t('sim.timer') : e.event === 'start' ? t('sim.started') : e.event === 'approval.decided' ? (lang === 'id' ? 'Disetujui kepala sekolah' : 'Approved by the principal') : eventLabel(e.event, edges, lang)}</strong> → {e.steps.map(title).join(', ') || '—'}
          </li>
        ))}
      </ol>
      <button type="button" className="btn" onClick={() => { setForms({}); send({ type: 'RESET' }); }} data-testid="sim-reset">
        <RotateCcw size={14} aria-hidden /> {t('sim.reset')}
      </button>
    </div>
  );
}

function safeDuration(d: string, lang: 'id' | 'en'): string {
  try {
    return durationLabel(d, lang);
  } catch {
    return d;
  }
}

/** The simulate panel: compiles the current draft and runs a pretend case on it. */
export function SimulatePanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const rev = useEditor((s) => s.rev);
  const errors = useEditor((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const [studentIndex, setStudentIndex] = useState(0);
  const [custom, setCustom] = useState<SampleStudent>(SAMPLE_STUDENTS[0]!);
  const compiled = useMemo(() => {
    try {
      return { pathway: compilePathway(useEditor.getState().toDocument()) };
    } catch (e) {
      return { error: String((e as Error).message ?? e) };
    }
    // Recompile when the draft changes.
  }, [rev]);

  const pick = (i: number) => {
    setStudentIndex(i);
    setCustom(SAMPLE_STUDENTS[i]!);
  };

  return (
    <section className="panel simulate" aria-label={t('sim.title')} data-testid="simulate-panel">
      <h2>{t('sim.title')}</h2>
      <fieldset className="student">
        <legend>{t('sim.student')}</legend>
        <select value={studentIndex} onChange={(e) => pick(Number(e.target.value))} aria-label={t('sim.student')} data-testid="sim-student">
          {SAMPLE_STUDENTS.map((s, i) => (
            <option key={s.name} value={i}>
              {s.name} ({s.className})
            </option>
          ))}
        </select>
        <div className="field-row">
          <label className="field">
            <span>{t('sim.attendance')}</span>
            <span className="value-num">
              <input type="number" min={0} max={100} value={Math.round(custom.attendanceRate * 100)} onChange={(e) => setCustom({ ...custom, attendanceRate: Number(e.target.value) / 100 })} />%
            </span>
          </label>
          <label className="field">
            <span>{t('sim.grades')}</span>
            <input type="number" min={0} max={100} value={custom.gradeAverage} onChange={(e) => setCustom({ ...custom, gradeAverage: Number(e.target.value) })} />
          </label>
          <label className="field">
            <span>{t('sim.failing')}</span>
            <input type="number" min={0} max={20} value={custom.failingSubjects} onChange={(e) => setCustom({ ...custom, failingSubjects: Number(e.target.value) })} />
          </label>
        </div>
        <div className="chips">
          {RISK_FACTORS.map((r) => (
            <label key={r} className="chip">
              <input
                type="checkbox"
                checked={custom.riskFactors.includes(r)}
                onChange={(e) => setCustom({ ...custom, riskFactors: e.target.checked ? [...custom.riskFactors, r] : custom.riskFactors.filter((x) => x !== r) })}
              />
              {RISK_LABELS[r]?.[lang] ?? r}
            </label>
          ))}
          <label className="chip">
            <input type="checkbox" checked={custom.consentReferral} onChange={(e) => setCustom({ ...custom, consentReferral: e.target.checked })} />
            {t('sim.consent')}
          </label>
        </div>
      </fieldset>
      {errors > 0 && <p className="warning-text">{t('sim.hasErrors', { count: errors })}</p>}
      {'pathway' in compiled && compiled.pathway ? (
        <Simulation key={rev} pathway={compiled.pathway} student={custom} role="guru_bk" />
      ) : (
        <p className="error-text">{t('sim.cannotRun', { error: compiled.error })}</p>
      )}
    </section>
  );
}
