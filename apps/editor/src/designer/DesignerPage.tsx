/**
 * The designer pages: `/pathways/:id` edits the draft (autosave, publish,
 * versions), `/pathways/:id/versions/:v` shows a published version read-only.
 */
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from '../app/router.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { ArrowLeft, CircleCheck, CloudOff, History, LoaderCircle, Send, TriangleAlert } from 'lucide-react';
import { parsePathway } from '@jalur/engine';
import { useEditor } from './store/editorStore.ts';
import { DesignerView } from './DesignerView.tsx';
import { useAutosave, type SaveStatus } from './useAutosave.ts';
import { pathwayKeys, publishPathway, usePathway, useVersion } from '../pathways/queries.ts';
import { ApiFailure, type PathwayDetail } from '../api/client.ts';
import { VersionsPanel } from './VersionsPanel.tsx';
import { layoutOnOpen } from './layout/useLayout.ts';
import { PublishDialog, loadSummary, type ChangeSummary } from './PublishDialog.tsx';
import { Dialog } from './Dialog.tsx';
import { useSaveOnLeave } from './useSaveOnLeave.ts';
import './strings.ts';
import { ProcessLink } from '../process/ProcessLink.tsx';
import { WhatIfButton } from '../process/WhatIf.tsx';
import { formatDate } from '../i18n/dates.ts';

function SaveBadge({ status, message }: { status: SaveStatus; message: string | null }) {
  const { t } = useTranslation();
  const icon = status === 'saved' ? <CircleCheck size={14} /> : status === 'saving' ? <LoaderCircle size={14} className="spin" /> : status === 'dirty' ? <LoaderCircle size={14} /> : <CloudOff size={14} />;
  return (
    <span className={`save-badge save-${status}`} role="status" data-testid="save-status" data-status={status} title={message ?? undefined}>
      {icon} {t(`save.${status}`)}
    </span>
  );
}

function Title({ detail, suffix }: { detail: PathwayDetail; suffix?: string }) {
  const { t, i18n } = useTranslation();
  const title = useEditor((s) => s.header.title);
  return (
    <>
      <Link to="/pathways" className="icon-btn" aria-label={t('designer.back')} title={t('designer.back')}>
        <ArrowLeft size={16} />
      </Link>
      <h1 data-testid="designer-title">{(i18n.language === 'en' ? title.en : undefined) ?? title.id ?? detail.title}</h1>
      {suffix && <span className="badge">{suffix}</span>}
    </>
  );
}

