/**
 * Version history of a pathway: every published version, a link to view it
 * read-only, and a comparison of any two (or of a version with the draft).
 */
import { useState } from 'react';
import { Link, useNavigate } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { X } from 'lucide-react';
import { usePathway } from '../pathways/queries.ts';
import { formatDate } from '../i18n/dates.ts';

export function VersionsPanel({ pathwayId, current, onClose }: { pathwayId: string; current?: number; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const q = usePathway(pathwayId);
  const navigate = useNavigate();
  const versions = [...(q.data?.versions ?? [])].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState<string>(String(versions[1]?.version ?? versions[0]?.version ?? ''));
  const [to, setTo] = useState<string>('draft');
  return (
    <aside className="versions-panel card" aria-label={t('versions.title')} data-testid="versions-panel">
      <div className="versions-head">
        <h2>{t('versions.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={onClose}>
          <X size={16} />
        </button>
      </div>
      {versions.length === 0 ? (
        <p className="muted">{t('versions.none')}</p>
      ) : (
        <ol className="version-list">
          {versions.map((v) => (
            <li key={v.id} className={v.version === current ? 'current' : ''}>
              <Link to={`/pathways/${pathwayId}/versions/${v.version}`} data-testid={`version-${v.version}`}>
                {t('versions.versionN', { v: v.version })}
              </Link>
              <span className="muted"> · {formatDate(v.publishedAt, lang, 'dateTime')}</span>
              {v.changeNote && <p className="muted small">{v.changeNote}</p>}
            </li>
          ))}
        </ol>
      )}
      {versions.length > 0 && (
        <form
          className="compare"
          onSubmit={(e) => {
            e.preventDefault();
            void navigate(`/pathways/${pathwayId}/diff?from=${from}&to=${to}`);
          }}
        >
          <h3>{t('versions.compare')}</h3>
          <label className="field">
            <span>{t('versions.from')}</span>
            <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  {t('versions.versionN', { v: v.version })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('versions.to')}</span>
            <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
              <option value="draft">{t('designer.draft')}</option>
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  {t('versions.versionN', { v: v.version })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn" data-testid="diff-go">
            {t('versions.compareGo')}
          </button>
        </form>
      )}
    </aside>
  );
}
