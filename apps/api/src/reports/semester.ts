/**
 * The semester report as the API answers it (issues 14 and 15): the numbers
 * of `@jalur/reports`' `semesterReport` with every code worded in Bahasa
 * Indonesia and English (statuses, risk factors and levels, services,
 * activities, fund sources), and the printable PDF for the komite (the
 * school's own numbers, students named in the risk table) or the dinas
 * (suppressed as the district tables are: `semesterForDinas`).
 */
import {
  ACTIVITY_KIND_LABELS, RISK_FACTOR_LABELS, say, STUDENT_STATUS_LABELS, SURVEY_SERVICE_LABELS, termLabel,
  type Localized, type Semester,
} from '@jalur/casework';
import { schoolClockOf } from '../casework/school-time.ts';
import type { JalurDb } from '@jalur/db';
import { renderSemesterReport, schoolCodeOf, type Cell } from '@jalur/documents';
import { reportQueriesOf, semesterForDinas, semesterReport, type RiskLevel, type SemesterReport, type SemesterReportForDinas } from '@jalur/reports';
import type { Principal } from '../http/router.ts';
import { letterheadOf } from '../documents/case-documents.ts';

export const RISK_LEVEL_LABELS: Record<RiskLevel, Localized> = {
  none: say('Tidak rentan', 'Not at risk'),
  watch: say('Dipantau', 'Watch'),
  risk: say('Rentan', 'At risk'),
};

export const FUND_SOURCE_WORDS: Record<string, Localized> = {
  orang_tua_asuh: say('Orang tua asuh', 'Foster parent'),
  donatur: say('Donatur', 'Donor'),
  alumni: say('Alumni', 'Alumni'),
  komite: say('Komite sekolah', 'School committee'),
  csr: say('CSR perusahaan', 'Company CSR'),
  sekolah: say('Dana sekolah', 'School funds'),
  lainnya: say('Sumber lain', 'Other source'),
};

const words = (table: Record<string, Localized>, code: string, fallback: Localized = say('Lainnya', 'Other')): Localized => table[code] ?? fallback;

/** The school's settings: current term and time-zone offset. */
export async function schoolTerm(db: JalurDb, schoolId: string, now: Date): Promise<{ year: string; semester: Semester; offset: number; today: string }> {
  const { settings: s, offsetMinutes: offset, today } = await schoolClockOf(db, schoolId, now);
  return { year: s.academicYear, semester: s.semester, offset, today };
}

/** The terms a picker offers: the school’s current term and the seven before it (the seed-002 cohort’s term among them in the demo). */
export function recentTerms(current: { year: string; semester: Semester }, count = 8): { year: string; semester: Semester; label: Localized }[] {
  const out: { year: string; semester: Semester; label: Localized }[] = [];
  let t: { year: string; semester: Semester } = { year: current.year, semester: current.semester };
  for (let i = 0; i < count; i++) {
    out.push({ ...t, label: termLabel(t) });
    const first = Number(t.year.slice(0, 4));
    t = t.semester === 'genap' ? { year: t.year, semester: 'ganjil' } : { year: `${first - 1}/${first}`, semester: 'genap' };
  }
  return out;
}

/** The school's report with every code worded (the JSON of `GET /api/reports/semester`). */
export function semesterView(r: SemesterReport, terms: ReturnType<typeof recentTerms>) {
  return {
    term: { ...r.term, label: termLabel({ year: r.term.year, semester: r.term.semester }) },
    terms,
    students: { enrolled: r.students.enrolled, byStatus: r.students.byStatus.map((s) => ({ ...s, label: STUDENT_STATUS_LABELS[s.status] })) },
    beforeAfter: r.beforeAfter.map((x) => ({ ...x, label: words(RISK_FACTOR_LABELS, x.factor) })),
    beforeAfterTotal: r.beforeAfterTotal,
    riskChange: {
      students: r.riskChange.students, improved: r.riskChange.improved, unchanged: r.riskChange.unchanged, worsened: r.riskChange.worsened,
      start: r.riskChange.start, end: r.riskChange.end,
      transitions: r.riskChange.transitions.map((t) => ({ ...t, fromLabel: RISK_LEVEL_LABELS[t.from], toLabel: RISK_LEVEL_LABELS[t.to] })),
      perStudent: r.riskChange.perStudent.map((p) => ({ ...p, startLabel: RISK_LEVEL_LABELS[p.start], endLabel: RISK_LEVEL_LABELS[p.end] })),
    },
    satisfaction: { ...r.satisfaction, byService: r.satisfaction.byService.map((s) => ({ ...s, label: words(SURVEY_SERVICE_LABELS, s.service) })) },
    participation: {
      byKind: r.participation.byKind.map((k) => ({ ...k, label: words(ACTIVITY_KIND_LABELS, k.activity) })),
    },
    aid: {
      ...r.aid,
      bySource: r.aid.bySource.map((s) => ({ ...s, label: words(FUND_SOURCE_WORDS, s.source) })),
      byFactor: r.aid.byFactor.map((s) => ({ ...s, label: words(RISK_FACTOR_LABELS, s.factor) })),
    },
  };
}

