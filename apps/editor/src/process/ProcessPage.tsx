/**
 * `/process/:id?` — how a pathway really runs (issue 16): from the school's
 * real case events, how many cases passed each step and each transition, the
 * median and 90th-percentile stay per step, where cases wait now and for how
 * long; filtered by period, class, risk factor and version; drawn over the
 * pathway's own diagram, and in tables under it. Kepsek and guru BK.
 * Without a pathway in the address it opens the one with the most active cases.
 */
import { useMemo } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { ArrowLeft, Hourglass, LogIn, Timer } from 'lucide-react';
import type { PathwayDocument } from '@jalur/engine';
import { useMe } from '../auth/session.ts';
import { CaseworkNav } from '../cases/CaseworkNav.tsx';
import { RISK_FACTOR_LIST } from '../cases/i18n.ts';
import { documentOrder, formatCount, StepNames, type Lang } from './model.ts';
import { useClasses, usePathwayDetail, useProcess, useSchoolPathways, useVersionDocuments, type ProcessFilters } from './queries.ts';
import { ProcessCanvas } from './ProcessCanvas.tsx';
import { ProcessTables } from './ProcessTables.tsx';
import './i18n.ts';
import './process.css';

const FILTER_KEYS = ['from', 'to', 'className', 'riskFactor', 'version'] as const;

