/**
 * Case work in the demo seed's plans (`seed-data.ts`): a plan step
 * `casework:skip` / `casework:risk` / `casework:add` is recorded through
 * the case service as the guru BK would, with its reason.
 */
import type { CaseRow, DbError, User } from '@jalur/db';
import type { InterventionKind, RiskFactor } from '@jalur/engine';
import type { CaseService } from '../service.ts';

const DAY = 86_400_000;

export const isCaseworkStep = (type: string): boolean => type.startsWith('casework:');

export async function caseworkStep(
  cases: CaseService, row: CaseRow, type: string, d: Record<string, unknown>, bk: User, at: Date,
): Promise<{ ok: true; row: CaseRow } | { ok: false; error: DbError }> {
  const base = { schoolId: row.schoolId, caseId: row.id, expectedVersion: row.version, actor: { id: bk.id, role: 'guru_bk' as const }, now: at, reason: String(d.reason ?? '') };
  const r =
    type === 'casework:skip'
      ? await cases.recordCasework({ ...base, change: 'intervention.skipped', stateId: String(d.stateId) })
      : type === 'casework:risk'
        ? await cases.recordCasework({ ...base, change: 'riskFactor.added', factor: d.factor as RiskFactor })
        : await cases.recordCasework({
            ...base, change: 'intervention.added', kind: d.kind as InterventionKind,
            ...(typeof d.title === 'string' ? { title: d.title } : {}),
            ...(typeof d.dueInDays === 'number' ? { dueAt: new Date(at.getTime() + d.dueInDays * DAY) } : {}),
          });
  return r.ok ? { ok: true, row: r.value.case } : { ok: false, error: r.error };
}
