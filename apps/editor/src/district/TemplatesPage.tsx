/**
 * `/templates`: the district template library. The district admin publishes
 * a school's pathway version as a template; schools browse, preview on the
 * read-only canvas, adopt (fork with lineage), see "update available" with a
 * link to the visual diff, and pull an update into their draft.
 */
import { useState } from 'react';
import { Link } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useMe } from '../auth/session.ts';
import '../reports/messages.ts';
import '../reports/reports.css';
import { useDistrictSchools } from './queries.ts';
import { useAdoptTemplate, usePublishTemplate, usePullTemplate, useTemplateSources, useTemplates, type TemplateEntry } from './templates-queries.ts';

function PublishForm() {
  const { t } = useTranslation('reports');
  const schools = useDistrictSchools();
  const [schoolId, setSchoolId] = useState('');
  const [pathwayId, setPathwayId] = useState('');
  const [version, setVersion] = useState('');
  const [key, setKey] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const sources = useTemplateSources(schoolId);
  const publish = usePublishTemplate();
  const source = sources.data?.items.find((s) => s.id === pathwayId);
  return (
    <form
      className="card"
      data-testid="publish-template"
      onSubmit={(e) => {
        e.preventDefault();
        publish.mutate({
          schoolId, pathwayId, version: Number(version),
          ...(key ? { key } : {}),
          ...(description ? { description } : {}),
          ...(tags ? { tags: tags.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
        });
      }}
    >
      <h2>{t('templates.publishTitle')}</h2>
      <div className="inline-form">
        <label className="field">
          <span>{t('templates.school')}</span>
          <select name="school" value={schoolId} required onChange={(e) => { setSchoolId(e.target.value); setPathwayId(''); setVersion(''); }}>
            <option value="">{t('templates.choose')}</option>
            {schools.data?.items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('templates.pathway')}</span>
          <select name="pathway" value={pathwayId} required onChange={(e) => { setPathwayId(e.target.value); const s = sources.data?.items.find((x) => x.id === e.target.value); setVersion(String(s?.versions.at(-1) ?? '')); setKey(s ? `${s.key}-kab` : ''); }}>
            <option value="">{t('templates.choose')}</option>
            {sources.data?.items.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('templates.version')}</span>
          <select name="version" value={version} required onChange={(e) => setVersion(e.target.value)}>
            {source?.versions.map((v) => <option key={v} value={v}>v{v}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('templates.key')}</span>
          <input name="key" value={key} onChange={(e) => setKey(e.target.value)} pattern="[a-z0-9][a-z0-9-]{1,79}" />
        </label>
      </div>
      <label className="field">
        <span>{t('templates.description')}</span>
        <textarea name="description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('templates.tags')}</span>
        <input name="tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <button className="btn primary" type="submit" disabled={publish.isPending}>{t('templates.publish')}</button>
      {publish.isSuccess && <p className="small" role="status">{t('templates.published')}: {publish.data.title} v{publish.data.latestVersion}</p>}
      {publish.isError && <p className="error-text small">{publish.error.message}</p>}
    </form>
  );
}

function TemplateCard({ entry, canAdopt }: { entry: TemplateEntry; canAdopt: boolean }) {
  const { t } = useTranslation('reports');
  const adopt = useAdoptTemplate();
  const pull = usePullTemplate();
  const latest = entry.latestVersion;
  return (
    <li className="card pathway-card" data-testid={`template-${entry.key}`}>
      <div>
        <h3>{entry.title} {latest !== null && <span className="badge">v{latest}</span>}</h3>
        {entry.description && <p className="muted">{entry.description}</p>}
        <div className="meta">
          {entry.tags.map((tag) => <span key={tag} className="chip">{tag}</span>)}
          {entry.changeNote && <span className="muted small">{entry.changeNote}</span>}
        </div>
        {entry.adoptions.map((a) => (
          <div key={a.pathwayId} className="meta" data-testid="adoption">
            <span>{t('templates.adopted')} <Link to={`/pathways/${a.pathwayId}`}>{a.pathwayTitle}</Link></span>
            {a.updateAvailable && latest !== null ? (
              <>
                <span className="badge warning-text" data-testid="update-available">{t('templates.updateAvailable', { from: a.sourceVersion ?? 1, to: latest })}</span>
                <Link to={`/pathways/${entry.id}/diff?from=${a.sourceVersion ?? 1}&to=${latest}`} data-testid="view-diff">{t('templates.diff')}</Link>
                {canAdopt && (
                  <button className="btn" type="button" disabled={pull.isPending} onClick={() => pull.mutate({ templateId: entry.id, pathwayId: a.pathwayId })}>
                    {t('templates.pull')}
                  </button>
                )}
              </>
            ) : (
              <span className="badge badge-published">{t('templates.upToDate', { v: a.sourceVersion ?? latest ?? 1 })}</span>
            )}
          </div>
        ))}
        {pull.isSuccess && <p className="small" role="status">{t('templates.pulled')}</p>}
        {(adopt.isError || pull.isError) && <p className="error-text small">{(adopt.error ?? pull.error)?.message}</p>}
      </div>
      <div className="meta">
        {latest !== null && <Link className="btn" to={`/pathways/${entry.id}/versions/${latest}`}>{t('templates.preview')}</Link>}
        {canAdopt && entry.adoptions.length === 0 && latest !== null && (
          <button className="btn primary" type="button" disabled={adopt.isPending} onClick={() => adopt.mutate(entry.id)}>{t('templates.adopt')}</button>
        )}
        {adopt.isSuccess && <Link to={`/pathways/${adopt.data.id}`}>{adopt.data.title}</Link>}
      </div>
    </li>
  );
}

export function Component() {
  const { t } = useTranslation('reports');
  const me = useMe();
  const templates = useTemplates();
  const role = me.data?.role;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('templates.title')}</h1>
        <p className="muted">{t('templates.subtitle')}</p>
      </div>
      {role === 'admin_dinas' && <PublishForm />}
      {templates.isPending && <p className="muted">{t('loading')}</p>}
      {templates.isError && <p className="error-text">{templates.error.message}</p>}
      {templates.data && (templates.data.items.length === 0 ? (
        <p className="muted">{t('templates.empty')}</p>
      ) : (
        <ul className="card-list" style={{ marginTop: 16 }}>
          {templates.data.items.map((e) => <TemplateCard key={e.id} entry={e} canAdopt={role === 'kepsek'} />)}
        </ul>
      ))}
    </div>
  );
}