function ProcessBody({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'id';
  const navigate = useNavigate();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters: ProcessFilters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]));
  const set = (k: (typeof FILTER_KEYS)[number], v: string) => {
    // From the address as it is now, not this render's `params`: two filters changed before the page
    // draws again (a quick user, a slow phone) would otherwise lose the first.
    const next = new URLSearchParams(window.location.search);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const pathways = useSchoolPathways();
  const detail = usePathwayDetail(id);
  const classes = useClasses();
  const process = useProcess(id, filters);
  const versions = useMemo(() => (detail.data?.versions ?? []).map((v) => v.version).sort((a, b) => b - a), [detail.data]);
  const versionDocs = useVersionDocuments(id, versions);

  // Drawn from the chosen version, else the latest published one, else the draft.
  const drawnVersion = filters.version ? Number(filters.version) : (versions[0] ?? null);
  const drawn: PathwayDocument | null = drawnVersion !== null ? (versionDocs.docs.get(drawnVersion) ?? null) : ((detail.data?.draft as PathwayDocument | undefined) ?? null);
  const names = useMemo(
    () => new StepNames([drawn, ...versions.map((v) => versionDocs.docs.get(v)), detail.data?.draft as PathwayDocument | undefined]),
    [drawn, versions, versionDocs.docs, detail.data],
  );
  const order = useMemo(() => documentOrder(drawn), [drawn]);

  const title = detail.data ? detail.data.title : '';
  const data = process.data;
  const anyFilter = FILTER_KEYS.some((k) => params.get(k));

  return (
    <div className="cw-page proc-page" data-testid="process-page">
      <header className="proc-head">
        {me?.role === 'kepsek' && (
          <Link to={`/pathways/${id}`} className="icon-btn" aria-label={t('proc.back')} title={t('proc.back')}>
            <ArrowLeft size={16} />
          </Link>
        )}
        <div>
          <h1>
            {t('proc.title')}
            {title && <span className="proc-title-name">: {title}</span>}
          </h1>
          <p className="muted small proc-intro">{t('proc.intro')}</p>
        </div>
      </header>

      <form className="cw-filters proc-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('proc.title')}>
        <label className="proc-pathway">
          {t('proc.pathway')}
          <select value={id} onChange={(e) => void navigate(`/process/${e.target.value}`)} data-testid="process-pathway">
            {pathways.items.map(({ pathway, active }) => (
              <option key={pathway.id} value={pathway.id}>
                {pathway.title}
                {active !== undefined ? ` (${t('proc.activeCases', { count: active })})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proc.from')}
          <input type="date" value={filters.from ?? ''} max={filters.to} onChange={(e) => set('from', e.target.value)} data-testid="process-from" />
        </label>
        <label>
          {t('proc.to')}
          <input type="date" value={filters.to ?? ''} min={filters.from} onChange={(e) => set('to', e.target.value)} data-testid="process-to" />
        </label>
        <label>
          {t('proc.cls')}
          <select value={filters.className ?? ''} onChange={(e) => set('className', e.target.value)} data-testid="process-class">
            <option value="">{t('proc.all')}</option>
            {(classes.data ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proc.risk')}
          <select value={filters.riskFactor ?? ''} onChange={(e) => set('riskFactor', e.target.value)} data-testid="process-risk">
            <option value="">{t('proc.all')}</option>
            {RISK_FACTOR_LIST.map((f) => (
              <option key={f} value={f}>
                {t(`cw.risk.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proc.version')}
          <select value={filters.version ?? ''} onChange={(e) => set('version', e.target.value)} data-testid="process-version">
            <option value="">{t('proc.allVersions')}</option>
            {versions.map((v) => (
              <option key={v} value={String(v)}>
                {t('proc.versionN', { v })}
              </option>
            ))}
          </select>
        </label>
        {anyFilter && (
          <button type="button" className="btn small" onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="process-reset">
            {t('proc.reset')}
          </button>
        )}
      </form>

      {process.isError && (
        <p className="error-text" role="alert" data-testid="process-error">
          {t('proc.loadFailed', { error: process.error.message })}
        </p>
      )}
      {detail.isError && (
        <p className="error-text" role="alert">
          {detail.error.message}
        </p>
      )}
      {(!data || !drawn) && !process.isError && !detail.isError && <p className="muted">{t('common.loading')}</p>}
      {data && drawn && (
        <>
          <p className="proc-summary" role="status" data-testid="process-summary" data-cases={data.cases}>
            <strong>{t('proc.summary', { cases: t('proc.cases', { count: data.cases, n: formatCount(data.cases, lang) }) })}</strong>{' '}
            <span className="muted">{drawnVersion !== null ? t('proc.drawn', { v: drawnVersion }) : t('proc.drawnDraft')}</span>
          </p>
          {versions.length === 0 && <p className="muted">{t('proc.draftOnly')}</p>}
          {data.cases === 0 && versions.length > 0 && <p className="muted" data-testid="process-empty">{t('proc.noCases')}</p>}
          <p className="proc-legend muted small">
            <span className="proc-legend-line" aria-hidden />
            {t('proc.legend')}{' '}
            <span className="proc-legend-key">
              <LogIn size={12} aria-hidden /> {t('proc.legendEntered')}
            </span>
            <span className="proc-legend-key">
              <Hourglass size={12} aria-hidden /> {t('proc.legendWaiting')}
            </span>
            <span className="proc-legend-key">
              <Timer size={12} aria-hidden /> {t('proc.legendMedian')}
            </span>
          </p>
          <ProcessCanvas doc={drawn} data={data} names={names} />
          <ProcessTables data={data} names={names} order={order} />
        </>
      )}
    </div>
  );
}

/** Without a pathway chosen: the school's pathway with the most active cases. */
function Chooser() {
  const { t } = useTranslation();
  const { list, items } = useSchoolPathways();
  const counted = items.every((i) => i.active !== undefined);
  const best = [...items].sort((a, b) => (b.active ?? 0) - (a.active ?? 0))[0];
  if (list.isError) return <p className="error-text cw-page">{list.error.message}</p>;
  if (list.isSuccess && items.length === 0) return <p className="muted cw-page">{t('proc.noCases')}</p>;
  if (!best || !counted) return <p className="muted cw-page">{t('common.loading')}</p>;
  return <Navigate to={`/process/${best.pathway.id}`} replace />;
}

export function Component() {
  const { id } = useParams();
  return (
    <>
      <CaseworkNav />
      {id ? <ProcessBody key={id} id={id} /> : <Chooser />}
    </>
  );
}
