/**
 * `seedDemo`: a demo district a school can click through at once. Cases are
 * started and advanced with the engine itself, so every snapshot is real and
 * every case's events replay to its snapshot. Seeding a non-empty database
 * does nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathwayDocumentSchema, type PathwayDocument } from '@jalur/engine';
import { hashPassword, type JalurDb, type PathwayVersionRow, type StudentRow, type User } from '@jalur/db';
import { CaseService } from '../service.ts';
import { fireTimer, sendPlanStep, type DemoStaff } from './drive.ts';

export { sampleValue } from './drive.ts';
import { caseworkStep, isCaseworkStep } from '../interventions/seed-step.ts';
import { loadCohort, readCohort, type Cohort } from './seed-cohort.ts';
import { addDemoIndicators, flagDemoStudents } from './seed-indicators.ts';
import { addRosterFacts, openedAtFor } from './seed-students.ts';
import { pledgeDemoStudent, seedFunds, type FundIds } from './seed-funds.ts';
import { seedRegisterActivity, seedRegisters } from './seed-registers.ts';
import { CASE_PLANS_A, CASE_PLANS_B, COHORT_AFTERWARDS, REFERRAL_PLAN_INDEX, CLASSES_A, CLASSES_B, CLASSES_SMP, DEMO_ACCOUNTS, DEMO_NODES, DEMO_PASSWORD, DEMO_SCHOOLS, prng, studentName, type CasePlan, type DemoNode, type DemoSchool } from './seed-data.ts';

export { DEMO_ACCOUNTS, DEMO_NODES, DEMO_PASSWORD, DEMO_SCHOOLS, type DemoAccount } from './seed-data.ts';

export interface SeedOptions {
  /** Folder of pathway templates (`workflows/`): every `*.json` in it is published; `cohorts/*.json` are loaded into Sekolah A. */
  workflowsDir: string;
  /** The demo's "today": cases and indicators lie before it. */
  now: Date;
}

export interface SeedSummary {
  seeded: boolean;
  districtId?: string;
  /** Sekolah A and B: the two SMK under the Cabang Dinas (`districtId`). */
  schools?: { A: string; B: string };
  /** The oversight tree's nodes (the Cabang Dinas is `districtId`). */
  nodes?: { provinsi: string; cabangDinas: string; kabupaten: string };
  /** The SMP under the kabupaten. */
  smp?: string;
  templates: string[];
  /** Files of `workflowsDir` that are not valid pathway documents. */
  skipped: string[];
  students: number;
  cases: number;
  /** Cohorts replayed into Sekolah A (e.g. `srps-2023`) and their case count. */
  cohorts: { key: string; cases: number }[];
  /** Early-warning flags raised on the demo students (seeded runs only). */
  flags?: number;
  /** Steps a template no longer accepts (the case stays where it got to); empty when all went to plan. */
  warnings: string[];
}

const DAY = 86_400_000;