/** The report of a term for the school (term defaults to the school's current one). */
export async function loadSemester(db: JalurDb, schoolId: string, now: Date, term?: { year?: string | undefined; semester?: Semester | undefined }) {
  const current = await schoolTerm(db, schoolId, now);
  const t = { year: term?.year ?? current.year, semester: term?.semester ?? current.semester };
  const report = await semesterReport(db.reportHandle, reportQueriesOf(db), schoolId, t, now, current.offset);
  return { report, current };
}

/** The PDF for the komite (the school's numbers) or the dinas (suppressed). */
export async function semesterPdf(db: JalurDb, p: Principal, schoolId: string, report: SemesterReport, audience: 'komite' | 'dinas', now: Date): Promise<{ bytes: Uint8Array; number: string }> {
  const { letterhead, place, code } = await letterheadOf(db, schoolId);
  const nips = new Map((await db.paperwork.listStaffProfiles(schoolId)).map((s) => [s.userId, s.nip]));
  const staff = (await db.users.listBySchool(schoolId)).filter((u) => u.disabledAt === null);
  const kepsek = staff.find((u) => u.role === 'kepsek');
  const counselor = p.role === 'guru_bk' ? staff.find((u) => u.id === p.userId) : staff.find((u) => u.role === 'guru_bk');
  const published: SemesterReport | SemesterReportForDinas = audience === 'dinas' ? semesterForDinas(report) : report;
  const term = termLabel({ year: report.term.year, semester: report.term.semester }).id;
  // One report per school, term and audience: `SRPS-KMT/SKA/2026-2027/1` (1 ganjil, 2 genap).
  const number = `SRPS-${audience === 'dinas' ? 'DNS' : 'KMT'}/${code || schoolCodeOf(letterhead.schoolName)}/${report.term.year.replace('/', '-')}/${report.term.semester === 'ganjil' ? 1 : 2}`;
  const c = (v: number | string): Cell => v;
  // The komite's copy: "Mengetahui, Kepala Sekolah" on the left, the guru BK who made it on the right (dated); the dinas's: the kepsek alone.
  const signers = [
    ...(kepsek ? [{ role: 'Kepala Sekolah', ...(audience === 'komite' && counselor ? { before: 'Mengetahui,' } : {}), name: kepsek.name, nip: nips.get(kepsek.id) ?? null }] : []),
    ...(audience === 'komite' && counselor ? [{ role: 'Guru Bimbingan dan Konseling', name: counselor.name, nip: nips.get(counselor.id) ?? null }] : []),
  ];
  const bytes = await renderSemesterReport({
    letterhead, place, number, issuedOn: now, audience, termLabel: term, from: report.term.from, asOf: report.term.asOf, ended: report.term.ended,
    beforeAfter: published.beforeAfter.map((x) => ({ factor: words(RISK_FACTOR_LABELS, x.factor).id, before: c(x.before), after: c(x.after) })),
    beforeAfterTotal: { before: c(published.beforeAfterTotal.before), after: c(published.beforeAfterTotal.after) },
    students: published.students.byStatus.map((s) => ({ status: STUDENT_STATUS_LABELS[s.status].id, atEnd: c(s.atEnd), changed: c(s.changed) })),
    enrolled: c(published.students.enrolled),
    risk: {
      students: c(published.riskChange.students), improved: c(published.riskChange.improved), unchanged: c(published.riskChange.unchanged), worsened: c(published.riskChange.worsened),
      transitions: published.riskChange.transitions.map((t) => ({ from: RISK_LEVEL_LABELS[t.from].id, to: RISK_LEVEL_LABELS[t.to].id, count: c(t.count) })),
      ...(audience === 'komite' ? { perStudent: report.riskChange.perStudent.map((s) => [s.name, s.className, RISK_LEVEL_LABELS[s.start].id, RISK_LEVEL_LABELS[s.end].id] as [string, string, string, string]) } : {}),
    },
    satisfaction: {
      responses: c(published.satisfaction.responses), average: published.satisfaction.average, distribution: published.satisfaction.distribution.map(c),
      byService: published.satisfaction.byService.map((s) => ({ service: words(SURVEY_SERVICE_LABELS, s.service).id, responses: c(s.responses), average: s.average })),
    },
    participation: published.participation.byKind.map((k) => ({ activity: words(ACTIVITY_KIND_LABELS, k.activity).id, students: c(k.students), attended: c(k.attended) })),
    aid: {
      available: published.aid.available, total: published.aid.total, entries: c(published.aid.entries), students: c(published.aid.students),
      bySource: published.aid.bySource.map((s) => ({ source: words(FUND_SOURCE_WORDS, s.source).id, amount: s.amount, entries: c(s.entries) })),
      byFactor: published.aid.byFactor.map((s) => ({ factor: words(RISK_FACTOR_LABELS, s.factor).id, amount: s.amount, entries: c(s.entries) })),
    },
    signers,
  });
  return { bytes, number };
}
