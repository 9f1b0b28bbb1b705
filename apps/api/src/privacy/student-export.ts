/**
 * One student's data as the school holds it, for a data-subject request under
 * UU PDP (Undang-Undang Pelindungan Data Pribadi): the profile, indicators,
 * early-warning flags, and every case with its timeline, the notes and
 * records the requesting kepsek may see, consents and referrals. Step data
 * and notes follow the same confidentiality rules as every other read, so an
 * export never shows the kepsek what the case page would not.
 */
import { canSeeContent } from '@jalur/casework';
import type { CaseRow, JalurDb, StudentRow } from '@jalur/db';
import type { CompiledPathways } from '@jalur/cases';
import { eventLevel } from '../cases/step-visibility.ts';
import type { Principal } from '../http/router.ts';
import { studentView } from '../routes/students.ts';

/** The format tag of an export document. */
export const EXPORT_FORMAT = 'jalur.student-export/1';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function caseExport(db: JalurDb, compiledPathways: CompiledPathways, p: Principal, schoolId: string, row: CaseRow, now: Date) {
  const viewer = { id: p.userId, role: p.role };
  const version = await db.pathways.getVersionById(row.pathwayVersionId);
  const compiled = version ? compiledPathways.of(version).compiled : null;
  const events = await db.cases.events(schoolId, row.id);
  const notes = await db.notes.list(schoolId, row.id, viewer, now);
  const records = await db.caseRecords.list(schoolId, row.id, viewer);
  // Every `rahasia` content the export hands out is audited as the case page's reads are (the notes by the repository).
  const rahasiaEvents: number[] = [];
  const shown = events.map((e) => {
    const level = compiled ? eventLevel(compiled, e.stateBefore) : 'rahasia';
    const visible = e.data !== null && canSeeContent(level, viewer, e.actorId ?? '', row.assigneeId);
    if (visible && level === 'rahasia') rahasiaEvents.push(e.seq);
    return { seq: e.seq, type: e.type, at: e.at.toISOString(), actorId: e.actorId, stateBefore: e.stateBefore, stateAfter: e.stateAfter, data: visible ? e.data : null, withheld: e.data !== null && !visible };
  });
  const rahasiaRecords = records.ok ? records.value.filter((r) => r.confidentiality === 'rahasia').map((r) => r.id) : [];
  if (rahasiaEvents.length > 0 || rahasiaRecords.length > 0) {
    await db.audit.record({
      action: 'case.read_confidential', subject: `case:${row.id}`, actorId: p.userId, schoolId, at: now,
      details: { what: 'export', ...(rahasiaEvents.length > 0 ? { events: rahasiaEvents } : {}), ...(rahasiaRecords.length > 0 ? { records: rahasiaRecords } : {}) },
    });
  }
  return {
    id: row.id,
    pathwayVersion: version ? { key: (version.document as { key?: string }).key ?? null, version: version.version } : null,
    status: row.status,
    stateValue: row.stateValue,
    riskFactors: row.riskFactors,
    assigneeId: row.assigneeId,
    outcome: row.outcome ?? null,
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
    events: shown,
    notes: notes.ok ? notes.value.map((n) => ({ id: n.id, body: n.body, confidentiality: n.confidentiality, authorId: n.authorId, createdAt: n.createdAt.toISOString() })) : [],
    records: records.ok ? records.value.map((r) => ({ id: r.id, kind: r.kind, data: r.data, confidentiality: r.confidentiality, occurredAt: r.occurredAt.toISOString(), recordedBy: r.recordedBy })) : [],
    consents: (await db.consents.list(schoolId, row.id)).map((c) => ({
      id: c.id, purpose: c.purpose, givenBy: c.givenBy, relationship: c.relationship, method: c.method, granted: c.granted, givenAt: c.givenAt.toISOString(), revokedAt: iso(c.revokedAt),
    })),
    referrals: (await db.referrals.list(schoolId, { caseId: row.id })).map((r) => ({
      id: r.id, target: r.target, targetName: r.targetName, reason: r.reason, status: r.status, rejectionReason: r.rejectionReason, outcomeReport: r.outcomeReport, sentAt: r.sentAt.toISOString(),
    })),
    // Issue 15: the family-contact log (same confidentiality as notes), parent meetings and the register of documents made about the case.
    familyContacts: (await db.paperwork.listContacts(schoolId, row.id, viewer, row.assigneeId, now)).map((c) => ({
      id: c.id, guardianName: c.guardianName, relationship: c.relationship, phone: c.phone, channel: c.channel, template: c.template, message: c.message, outcome: c.outcome,
      confidentiality: c.confidentiality, contactedBy: c.contactedBy, contactedAt: c.contactedAt.toISOString(),
    })),
    parentMeetings: (await db.paperwork.listMeetings(schoolId, row.id)).map((m) => ({
      id: m.id, guardianName: m.guardianName, scheduledAt: m.scheduledAt.toISOString(), place: m.place, purpose: m.purpose, status: m.status, hostId: m.hostId,
    })),
    documents: (await db.paperwork.listDocuments(schoolId, row.id)).map((d) => ({ id: d.id, kind: d.kind, number: d.number, recipient: d.recipient, generatedBy: d.generatedBy, generatedAt: d.generatedAt.toISOString() })),
  };
}

/**
 * Builds the export document of `student` for the caller `p`. Every `rahasia`
 * content in it is audited: notes by the repository (`note.read_rahasia`),
 * step data and records here (`case.read_confidential`, `what: 'export'`).
 */
export async function exportStudent(db: JalurDb, compiled: CompiledPathways, p: Principal, schoolId: string, student: StudentRow, now: Date) {
  const cases = await db.cases.list(schoolId, { studentId: student.id, limit: 1000 });
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    exportedBy: p.userId,
    student: { ...studentView(student), erasedAt: iso(student.erasedAt) },
    indicators: (await db.indicators.listForStudent(schoolId, student.id)).map((i) => ({ kind: i.kind, period: i.period, subject: i.subject, values: i.values })),
    flags: (await db.earlyWarning.listFlags(schoolId, { studentId: student.id })).map((f) => ({
      id: f.id, source: f.source, ruleKey: f.ruleKey, reason: f.reason, level: f.level, since: iso(f.since), clearedAt: iso(f.clearedAt),
    })),
    cases: await Promise.all(cases.map((row) => caseExport(db, compiled, p, schoolId, row, now))),
    // M&E records (issue 15): satisfaction scores given and ekstrakurikuler / P5 participation.
    meRecords: (await db.me.list(schoolId, { studentId: student.id })).map((r) => ({
      id: r.id, kind: r.kind, caseId: r.caseId, academicYear: r.academicYear, semester: r.semester, data: r.data, recordedBy: r.recordedBy, recordedAt: r.recordedAt.toISOString(),
    })),
  };
}
