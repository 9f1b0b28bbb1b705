/**
 * The case view: what the API answers about a case, computed from the
 * stored row and its compiled pathway for one caller's role. Pure.
 */
import type { CaseRow } from '@jalur/db';
import { activeSteps, availableEvents, type CaseSnapshot, type Role } from '@jalur/engine';
import type { z } from '@hono/zod-openapi';
import type { caseViewSchema } from '../schemas/cases.ts';
import type { CompiledVersion } from '@jalur/cases';

export type CaseView = z.infer<typeof caseViewSchema>;

export interface CaseViewExtras {
  student?: { id: string; name: string; className: string } | undefined;
  assignee?: { id: string; name: string } | null;
  /** The snapshot object the engine returned, when at hand (saves a restore). */
  snapshot?: CaseSnapshot | null;
  /** The recorded form values the viewer may see (`visibleForm`); single-case answers only. */
  form?: Record<string, unknown>;
}

/**
 * Builds the case view for a viewer (or just their role): the actions are
 * those of the viewer's role.
 */
export function caseView(row: CaseRow, version: CompiledVersion, viewer: Role | { id: string; role: Role }, extras: CaseViewExtras = {}): CaseView {
  const role = typeof viewer === 'string' ? viewer : viewer.role;
  const snapshot = extras.snapshot ?? (row.snapshot as CaseSnapshot);
  const { compiled } = version;
  const steps = activeSteps(compiled, snapshot).map((s) => ({ stateId: s.stateId, meta: s.meta ?? null }));
  const stateValue = row.stateValue === '' ? [] : row.stateValue.split(',');
  const view: CaseView = {
    id: row.id,
    schoolId: row.schoolId,
    studentId: row.studentId,
    pathwayId: row.pathwayId,
    pathwayKey: compiled.doc.key,
    pathwayVersionId: row.pathwayVersionId,
    pathwayVersion: version.version,
    version: row.version,
    status: row.status,
    outcome: row.outcome,
    state: row.stateValue,
    stateValue,
    step: steps[0] ?? null,
    steps,
    availableEvents: row.status === 'active' ? availableEvents(compiled, snapshot, { role }) : [],
    riskFactors: row.riskFactors,
    assignee: extras.assignee ?? (row.assigneeId ? { id: row.assigneeId, name: '' } : null),
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
  };
  if (extras.student) view.student = extras.student;
  if (extras.form) view.form = extras.form;
  return view;
}
