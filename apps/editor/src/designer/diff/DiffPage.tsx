/**
 * `/pathways/:id/diff?from=1&to=2` (or `to=draft`): both versions drawn as
 * one graph, added steps and transitions green, removed red, changed amber.
 */
import { useEffect, useMemo } from 'react';
import { Link, useParams, useSearchParams } from '../../app/router.tsx';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from '../../i18n/index.ts';
import { ArrowLeft } from 'lucide-react';
import { parsePathway, type PathwayDocument } from '@jalur/engine';
import { usePathway, useVersion } from '../../pathways/queries.ts';
import { useEditor } from '../store/editorStore.ts';
import { Canvas } from '../canvas/Canvas.tsx';
import { diffPathways } from './diff.ts';

function docOf(json: unknown): PathwayDocument | null {
  const r = parsePathway(json);
  return r.ok ? r.value : null;
}

export function DiffPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const from = Number(params.get('from') ?? '1');
  const toParam = params.get('to') ?? 'draft';
  const toDraft = toParam === 'draft';
  const detail = usePathway(id);
  const a = useVersion(id, from);
  const b = useVersion(id, toDraft ? from : Number(toParam), !toDraft);

  const diff = useMemo(() => {
    const docA = a.data ? docOf(a.data.document) : null;
    const docB = toDraft ? (detail.data ? docOf(detail.data.draft) : null) : b.data ? docOf(b.data.document) : null;
    return docA && docB ? diffPathways(docA, docB) : null;
  }, [a.data, b.data, detail.data, toDraft]);

  useEffect(() => {
    if (diff) useEditor.getState().loadDiff(diff.model, { nodes: diff.steps, edges: diff.transitions });
  }, [diff]);

  if (!diff) return <div className="splash">{t('common.loading')}</div>;
  const toLabel = toDraft ? t('designer.draft') : t('versions.versionN', { v: toParam });
  return (
    <div className="designer-page diff-page">
      <div className="designer read-only">
        <div className="designer-head">
          <div className="designer-title">
            <Link to={`/pathways/${id}`} className="icon-btn" aria-label={t('designer.back')} title={t('designer.back')}>
              <ArrowLeft size={16} />
            </Link>
            <h1>
              {t('diff.title', { from: t('versions.versionN', { v: from }), to: toLabel })}
            </h1>
          </div>
          <div className="diff-legend" data-testid="diff-legend">
            <span className="legend added">{t('diff.added', { count: diff.counts.added })}</span>
            <span className="legend removed">{t('diff.removed', { count: diff.counts.removed })}</span>
            <span className="legend changed">{t('diff.changed', { count: diff.counts.changed })}</span>
          </div>
        </div>
        <div className="designer-main no-side">
          <div className="designer-center">
            <ReactFlowProvider>
              <Canvas />
            </ReactFlowProvider>
          </div>
        </div>
      </div>
    </div>
  );
}
