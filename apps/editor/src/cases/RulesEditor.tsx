/**
 * The school's early-warning rules (kepsek, guru BK): the field's defaults
 * shown and editable — absence thresholds, failing subjects, falling
 * average, behaviour incidents, economic need (PIP/KIP from the roster),
 * distance home–school, and the weeks a flag must hold before it proposes a case.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQueryClient } from '@tanstack/react-query';
import type { RuleSet } from '@jalur/casework';
import { call, errorText } from './http.ts';
import { cwKeys } from './queries.ts';
import './school-year-i18n.ts';
import './more-i18n.ts';

export function RulesEditor({ rules }: { rules: RuleSet }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [r, setR] = useState<RuleSet>(rules);
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => setR(rules), [rules]);
  const setParam = <K extends keyof RuleSet>(key: K, name: string, value: number | boolean) => setR((x) => ({ ...x, [key]: { ...x[key], params: { ...x[key].params, [name]: value } } }));
  const setRule = <K extends keyof RuleSet>(key: K, patch: Partial<{ enabled: boolean; holdWeeks: number }>) => setR((x) => ({ ...x, [key]: { ...x[key], ...patch } }));
  const save = async () => {
    try {
      await call('PUT', '/api/early-warning/rules', { json: { rules: Object.values(r).map((x) => ({ key: x.key, params: x.params, holdWeeks: x.holdWeeks, enabled: x.enabled })) } });
      await call('POST', '/api/early-warning/scan');
      await qc.invalidateQueries({ queryKey: cwKeys.earlyWarning });
      setMsg({ kind: 'ok', text: t('cw.case.done') });
    } catch (e) {
      setMsg({ kind: 'error', text: errorText(e) });
    }
  };
  const pct = (v: number) => Math.round(v * 1000) / 10;
  const head = (key: keyof RuleSet, title: string) => (
    <label className="check wide" style={{ flexDirection: 'row', gap: 6 }}>
      <input type="checkbox" checked={r[key].enabled} onChange={(e) => setRule(key, { enabled: e.target.checked })} /> <strong>{title}</strong>
    </label>
  );
  return (
    <details className="cw-section" data-testid="rules">
      <summary>
        <strong>{t('cw.rules.title')}</strong>
      </summary>
      <form
        className="cw-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {head('absence', t('cw.rules.absence'))}
        <label>
          {t('cw.rules.riskRate')}
          <input type="number" min={0} max={100} step={0.5} value={pct(r.absence.params.riskRate)} onChange={(e) => setParam('absence', 'riskRate', Number(e.target.value) / 100)} />
        </label>
        <label>
          {t('cw.rules.watchRate')}
          <input type="number" min={0} max={100} step={0.5} value={pct(r.absence.params.watchRate)} onChange={(e) => setParam('absence', 'watchRate', Number(e.target.value) / 100)} />
        </label>
        <label>
          {t('cw.rules.holdWeeks')}
          <input type="number" min={0} max={52} value={r.absence.holdWeeks} onChange={(e) => setRule('absence', { holdWeeks: Number(e.target.value) })} />
        </label>
        {head('failing_subjects', t('cw.rules.failing'))}
        <label>
          {t('cw.rules.minSubjects')}
          <input type="number" min={1} value={r.failing_subjects.params.minSubjects} onChange={(e) => setParam('failing_subjects', 'minSubjects', Number(e.target.value))} />
        </label>
        <label>
          {t('cw.rules.holdWeeks')}
          <input type="number" min={0} max={52} value={r.failing_subjects.holdWeeks} onChange={(e) => setRule('failing_subjects', { holdWeeks: Number(e.target.value) })} />
        </label>
        {head('falling_average', t('cw.rules.falling'))}
        <label>
          {t('cw.rules.minDrop')}
          <input type="number" min={0} step={0.5} value={r.falling_average.params.minDrop} onChange={(e) => setParam('falling_average', 'minDrop', Number(e.target.value))} />
        </label>
        <label>
          {t('cw.rules.holdWeeks')}
          <input type="number" min={0} max={52} value={r.falling_average.holdWeeks} onChange={(e) => setRule('falling_average', { holdWeeks: Number(e.target.value) })} />
        </label>
        {head('behaviour', t('cw.rules.behaviour'))}
        <label>
          {t('cw.rules.watchIncidents')}
          <input type="number" min={1} value={r.behaviour.params.watchIncidents} onChange={(e) => setParam('behaviour', 'watchIncidents', Number(e.target.value))} />
        </label>
        <label>
          {t('cw.rules.riskIncidents')}
          <input type="number" min={1} value={r.behaviour.params.riskIncidents} onChange={(e) => setParam('behaviour', 'riskIncidents', Number(e.target.value))} />
        </label>
        <label>
          {t('cw.rules.holdWeeks')}
          <input type="number" min={0} max={52} value={r.behaviour.holdWeeks} onChange={(e) => setRule('behaviour', { holdWeeks: Number(e.target.value) })} />
        </label>
        {head('economic', t('sy.rules.economic'))}
        <label className="check wide" style={{ flexDirection: 'row', gap: 6 }}>
          <input type="checkbox" checked={r.economic.params.onlyWithOtherFinding} onChange={(e) => setParam('economic', 'onlyWithOtherFinding', e.target.checked)} /> {t('sy.rules.onlyWithOther')}
        </label>
        <label className="check wide" style={{ flexDirection: 'row', gap: 6 }}>
          <input type="checkbox" checked={r.economic.params.riskWhenNotReceived} onChange={(e) => setParam('economic', 'riskWhenNotReceived', e.target.checked)} /> {t('sy.rules.riskWhenNotReceived')}
        </label>
        {head('distance', t('sy.rules.distance'))}
        <label>
          {t('sy.rules.watchKm')}
          <input type="number" min={0} step={0.5} value={r.distance.params.watchKm} onChange={(e) => setParam('distance', 'watchKm', Number(e.target.value))} data-testid="rule-watch-km" />
        </label>
        <label>
          {t('sy.rules.riskKm')}
          <input type="number" min={0} step={0.5} value={r.distance.params.riskKm} onChange={(e) => setParam('distance', 'riskKm', Number(e.target.value))} />
        </label>
        <label className="check wide" style={{ flexDirection: 'row', gap: 6 }}>
          <input type="checkbox" checked={r.distance.params.walkingIsRisk} onChange={(e) => setParam('distance', 'walkingIsRisk', e.target.checked)} /> {t('sy.rules.walkingIsRisk')}
        </label>
        <div>
          <button type="submit" className="btn primary">
            {t('cw.rules.save')}
          </button>
        </div>
        {msg && <p className={`cw-msg ${msg.kind} wide`}>{msg.text}</p>}
      </form>
    </details>
  );
}
