/**
 * The school's pathways and the district's templates, with the three ways to
 * start a new one: blank, from a template, or from an imported XState JSON.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FilePlus2, LayoutTemplate, Upload } from 'lucide-react';
import { usePathwayList, useCreatePathway, type CreateInput } from './queries.ts';
import { blankPathway, keyFromTitle } from './blank.ts';
import { pathwayFromJson, pickJsonFile } from './importFile.ts';
import { ApiFailure, type PathwaySummary } from '../api/client.ts';

function PathwayCard({ p, onUseTemplate, busy }: { p: PathwaySummary; onUseTemplate?: () => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card pathway-card" data-testid={`pathway-${p.key}`}>
      <div>
        <h3>{p.scope === 'school' ? <Link to={`/pathways/${p.id}`}>{p.title}</Link> : p.title}</h3>
        {p.description && <p className="muted">{p.description}</p>}
        <p className="meta">
          {p.latestVersion ? <span className="badge badge-published">{t('list.version', { v: p.latestVersion })}</span> : <span className="badge">{t('list.draftOnly')}</span>}
          <span className="muted">
            {t('list.updated')} {new Date(p.updatedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' })}
          </span>
          {p.tags.map((tag) => (
            <span key={tag} className="badge">
              {tag}
            </span>
          ))}
        </p>
      </div>
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
      setError(r.error.map((i) => `${i.path.join('.')} ${i.message[lang] ?? i.message.id}`).join('; '));
      return;
    }
    start({ document: { ...r.value, key: keyFromTitle(r.value.title.id) } });
  };

  const items = list.data?.items ?? [];
  const school = items.filter((p) => p.scope === 'school');
  const templates = items.filter((p) => p.scope === 'template');

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
            const name = title.trim() || t('list.untitled');
            start({ document: blankPathway(name, keyFromTitle(name)) });
          }}
        >
          <label className="field grow">
            <span>{t('list.newTitle')}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('list.newTitlePlaceholder')} data-testid="new-title" />
          </label>
          <button type="submit" className="btn primary" disabled={create.isPending} data-testid="new-blank">
            <FilePlus2 size={15} aria-hidden /> {t('list.blank')}
          </button>
          <button type="button" className="btn" onClick={() => void importJson()} disabled={create.isPending} data-testid="new-import">
            <Upload size={15} aria-hidden /> {t('list.import')}
          </button>
        </form>
        {error && (
          <p className="error-text" role="alert">
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
              <PathwayCard key={p.id} p={p} busy={create.isPending} />
            ))}
          </ul>
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
