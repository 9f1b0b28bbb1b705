/**
 * The school's pathways and the district's templates, with the three ways to
 * start a new one: blank, from a template, or from an imported XState JSON.
 */
import { useRef, useState } from 'react';
import { Link, useNavigate } from '../app/router.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { Archive, ArchiveRestore, FilePlus2, LayoutTemplate, Upload } from 'lucide-react';
import { archivePathway, pathwayKeys, usePathwayList, useCreatePathway, type CreateInput } from './queries.ts';
import { blankPathway, keyFromTitle } from './blank.ts';
import { importErrorText, pathwayFromJson, pickJsonFile } from './importFile.ts';
import { ApiFailure, type PathwaySummary } from '../api/client.ts';
import { useMe } from '../auth/session.ts';
import '../designer/strings.ts';
import { ProcessLink } from '../process/ProcessLink.tsx';
import { formatDate } from '../i18n/dates.ts';

function PathwayCard({ p, onUseTemplate, onArchive, busy }: { p: PathwaySummary; onUseTemplate?: () => void; onArchive?: (archived: boolean) => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const archived = p.archivedAt !== null && p.archivedAt !== undefined;
  return (
    <li className="card pathway-card" data-testid={`pathway-${p.key}`}>
      <div>
        <h3>{p.scope === 'school' ? <Link to={`/pathways/${p.id}`}>{p.title}</Link> : p.title}</h3>
        {p.description && <p className="muted">{p.description}</p>}
        <p className="meta">
          {archived && <span className="badge badge-archived">{t('dsg.archived')}</span>}
          {p.latestVersion ? <span className="badge badge-published">{t('list.version', { v: p.latestVersion })}</span> : <span className="badge">{t('list.draftOnly')}</span>}
          {p.scope === 'school' && p.latestVersion ? <ProcessLink pathwayId={p.id} name={p.title} compact /> : null}
          <span className="muted">
            {t('list.updated')} {formatDate(p.updatedAt, i18n.language, 'dateTime')}
          </span>
          {p.tags.map((tag) => (
            <span key={tag} className="badge">
              {tag}
            </span>
          ))}
        </p>
      </div>
      {onArchive && (
        <button
          type="button"
          className="btn"
          onClick={() => onArchive(!archived)}
          disabled={busy}
          aria-label={archived ? t('dsg.unarchiveNamed', { name: p.title }) : t('dsg.archiveNamed', { name: p.title })}
          data-testid={`${archived ? 'unarchive' : 'archive'}-${p.key}`}
        >
          {archived ? <ArchiveRestore size={15} aria-hidden /> : <Archive size={15} aria-hidden />} {archived ? t('dsg.unarchive') : t('dsg.archive')}
        </button>
      )}
      {onUseTemplate && (
        <button type="button" className="btn" onClick={onUseTemplate} disabled={busy} aria-label={t('list.useTemplateNamed', { name: p.title })}>
          <LayoutTemplate size={15} aria-hidden /> {t('list.useTemplate')}
        </button>
      )}
    </li>
  );
}

export function PathwayListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const list = usePathwayList();
  const create = useCreatePathway();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [nameMissing, setNameMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [archiving, setArchiving] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const qc = useQueryClient();
  const me = useMe();
  const mayArchive = me.data?.role === 'kepsek' || me.data?.role === 'admin_dinas';

  /** Archiving asks first; nothing is deleted, cases on the pathway keep running. */
  const archive = async (p: PathwaySummary, archived: boolean) => {
    if (archived && !window.confirm(t('dsg.archiveConfirm', { name: p.title, cases: '' }).trim())) return;
    setArchiving(true);
    setError(null);
    try {
      const r = await archivePathway(p.id, archived);
      setNotice(archived ? `${t('dsg.archived')}: ${p.title}. ${t('dsg.archiveCases', { count: r.casesUsing })}` : `${t('dsg.unarchive')}: ${p.title}.`);
      await qc.invalidateQueries({ queryKey: pathwayKeys.list });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setArchiving(false);
    }
  };

  const start = (input: CreateInput & { key?: string }) => {
    setError(null);
    create.mutate(input, {
      onSuccess: (d) => void navigate(`/pathways/${d.id}`),
      onError: (e) => setError(e instanceof ApiFailure ? e.message : String(e)),
    });
  };

  const importJson = async () => {
    const text = await pickJsonFile();
    if (text === null) return;
    const r = pathwayFromJson(text);
    if (!r.ok) {
      setError(importErrorText(r.error, lang, t as never));
      return;
    }
    start({ document: { ...r.value, key: keyFromTitle(r.value.title.id) } });
  };

  const items = list.data?.items ?? [];
  const school = items.filter((p) => p.scope === 'school' && !p.archivedAt);
  const archivedItems = items.filter((p) => p.scope === 'school' && p.archivedAt);
  // An archived template is not offered for new pathways.
  const templates = items.filter((p) => p.scope === 'template' && !p.archivedAt);

  return (
    <div className="page pathways-page">
      <header className="page-head">
        <h1>{t('list.title')}</h1>
        <p className="muted">{t('list.intro')}</p>
      </header>
      <section className="card new-pathway" aria-labelledby="new-pathway-h">
        <h2 id="new-pathway-h">{t('list.new')}</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            // A new pathway needs its name first (not a row of "Jalur baru" to tell apart later).
            const name = title.trim();
            if (!name) {
              setNameMissing(true);
              titleInput.current?.focus();
              return;
            }
            setNameMissing(false);
            start({ document: blankPathway(name, keyFromTitle(name)) });
          }}
        >
          <label className="field grow">
            <span>{t('list.newTitle')}</span>
            <input
              ref={titleInput}
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                if (e.target.value.trim()) setNameMissing(false);
              }}
              placeholder={t('list.newTitlePlaceholder')}
              data-testid="new-title"
              aria-invalid={nameMissing || undefined}
              aria-describedby={nameMissing ? 'new-title-missing' : undefined}
            />
            {nameMissing && (
              <span id="new-title-missing" className="error-text" role="alert" data-testid="new-title-missing">
                {t('dsg.nameFirst')}
              </span>
            )}
          </label>
          <button type="submit" className="btn primary" disabled={create.isPending} data-testid="new-blank">
            <FilePlus2 size={15} aria-hidden /> {t('list.blank')}
          </button>
          <button type="button" className="btn" onClick={() => void importJson()} disabled={create.isPending} data-testid="new-import">
            <Upload size={15} aria-hidden /> {t('list.import')}
          </button>
        </form>
        {notice && (
          <p className="muted" role="status" data-testid="list-notice">
            {notice}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert" data-testid="list-error">
            {error}
          </p>
        )}
      </section>
      {list.isPending && <p className="muted">{t('common.loading')}</p>}
      {list.isError && <p className="error-text">{String(list.error.message)}</p>}
      <div className="columns">
        <section aria-labelledby="school-h">
          <h2 id="school-h">{t('list.school')}</h2>
          {school.length === 0 && list.isSuccess && <p className="muted">{t('list.noneYet')}</p>}
          <ul className="card-list" data-testid="school-pathways">
            {school.map((p) => (
              <PathwayCard key={p.id} p={p} busy={create.isPending || archiving} onArchive={mayArchive ? (a) => void archive(p, a) : undefined} />
            ))}
          </ul>
          {archivedItems.length > 0 && (
            <>
              <h2 id="archived-h">{t('dsg.archivedList')}</h2>
              <ul className="card-list" data-testid="archived-pathways" aria-labelledby="archived-h">
                {archivedItems.map((p) => (
                  <PathwayCard key={p.id} p={p} busy={archiving} onArchive={mayArchive ? (a) => void archive(p, a) : undefined} />
                ))}
              </ul>
            </>
          )}
        </section>
        <section aria-labelledby="templates-h">
          <h2 id="templates-h">{t('list.templates')}</h2>
          <ul className="card-list" data-testid="templates">
            {templates.map((p) => (
              <PathwayCard key={p.id} p={p} busy={create.isPending} onUseTemplate={() => start({ templateId: p.id, key: keyFromTitle(p.key) })} />
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