function Draft({ detail }: { detail: PathwayDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const qc = useQueryClient();
  const [loaded, setLoaded] = useState<{ rev: number; revision: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [publishMsg, setPublishMsg] = useState<{ kind: 'ok' | 'error'; text: string; refusal?: boolean } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const errors = useEditor((s) => s.diagnostics.filter((d) => d.severity === 'error').length);

  useEffect(() => {
    const parsed = parsePathway(detail.draft);
    if (!parsed.ok) {
      setError(parsed.error.map((i) => `${i.path.join('.')}: ${i.message[lang] ?? i.message.id}`).join('; '));
      return;
    }
    let cancelled = false;
    void (async () => {
      const doc = parsed.value;
      if (cancelled) return;
      // An imported machine without positions is laid out as soon as the canvas can measure its labels.
      if (Object.keys(doc.layout).length === 0 && Object.keys(doc.machine.states).length > 1) layoutOnOpen();
      useEditor.getState().load(doc);
      setLoaded({ rev: useEditor.getState().rev, revision: detail.draftRevision });
    })();
    return () => {
      cancelled = true;
    };
    // Load once per pathway: later refetches must not overwrite the user's edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail.id]);

  // The refusal disappears once the errors are fixed.
  useEffect(() => {
    if (errors === 0) setPublishMsg((m) => (m?.kind === 'error' && m.refusal ? null : m));
  }, [errors]);

  const autosave = useAutosave(detail.id, loaded?.rev ?? null, loaded?.revision ?? detail.draftRevision);

  const [confirm, setConfirm] = useState<ChangeSummary | null>(null);

  /** Step one: save, then show what publishing would change and ask for a change note. */
  const publish = async () => {
    setPublishMsg(null);
    if (errors > 0) {
      setPublishMsg({ kind: 'error', text: t('publish.refused', { count: errors }), refusal: true });
      return;
    }
    setPublishing(true);
    try {
      const ok = await autosave.save();
      if (!ok) {
        setPublishMsg({ kind: 'error', text: t('publish.saveFirst') });
        return;
      }
      setConfirm(await loadSummary(detail.id));
    } catch (e) {
      setPublishMsg({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setPublishing(false);
    }
  };

  /** Step two: publish with the note. */
  const confirmPublish = async (note: string) => {
    setPublishing(true);
    try {
      const ok = await autosave.save();
      if (!ok) {
        setPublishMsg({ kind: 'error', text: t('publish.saveFirst') });
        return;
      }
      const v = await publishPathway(detail.id, autosave.revision.current, note);
      setPublishMsg({ kind: 'ok', text: t('publish.done', { v: v.version }) });
      await qc.invalidateQueries({ queryKey: pathwayKeys.list });
      await qc.invalidateQueries({ queryKey: pathwayKeys.detail(detail.id) });
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'lint_failed') setPublishMsg({ kind: 'error', text: t('publish.lintFailed') });
      else if (e instanceof ApiFailure && e.code === 'unchanged')
        setPublishMsg({ kind: 'ok', text: t('dsg.unchanged', { v: (e.details as { version?: number } | undefined)?.version ?? '' }) });
      else setPublishMsg({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setConfirm(null);
      setPublishing(false);
    }
  };

  // Leaving within the autosave delay saves first; if that fails, the user is asked.
  const leaving = useSaveOnLeave(autosave.save, autosave.unsaved, () => autosave.message ?? t(`save.${autosave.status}`));

  if (error) return <div className="page error-text">{t('designer.cannotOpen', { error })}</div>;
  if (!loaded) return <div className="splash">{t('common.loading')}</div>;

  const conflict = autosave.conflict;
  const banner = (
    <>
      {conflict && (
        <div className="banner banner-error" role="alert" data-testid="conflict">
          <TriangleAlert size={16} aria-hidden />
          <span>
            {t('save.conflict_text', {
              who: conflict.updatedBy ?? t('save.someoneElse'),
              when: formatDate(conflict.updatedAt, lang, 'dateTime'),
            })}
          </span>
          <button type="button" className="btn small" onClick={autosave.takeTheirs} disabled={!conflict.server}>
            {t('save.takeTheirs')}
          </button>
          <button type="button" className="btn small danger" onClick={autosave.keepMine}>
            {t('save.keepMine')}
          </button>
        </div>
      )}
      {publishMsg && (
        <div className={`banner ${publishMsg.kind === 'error' ? 'banner-error' : 'banner-ok'}`} role={publishMsg.kind === 'error' ? 'alert' : 'status'} data-testid="publish-message">
          {publishMsg.text}
          <button type="button" className="link-btn" onClick={() => setPublishMsg(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
    </>
  );

  return (
    <div className="designer-page">
      <DesignerView
        title={<Title detail={detail} suffix={t('designer.draft')} />}
        banner={banner}
        actions={
          <>
            <SaveBadge status={autosave.status} message={autosave.message} />
            <ProcessLink pathwayId={detail.id} />
            <WhatIfButton pathwayId={detail.id} />
            <button type="button" className="btn" onClick={() => setShowVersions((v) => !v)} aria-expanded={showVersions} data-testid="versions-toggle">
              <History size={15} aria-hidden /> {t('versions.title')}
            </button>
            <button
              type="button"
              className="btn primary"
              onClick={() => void publish()}
              disabled={publishing}
              data-blocked={errors > 0 ? 'true' : undefined}
              title={errors > 0 ? t('publish.refused', { count: errors }) : t('publish.hint')}
              data-testid="publish"
            >
              <Send size={15} aria-hidden /> {t('publish.button')}
            </button>
          </>
        }
      />
      {showVersions && <VersionsPanel pathwayId={detail.id} onClose={() => setShowVersions(false)} />}
      {confirm && <PublishDialog summary={confirm} busy={publishing} onCancel={() => setConfirm(null)} onConfirm={(note) => void confirmPublish(note)} />}
      {leaving.asking && (
        <Dialog title={t('dsg.leaveTitle')} onCancel={leaving.stay} testId="leave-dialog">
          <p>{t('dsg.leaveText', { reason: leaving.asking.reason })}</p>
          <div className="dialog-actions">
            <button type="button" className="btn primary" onClick={leaving.stay} data-testid="leave-stay">
              {t('dsg.leaveStay')}
            </button>
            <button type="button" className="btn danger" onClick={leaving.leave} data-testid="leave-go">
              {t('dsg.leaveGo')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

/** `/pathways/:id`: the draft in the designer. */
export function DraftDesignerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = usePathway(id, { fresh: true });
  // Opened again in the same tab: wait for the draft as it is now, or the first edit would meet a stale revision.
  if (q.isError) return <div className="page error-text">{q.error.message}</div>;
  if (q.isPending || !q.isFetchedAfterMount) return <div className="splash">{t('common.loading')}</div>;
  return <Draft key={id} detail={q.data} />;
}

/** `/pathways/:id/versions/:v`: a published version, read-only. */
export function VersionDesignerPage() {
  const { id = '', v = '1' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const navigate = useNavigate();
  const detail = usePathway(id);
  const version = useVersion(id, Number(v));
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showVersions, setShowVersions] = useState(false);

  useEffect(() => {
    if (!version.data) return;
    const parsed = parsePathway(version.data.document);
    if (!parsed.ok) {
      setError(parsed.error.map((i) => i.message[lang] ?? i.message.id).join('; '));
      return;
    }
    useEditor.getState().load(parsed.value, { readOnly: true });
    setReady(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version.data]);

  if (version.isError || detail.isError) return <div className="page error-text">{(version.error ?? detail.error)?.message}</div>;
  if (error) return <div className="page error-text">{error}</div>;
  if (!ready || !detail.data || !version.data) return <div className="splash">{t('common.loading')}</div>;
  const vd = version.data;
  return (
    <div className="designer-page">
      <DesignerView
        title={<Title detail={detail.data} suffix={t('versions.versionN', { v: vd.version })} />}
        banner={
          <div className="banner banner-info" role="status" data-testid="read-only-banner">
            {t('versions.readOnly', { v: vd.version, when: formatDate(vd.publishedAt, lang, 'dateTime') })}
            <button type="button" className="btn small" onClick={() => void navigate(`/pathways/${id}`)}>
              {t('versions.backToDraft')}
            </button>
          </div>
        }
        actions={
          <button type="button" className="btn" onClick={() => setShowVersions((x) => !x)} aria-expanded={showVersions}>
            <History size={15} aria-hidden /> {t('versions.title')}
          </button>
        }
      />
      {showVersions && <VersionsPanel pathwayId={id} current={vd.version} onClose={() => setShowVersions(false)} />}
    </div>
  );
}
