/**
 * `/migrations`: move running cases of a pathway from an older published
 * version to the latest (kepsek). Unchanged step ids map themselves; every
 * renamed or removed step needs a target, and the dry run stays disabled
 * until the map is complete. The dry run lists where each case lands and
 * which timers and tasks change; applying moves each case in its own
 * transaction.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { listStates, RISK_FACTORS, type MachineConfig } from '@jalur/engine';
import { api, unwrap } from '../api/client.ts';
import './messages.ts';
import './reports.css';
import { localized } from './messages.ts';
import { ReportSection, ReportTable } from './ReportSection.tsx';

interface Leaf {
  id: string;
  title: string;
  final: boolean;
}

function leavesOf(document: unknown, lang: string): Leaf[] {
  const machine = (document as { machine?: MachineConfig } | undefined)?.machine;
  if (!machine) return [];
  return listStates(machine)
    .filter((s) => s.id !== '' && (s.kind === 'atomic' || s.kind === 'final'))
    .map((s) => ({ id: s.id, final: s.kind === 'final', title: localized((s.node.meta as { title?: { id: string; en?: string } } | undefined)?.title ?? { id: s.id }, lang) }));
}

export function Component() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const candidates = useQuery({ queryKey: ['reports', 'migration-candidates'], queryFn: () => unwrap(api.api.reports['migration-candidates'].$get()) });
  const [pathwayId, setPathwayId] = useState('');
  const [fromVersion, setFromVersion] = useState(0);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [filterState, setFilterState] = useState('');
  const [filterFactor, setFilterFactor] = useState('');
  const item = candidates.data?.items.find((i) => i.pathwayId === pathwayId);
  const toVersion = item?.latestVersion ?? 0;
  const fromDoc = useQuery({
    queryKey: ['pathways', pathwayId, 'versions', fromVersion],
    queryFn: () => unwrap(api.api.pathways[':id'].versions[':v'].$get({ param: { id: pathwayId, v: String(fromVersion) } })),
    enabled: pathwayId !== '' && fromVersion > 0,
  });
  const toDoc = useQuery({
    queryKey: ['pathways', pathwayId, 'versions', toVersion],
    queryFn: () => unwrap(api.api.pathways[':id'].versions[':v'].$get({ param: { id: pathwayId, v: String(toVersion) } })),
    enabled: pathwayId !== '' && toVersion > 0,
  });
  // Top-level final states close a case; nested ones (a finished parallel region) are where running cases wait.
  const running = (l: Leaf) => !l.final || l.id.includes('.');
  const oldLeaves = useMemo(() => leavesOf(fromDoc.data?.document, lang).filter(running), [fromDoc.data, lang]);
  const newLeaves = useMemo(() => leavesOf(toDoc.data?.document, lang).filter(running), [toDoc.data, lang]);
  const automatic = useMemo(() => new Set(oldLeaves.filter((l) => newLeaves.some((n) => n.id === l.id)).map((l) => l.id)), [oldLeaves, newLeaves]);
  const explicit = Object.fromEntries(oldLeaves.filter((l) => !automatic.has(l.id) && chosen[l.id]).map((l) => [l.id, chosen[l.id]!]));
  const missing = oldLeaves.filter((l) => !automatic.has(l.id) && !chosen[l.id]).map((l) => l.id);
  const filter = { ...(filterState ? { state: filterState } : {}), ...(filterFactor ? { riskFactor: filterFactor } : {}) };
  const body = { fromVersion, toVersion, stateMap: explicit, ...(filterState || filterFactor ? { filter } : {}) };
  const dryRun = useMutation({ mutationFn: () => unwrap(api.api.pathways[':id'].migrations['dry-run'].$post({ param: { id: pathwayId }, json: body })) });
  const apply = useMutation({
    mutationFn: (json: typeof body) => unwrap(api.api.pathways[':id'].migrations.apply.$post({ param: { id: pathwayId }, json })),
    onSuccess: () => void candidates.refetch(),
  });
  const reset = () => {
    dryRun.reset();
    apply.reset();
  };

  return (
    <div className="page report-page">
      <div className="page-head">
        <h1>{t('migration.title')}</h1>
        <p className="muted">{t('migration.subtitle')}</p>
      </div>
      {candidates.isError && <p className="error-text">{candidates.error.message}</p>}
      {candidates.data?.items.length === 0 && <p className="muted">{t('migration.none')}</p>}
      {candidates.data && candidates.data.items.length > 0 && (
        <form className="card inline-form" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>{t('migration.pathway')}</span>
            <select data-testid="migration-pathway" value={pathwayId} onChange={(e) => { setPathwayId(e.target.value); setFromVersion(0); setChosen({}); reset(); }}>
              <option value="">{t('templates.choose')}</option>
              {candidates.data.items.map((i) => <option key={i.pathwayId} value={i.pathwayId}>{i.title}</option>)}
            </select>
          </label>
          {item && (
            <label className="field">
              <span>{t('migration.fromVersion')}</span>
              <select data-testid="migration-from" value={fromVersion} onChange={(e) => { setFromVersion(Number(e.target.value)); setChosen({}); reset(); }}>
                <option value={0}>{t('templates.choose')}</option>
                {item.versions.filter((v) => v.version < item.latestVersion).map((v) => (
                  <option key={v.version} value={v.version}>v{v.version} · {t('migration.cases', { n: v.activeCases })}</option>
                ))}
              </select>
            </label>
          )}
          {item && <span className="muted">{t('migration.toVersion')}: v{item.latestVersion}</span>}
        </form>
      )}

      {fromVersion > 0 && oldLeaves.length > 0 && (
        <ReportSection title={`v${fromVersion} → v${toVersion}`}>
          <table className="report-table" data-testid="state-map">
            <thead><tr><th>{t('migration.oldStep')}</th><th>{t('migration.newStep')}</th></tr></thead>
            <tbody>
              {oldLeaves.map((l) => (
                <tr key={l.id}>
                  <td>{l.title} <span className="muted small">({l.id})</span></td>
                  <td>
                    {automatic.has(l.id) ? (
                      <span className="muted">{t('migration.auto')}</span>
                    ) : (
                      <select data-testid={`map-${l.id}`} value={chosen[l.id] ?? ''} onChange={(e) => { setChosen({ ...chosen, [l.id]: e.target.value }); reset(); }}>
                        <option value="">{t('migration.choose')}</option>
                        {newLeaves.map((n) => <option key={n.id} value={n.id}>{n.title} ({n.id})</option>)}
                      </select>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="inline-form" style={{ marginTop: 12 }}>
            <label className="field">
              <span>{t('migration.filterState')}</span>
              <select data-testid="filter-state" value={filterState} onChange={(e) => { setFilterState(e.target.value); reset(); }}>
                <option value="">{t('migration.allCases')}</option>
                {oldLeaves.map((l) => <option key={l.id} value={l.id}>{l.title} ({l.id})</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('factor')}</span>
              <select data-testid="filter-factor" value={filterFactor} onChange={(e) => { setFilterFactor(e.target.value); reset(); }}>
                <option value="">{t('migration.allCases')}</option>
                {RISK_FACTORS.map((f) => <option key={f} value={f}>{t(`factors.${f}`)}</option>)}
              </select>
            </label>
          </div>
          {missing.length > 0 && <p className="warning-text small" data-testid="map-incomplete">{t('migration.incomplete', { states: missing.join(', ') })}</p>}
          <div className="inline-form" style={{ marginTop: 12 }}>
            <button className="btn" type="button" data-testid="dry-run" disabled={missing.length > 0 || dryRun.isPending} onClick={() => dryRun.mutate()}>{t('migration.dryRun')}</button>
            <button className="btn primary" type="button" data-testid="apply" disabled={!dryRun.isSuccess || apply.isPending || apply.isSuccess} onClick={() => apply.mutate(body)}>{t('migration.apply')}</button>
          </div>
          {dryRun.isError && <p className="error-text small">{dryRun.error.message}</p>}
          {apply.isError && <p className="error-text small">{apply.error.message}</p>}
          {apply.data && (
            <p role="status" data-testid="applied">
              {t('migration.applied', { n: apply.data.applied, v: apply.variables?.toVersion })}{' '}
              {apply.data.outcomes.some((o) => !o.applied) && t('migration.conflicts', { n: apply.data.outcomes.filter((o) => !o.applied).length })}
            </p>
          )}
        </ReportSection>
      )}

      {dryRun.data && (
        <ReportSection title={t('migration.dryRun')} testId="dry-run-result">
          <ReportTable
            columns={[t('migration.case'), t('migration.oldStep'), t('migration.lands'), t('migration.timers'), t('migration.tasks')]}
            rows={dryRun.data.cases.map((c) => [
              c.caseId.slice(0, 8),
              c.from.join(', '),
              c.to.join(', '),
              [...c.timers.cancelled.map((e) => `− ${e.split('.').slice(3).join('.')}`), ...c.timers.armed.map((a) => `+ ${a.event.split('.').slice(3).join('.')} (${a.dueAt.slice(0, 10)})`)].join('; ') || '—',
              [...c.tasks.closed.map((s) => `− ${s}`), ...c.tasks.opened.map((s) => `+ ${s}`)].join('; ') || '—',
            ])}
          />
          {dryRun.data.unmappable.length > 0 && (
            <>
              <h3>{t('migration.unmappable')}</h3>
              <ReportTable columns={[t('migration.case'), t('migration.oldStep'), '']} rows={dryRun.data.unmappable.map((u) => [u.caseId.slice(0, 8), u.from.join(', '), u.reason])} />
            </>
          )}
        </ReportSection>
      )}
    </div>
  );
}