/** Every cohort file of a folder, in name order. */
function readCohorts(dir: string): Cohort[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((f) => readCohort(path.join(dir, f))).filter((c): c is Cohort => c !== null);
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, what: string): T {
  if (!r.ok) throw new Error(`seed: ${what}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Reads the pathway templates of a folder (skipping what does not parse). */
function readTemplates(dir: string): { docs: PathwayDocument[]; skipped: string[] } {
  const docs: PathwayDocument[] = [];
  const skipped: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return { docs, skipped };
  }
  for (const file of files) {
    const parsed = pathwayDocumentSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (parsed.success) docs.push(parsed.data);
    else skipped.push(file);
  }
  return { docs, skipped };
}

export async function seedDemo(db: JalurDb, options: SeedOptions): Promise<SeedSummary> {
  const { docs, skipped } = readTemplates(options.workflowsDir);
  if (!(await db.isEmpty())) return { seeded: false, templates: [], skipped, students: 0, cases: 0, cohorts: [], warnings: [] };
  const now = options.now;
  const t0 = new Date(now.getTime() - 120 * DAY);

  // The oversight tree: province → cabang dinas → the two SMK; kabupaten → the SMP.
  const provinsi = await db.districts.create({ id: DEMO_NODES.provinsi.id, kind: DEMO_NODES.provinsi.kind, name: DEMO_NODES.provinsi.name, now: t0 });
  const district = await db.districts.create({ id: DEMO_NODES.cabdin.id, kind: DEMO_NODES.cabdin.kind, name: DEMO_NODES.cabdin.name, parentId: provinsi.id, now: t0 });
  const kabupaten = await db.districts.create({ id: DEMO_NODES.kabupaten.id, kind: DEMO_NODES.kabupaten.kind, name: DEMO_NODES.kabupaten.name, now: t0 });
  const nodeOf: Record<DemoNode, string> = { provinsi: provinsi.id, cabdin: district.id, kabupaten: kabupaten.id };
  const makeSchool = (k: DemoSchool) => {
    const d = DEMO_SCHOOLS[k];
    return db.schools.create({ id: d.id, districtId: nodeOf[d.node], name: d.name, level: d.level, programmes: d.programmes ? [...d.programmes] : null, now: t0 });
  };
  const schoolA = await makeSchool('A');
  const schoolB = await makeSchool('B');
  const smp = await makeSchool('SMP');
  const schoolOf: Record<DemoSchool, string> = { A: schoolA.id, B: schoolB.id, SMP: smp.id };
  const schoolNode: Record<DemoSchool, string> = { A: district.id, B: district.id, SMP: kabupaten.id };

  const users = new Map<string, User>();
  // Every demo account has the same password: one scrypt hash (the work is deliberately slow) serves them all.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    const schoolId = a.school ? schoolOf[a.school] : null;
    const districtId = a.school ? schoolNode[a.school] : nodeOf[a.node ?? 'cabdin'];
    const extraRoles = (a.extraRoles ?? []).map((g) => ({ role: g.role, className: g.className ?? null }));
    const user = must(await db.users.create({ email: a.email, name: a.name, role: a.role, schoolId, districtId, className: a.className ?? null, extraRoles, password: DEMO_PASSWORD, passwordHash, now: t0 }), a.email);
    users.set(a.email, user);
    for (const t of a.team ?? []) if (schoolId) must(await db.schools.addTeamMember(schoolId, { userId: user.id, function: t.function, duties: t.duties, actorId: null, now: t0 }), a.email);
  }
  const staff = (school: 'A' | 'B') => ({
    kepsek: users.get(`kepsek@sekolah-${school.toLowerCase()}.demo`)!,
    bk: users.get(`bk@sekolah-${school.toLowerCase()}.demo`)!,
    wali: school === 'A' ? users.get('walikelas@sekolah-a.demo') : undefined,
    tim: school === 'A' ? users.get('tim@sekolah-a.demo') : undefined,
  });
  const dinas = users.get('dinas@kabupaten.demo')!;

  // Templates: a district template each, adopted (with lineage) and published by both schools.
  const versions = { A: new Map<string, PathwayVersionRow>(), B: new Map<string, PathwayVersionRow>() };
  const districtScope = { districtId: district.id, schoolId: null };
  for (const doc of docs) {
    const template = must(await db.pathways.create(districtScope, { key: doc.key, title: doc.title.id, description: doc.description?.id ?? null, tags: doc.tags ?? [], draft: doc, updatedBy: dinas.id, now: t0 }), doc.key);
    must(await db.pathways.publish(districtScope, { id: template.id, publishedBy: dinas.id, now: t0 }), doc.key);
    for (const school of ['A', 'B'] as const) {
      const scope = { districtId: district.id, schoolId: schoolOf[school] };
      const kepsek = staff(school).kepsek;
      const own = must(await db.pathways.adoptTemplate(scope, { templateId: template.id, updatedBy: kepsek.id, now: t0 }), doc.key);
      versions[school].set(doc.key, must(await db.pathways.publish(scope, { id: own.id, publishedBy: kepsek.id, now: t0 }), doc.key));
    }
    // The kabupaten keeps its own library for its SD/SMP; the SMP adopts from it.
    const kabScope = { districtId: kabupaten.id, schoolId: null };
    const kabDinas = users.get('dinas@tanjabtim.demo')!;
    const kabTemplate = must(await db.pathways.create(kabScope, { key: doc.key, title: doc.title.id, description: doc.description?.id ?? null, tags: doc.tags ?? [], draft: doc, updatedBy: kabDinas.id, now: t0 }), doc.key);
    must(await db.pathways.publish(kabScope, { id: kabTemplate.id, publishedBy: kabDinas.id, now: t0 }), doc.key);
    const smpScope = { districtId: kabupaten.id, schoolId: smp.id };
    const smpKepsek = users.get('kepsek@smp.demo')!;
    const smpOwn = must(await db.pathways.adoptTemplate(smpScope, { templateId: kabTemplate.id, updatedBy: smpKepsek.id, now: t0 }), doc.key);
    must(await db.pathways.publish(smpScope, { id: smpOwn.id, publishedBy: smpKepsek.id, now: t0 }), doc.key);
  }

  // Orang tua asuh, donors and the fund ledger (issue 15): before the cases that spend them.
  const fundIds = { A: await seedFunds(db, 'A', schoolA.id, staff('A').kepsek, now), B: await seedFunds(db, 'B', schoolB.id, staff('B').kepsek, now) };
  // Referral partners and peer counsellors (issue 15): their keys join the fund keys, so plans and cohorts name them the same way.
  fundIds.A = { ...fundIds.A, ...(await seedRegisters(db, 'A', schoolA.id, staff('A'), now)) };
  fundIds.B = { ...fundIds.B, ...(await seedRegisters(db, 'B', schoolB.id, staff('B'), now)) };

  // Historic cohorts first (their own dates), into Sekolah A.
  const cases = new CaseService(db);
  const cohorts: SeedSummary['cohorts'] = [];
  const warnings: string[] = [];
  for (const cohort of readCohorts(path.join(options.workflowsDir, 'cohorts'))) {
    const version = versions.A.get(cohort.pathway);
    if (!version) continue;
    const a = staff('A');
    const loaded = await loadCohort(db, cases, { cohort, schoolId: schoolA.id, version, users: { guru_bk: a.bk, kepsek: a.kepsek, wali_kelas: a.wali, tim: a.tim }, fundIds: fundIds.A, afterwards: COHORT_AFTERWARDS });
    cohorts.push({ key: cohort.key, cases: loaded.caseIds.length });
    warnings.push(...loaded.warnings);
  }

  const random = prng(2023);
  // About 120 students across the grades (issue 14): 90 in Sekolah A, 20 in Sekolah B, 12 in the SMP.
  const students = { A: await addStudents(db, schoolA.id, 90, CLASSES_A, 0, t0), B: await addStudents(db, schoolB.id, 20, CLASSES_B, 100, t0) };
  const smpStudents = await addStudents(db, smp.id, 12, CLASSES_SMP, 200, t0);
  let caseCount = 0;
  let flags = 0;
  for (const school of ['A', 'B'] as const) {
    const plans = school === 'A' ? CASE_PLANS_A : CASE_PLANS_B;
    const version = versions[school].get('srps-standar');
    if (version) {
      for (const [i, plan] of plans.entries()) {
        const student = students[school][i % students[school].length]!;
        await runPlan(db, cases, version, schoolOf[school], student, plan, staff(school), openedAtFor(plan.steps, i, now), warnings, fundIds[school]);
        if (school === 'A' && plan.steps.some(([type]) => type === 'CARI_ORANG_TUA_ASUH')) await pledgeDemoStudent(db, schoolOf.A, student, staff('A').kepsek, now);
        caseCount++;
      }
    }
    await addRosterFacts(db, schoolOf[school], students[school], t0, random);
    await addDemoIndicators(db, schoolOf[school], students[school], now, random);
    // The early-warning list has flagged students, with their reasons, from the first start.
    flags += await flagDemoStudents(db, schoolOf[school], students[school], now);
  }
  // A group session with three members, and the referral demo case sent to a partner (issue 15).
  warnings.push(...(await seedRegisterActivity(db, cases, schoolA.id, fundIds.A, staff('A'), students.A[REFERRAL_PLAN_INDEX % students.A.length], now)));

  return {
    seeded: true,
    districtId: district.id,
    schools: { A: schoolA.id, B: schoolB.id },
    templates: docs.map((d) => d.key),
    skipped,
    nodes: { provinsi: provinsi.id, cabangDinas: district.id, kabupaten: kabupaten.id },
    smp: smp.id,
    students: students.A.length + students.B.length + smpStudents.length + cohorts.reduce((n, c) => n + c.cases, 0),
    cases: caseCount,
    cohorts,
    flags,
    warnings,
  };
}

async function addStudents(db: JalurDb, schoolId: string, count: number, classes: string[], offset: number, now: Date): Promise<StudentRow[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    nisn: String(31_000_000 + offset + i).padStart(10, '0'),
    name: studentName(offset + i),
    className: classes[i % classes.length]!,
    gender: (i % 2 === 0 ? 'L' : 'P') as 'L' | 'P',
    birthDate: `${2007 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}`,
    guardianName: `Orang tua ${studentName(offset + i).split(' ')[1]}`,
    guardianPhone: `0812${String(7_000_000 + offset * 13 + i).padStart(8, '0')}`,
  }));
  await db.students.applyImport(schoolId, rows, { now, actorId: null });
  const mine = new Set(rows.map((r) => r.nisn));
  return (await db.students.list(schoolId)).filter((s) => mine.has(s.nisn)).sort((a, b) => a.nisn.localeCompare(b.nisn));
}

/** Opens a case and sends its plan's events through the case service, two days apart (a timer a week after). */
async function runPlan(
  db: JalurDb, cases: CaseService, version: PathwayVersionRow, schoolId: string, student: StudentRow, plan: CasePlan,
  staff: DemoStaff, openedAt: Date, warnings: string[], fundIds?: FundIds,
): Promise<void> {
  const bk = staff.bk;
  const opened = must(
    await cases.open({
      schoolId, student, pathwayVersion: version, assigneeId: bk.id, riskFactors: plan.factors, studentFacts: { className: student.className },
      actor: { id: bk.id, role: 'guru_bk' }, now: openedAt, indicatorsAtOpen: { attendanceRate: 0.82, gradeAverage: 64 },
    }),
    'open case',
  );
  let row = opened.case;
  const p = opened.version.compiled;
  let at = openedAt;
  for (const [type, overrides] of plan.steps) {
    const isTimer = type.startsWith('xstate.after.');
    at = new Date(at.getTime() + (isTimer ? 7 : 2) * DAY);
    const driven = isTimer
      ? await fireTimer(cases, db, row, type, at)
      : isCaseworkStep(type)
        ? await caseworkStep(cases, row, type, overrides ?? {}, bk, at)
        : await sendPlanStep(cases, db, p, row, type, overrides, staff, at, fundIds);
    if (!driven.ok) {
      // A template changed under the plan: keep the case where it got to, and say so.
      warnings.push(`${student.name}: ${type}: ${driven.error.code} ${driven.error.message}`);
      return;
    }
    row = driven.row;
  }
}
