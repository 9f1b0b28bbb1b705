/**
 * The live validation panel: `lintPathway` on every change, each diagnostic
 * in the chosen language; clicking one selects and centres the step or
 * transition it is about.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from '../../i18n/index.ts';
import { CircleCheck, CircleX, TriangleAlert } from 'lucide-react';
import { LINT_RULES, lintPathway, type Diagnostic, type LintCode } from '@jalur/engine';
import { plainMessage } from './plainText.ts';
import { useEditor } from '../store/editorStore.ts';
import { edgeForTransition, issueMarks } from '../model/issues.ts';

/** Runs the linter shortly after each committed change. */
export function useLiveLint(): void {
  const rev = useEditor((s) => s.rev);
  useEffect(() => {
    const timer = setTimeout(() => {
      const s = useEditor.getState();
      let diagnostics: Diagnostic[];
      try {
        diagnostics = lintPathway(s.toDocument());
      } catch (err) {
        diagnostics = [{ code: 'JALUR000', severity: 'error', message: { id: `Pemeriksa gagal: ${String(err)}`, en: `The checker failed: ${String(err)}` } }];
      }
      s.setIssues(diagnostics, issueMarks(diagnostics, s.edges));
    }, 120);
    return () => clearTimeout(timer);
  }, [rev]);
}

function ruleTitle(code: string, lang: 'id' | 'en'): string {
  const rule = LINT_RULES[code as LintCode];
  return rule ? (rule.title[lang] ?? rule.title.id) : '';
}

export function LintPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const diagnostics = useEditor((s) => s.diagnostics);
  const rf = useReactFlow();
  // Read, not subscribed: the list re-renders with each lint run, not with each drag frame.
  const s = useEditor.getState();
  const nodes = s.nodes;
  const titleOf = (d: Diagnostic): string | null => {
    const id = d.state ?? d.transition?.source;
    const n = id ? nodes.find((x) => x.id === id) : undefined;
    const t = n?.data.config.meta?.title;
    return t ? (t[lang] ?? t.id) : null;
  };
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  const focus = (d: Diagnostic) => {
    const s = useEditor.getState();
    let nodeId = d.state;
    if (d.transition) {
      const e = edgeForTransition(s.edges, d.transition);
      if (e) {
        s.select({ edge: e.id });
        nodeId = e.source;
      } else nodeId = d.transition.source;
      if (!e && nodeId) s.select({ node: nodeId });
    } else if (nodeId) s.select({ node: nodeId });
    const internal = nodeId ? rf.getInternalNode(nodeId) : undefined;
    if (internal) {
      const { x, y } = internal.internals.positionAbsolute;
      void rf.setCenter(x + (internal.measured.width ?? 200) / 2, y + (internal.measured.height ?? 80) / 2, { zoom: Math.max(rf.getZoom(), 0.9), duration: 300 });
    }
  };

  return (
    <section className="panel lint" aria-label={t('lint.title')} data-testid="lint-panel">
      <h2>
        {t('lint.title')}{' '}
        <span className={`count ${errors ? 'has-error' : warnings ? 'has-warning' : 'ok'}`} data-testid="lint-summary" data-errors={errors} data-warnings={warnings}>
          {errors || warnings ? t('lint.summary', { errors, warnings }) : t('lint.ok')}
        </span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="lint-ok">
          <CircleCheck size={16} aria-hidden /> {t('lint.allGood')}
        </p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button type="button" className={`diag diag-${d.severity}`} onClick={() => focus(d)} data-code={d.code} data-testid="diagnostic">
                {d.severity === 'error' ? <CircleX size={15} aria-label={t('lint.error')} /> : <TriangleAlert size={15} aria-label={t('lint.warning')} />}
                <span className="diag-msg">
                  {titleOf(d) && <strong className="diag-step">{titleOf(d)}: </strong>}
                  {plainMessage(d.message[lang] ?? d.message.id, nodes, s.edges, s.fields, lang)}
                </span>
                {/* The rule's name, not its code (the code stays in data-code for support). */}
                <span className="diag-code">{ruleTitle(d.code, lang)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
