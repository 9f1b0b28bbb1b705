/**
 * From a case's records to the inputs of `@jalur/documents`: nothing is
 * typed again, everything comes from what was recorded (student, steps and
 * their answers, case records, notes, family contacts, referrals, meetings),
 * filtered by the caller's confidentiality level with the shared rule
 * (`canSeeContent`, the step levels of `step-visibility.ts`), so a PDF never
 * shows more than the case page would.
 */
import { answerRows, canSeeContent, type RegisterNameLookup } from '@jalur/casework';
import type { CaseEventRow, CaseRecordRow, CaseRow, JalurDb, ParentMeetingRow, ReferralRow, StudentRow } from '@jalur/db';
import {
  partsOf, schoolCodeOf, tanggal, TEMPLATE_LABELS, type DocumentInput, type DocumentKind, type Fields, type Letterhead, type Person,
} from '@jalur/documents';
import type { CompiledPathway, FormField } from '@jalur/engine';
import { schoolClockOf } from '../casework/school-time.ts';
import type { ApiContext } from '../context.ts';
import { eventLevel, stepLevel } from '../cases/step-visibility.ts';
import type { Principal } from '../http/router.ts';
import { registerLookupOf, stepOfSubmission, submissionsOf } from '../reports/answers.ts';
import { caseBookGroupSessions } from '../registers/groups-routes.ts';
import { caseworkEntries, type CaseworkEntry } from './casework-entries.ts';

export const RISK_LABELS: Record<string, string> = {
  motivation: 'Motivasi belajar rendah', economic: 'Ekonomi', family: 'Keluarga', bullying: 'Perundungan', distance: 'Jarak dan transportasi', environment: 'Lingkungan', social_media: 'Media sosial', early_marriage: 'Pernikahan dini', work: 'Bekerja', health: 'Kesehatan', other: 'Lainnya',
};
const KIND_LABELS: Record<string, string> = {
  identify: 'Identifikasi', assessment: 'Asesmen', counseling_individual: 'Konseling individual', counseling_group: 'Konseling kelompok', home_visit: 'Kunjungan rumah',
  case_conference: 'Konferensi kasus', parent_meeting: 'Pertemuan orang tua', funding: 'Bantuan dana', foster_parent: 'Orang tua asuh', peer_support: 'Konselor sebaya',
  extracurricular: 'Ekstrakurikuler', referral: 'Rujukan', monitoring: 'Pemantauan', decision: 'Keputusan', closure: 'Penutupan kasus', custom: 'Layanan',
};
const REFERRAL_TARGET_LABELS: Record<string, string> = {
  psychologist: 'Psikolog', psychiatrist: 'Psikiater', doctor: 'Dokter', police: 'Kepolisian', social_services: 'Dinas sosial', puskesmas: 'Puskesmas', other: 'Lembaga mitra',
};
const REFERRAL_STATUS_LABELS: Record<string, string> = { sent: 'Dikirim', accepted: 'Diterima', rejected: 'Ditolak', completed: 'Selesai' };
const MEETING_STATUS_LABELS: Record<string, string> = { scheduled: 'Dijadwalkan', held: 'Terlaksana', cancelled: 'Dibatalkan' };
const CHANNEL_LABELS: Record<string, string> = { whatsapp: 'WhatsApp', sms: 'SMS', phone: 'Telepon', in_person: 'Tatap muka', home_visit: 'Kunjungan rumah', letter: 'Surat' };
export const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

/** Kinds of documents that are letters signed for the school: guru BK and kepsek only. */
export const LETTER_KINDS: readonly DocumentKind[] = ['surat_rujukan', 'surat_panggilan'];

/** A document that can be made now, and what about (a record, a step, a referral, a meeting). */
export interface DocumentSubject {
  id: string;
  label: string;
}

function formatValue(field: FormField | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (field?.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    try {
      return tanggal(value.length === 10 ? value : new Date(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(field, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  // Choices recorded as codes read as words on paper: risk factors by their names, `utuh_harmonis` as `utuh harmonis`.
  if (typeof value === 'string' && RISK_LABELS[value]) return RISK_LABELS[value];
  if (typeof value === 'string' && field?.type === 'choice' && /^[a-z0-9]+(_[a-z0-9]+)+$/.test(value)) return value.replace(/_/g, ' ');
  return String(value);
}

const RECORD_LABELS: Record<CaseRecordRow['kind'], string> = { home_visit: 'Kunjungan rumah', case_conference: 'Konferensi kasus', counseling_session: 'Sesi konseling' };

function recordFields(r: CaseRecordRow): Fields {
  const d = r.data as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.join(', ') : formatValue(undefined, v));
  switch (r.kind) {
    case 'home_visit':
      return [['Tanggal', formatValue({ type: 'date' } as FormField, d.date)], ['Petugas', list(d.visitors)], ['Ditemui', formatValue(undefined, d.metWith)], ['Tujuan', formatValue(undefined, d.plan)], ['Temuan', formatValue(undefined, d.findings)], ['Tindak lanjut', formatValue(undefined, d.followUp)]];
    case 'case_conference':
      return [['Tanggal', formatValue({ type: 'date' } as FormField, d.date)], ['Peserta', list(d.attendees)], ['Keputusan', formatValue(undefined, d.decisions)], ['Catatan', formatValue(undefined, d.notes)]];
    case 'counseling_session':
      return [
        ['Tanggal', formatValue({ type: 'date' } as FormField, d.date)], ['Bentuk', d.mode === 'group' ? 'Kelompok' : 'Individual'],
        ...(d.mode === 'group' ? ([['Anggota', list(d.members)]] as Fields) : []), ['Topik', formatValue(undefined, d.topic)], ['Ringkasan', formatValue(undefined, d.summary)],
      ];
  }
}

/** Everything a case's documents are made from, loaded once per request, filtered for the caller. */
export class CaseMaterial {
  private constructor(
    readonly row: CaseRow,
    readonly student: StudentRow,
    readonly compiled: CompiledPathway | null,
    readonly pathwayTitle: string,
    readonly events: CaseEventRow[],
    readonly records: CaseRecordRow[],
    readonly referrals: ReferralRow[],
    readonly meetings: ParentMeetingRow[],
    private readonly viewer: { id: string; role: Principal['role'] },
    /** Names of the register entries the visible answers point at (the same words as the case page). */
    private readonly registerName: RegisterNameLookup = () => null,
  ) {}

  static async load(ctx: ApiContext, p: Principal, schoolId: string, row: CaseRow, student: StudentRow): Promise<CaseMaterial> {
    const { db } = ctx;
    const viewer = { id: p.userId, role: p.role };
    const version = await db.pathways.getVersionById(row.pathwayVersionId);
    const compiled = version ? ctx.compiled.of(version).compiled : null;
    const doc = version?.document as { title?: { id?: string } } | undefined;
    const records = await db.caseRecords.list(schoolId, row.id, viewer);
    const events = await db.cases.events(schoolId, row.id);
    // Register entries (funds, partners, peer counsellors) read by name, as on the case page (`reports/answers.ts`).
    const registerName = compiled ? await registerLookupOf(db, schoolId, compiled, submissionsOf(compiled, events, viewer, row.assigneeId)) : () => null;
    return new CaseMaterial(
      row, student, compiled, doc?.title?.id ?? 'Alur penanganan', events, records.ok ? records.value : [],
      await db.referrals.list(schoolId, { caseId: row.id }), await db.paperwork.listMeetings(schoolId, row.id), viewer, registerName,
    );
  }

  private canSee(level: 'umum' | 'terbatas' | 'rahasia', authorId: string): boolean {
    return canSeeContent(level, this.viewer, authorId, this.row.assigneeId);
  }

  /** Step submissions: `{ seq, stateId, visible, rahasia }`. */
  submissions(): { event: CaseEventRow; stateId: string; visible: boolean; rahasia: boolean }[] {
    if (!this.compiled) return [];
    const out = [];
    for (const e of this.events) {
      const stateId = stepOfSubmission(this.compiled, e);
      if (!stateId) continue;
      const level = eventLevel(this.compiled, e.stateBefore);
      out.push({ event: e, stateId, visible: this.canSee(level, e.actorId ?? ''), rahasia: level === 'rahasia' });
    }
    return out;
  }

  /** The guru BK's case work (risk factors, skipped steps, added interventions) with reasons the reader may see. */
  casework(): CaseworkEntry[] {
    const level = (e: CaseEventRow) => (this.compiled ? eventLevel(this.compiled, e.stateBefore) : 'rahasia');
    return caseworkEntries(this.events, (s) => this.stepTitle(s), (f) => RISK_LABELS[f] ?? f, (e) => this.canSee(level(e), e.actorId ?? ''));
  }

  stepTitle(stateId: string): string {
    return this.compiled?.steps.get(stateId)?.title.id ?? stateId;
  }

  stepKind(stateId: string): string {
    return this.compiled?.steps.get(stateId)?.kind ?? 'custom';
  }

  /** What each kind of document can be made about, for this caller. */
  subjects(): Record<DocumentKind, DocumentSubject[] | null> {
    const letters = this.viewer.role === 'guru_bk' || this.viewer.role === 'kepsek';
    const recs = (kind: CaseRecordRow['kind']) => this.records.filter((r) => r.kind === kind);
    const subs = this.submissions();
    const stepSubject = (s: (typeof subs)[number]) => ({ id: `event-${s.event.seq}`, label: `${this.stepTitle(s.stateId)} — ${tanggal(s.event.at)}` });
    const recordSubject = (r: CaseRecordRow) => ({ id: r.id, label: `${RECORD_LABELS[r.kind]} — ${tanggal(r.occurredAt)}` });
    return {
      buku_kasus: null,
      laporan_layanan: [...recs('counseling_session').map(recordSubject), ...subs.map(stepSubject)],
      berita_acara_kunjungan: [...recs('home_visit').map(recordSubject), ...subs.filter((s) => this.stepKind(s.stateId) === 'home_visit').map(stepSubject)],
      notulen_konferensi: [...recs('case_conference').map(recordSubject), ...subs.filter((s) => this.stepKind(s.stateId) === 'case_conference').map(stepSubject)],
      surat_rujukan: letters ? this.referrals.map((r) => ({ id: r.id, label: `${r.targetName} — ${tanggal(r.sentAt)}` })) : [],
      surat_panggilan: letters ? this.meetings.filter((m) => m.status === 'scheduled').map((m) => ({ id: m.id, label: `${tanggal(m.scheduledAt)} — ${m.place}` })) : [],
    };
  }

  currentStep(): string {
    if (this.row.status === 'closed') return 'Kasus ditutup';
    return this.row.stateValue.split(',').filter(Boolean).map((s) => this.stepTitle(s)).join(', ') || '-';
  }

  stepLevelOf(stateId: string) {
    return this.compiled ? stepLevel(this.compiled, stateId) : 'rahasia';
  }

  /** A submitted step's answers as words (choices by label, register entries by name), as on the case page. */
  answers(stateId: string, data: Record<string, unknown>): Fields {
    if (!this.compiled) return [];
    return answerRows(this.compiled.steps.get(stateId)?.form ?? [], data, this.registerName).map((r) => [r.label.id, r.value.id]);
  }
}

/** Who signs: the case's guru BK (or the caller, when the case has none) and the school's kepsek, with their NIPs. */
export async function signersOf(db: JalurDb, schoolId: string, row: CaseRow, p: Principal): Promise<{ counselor: Person; principal: Person | null }> {
  const nips = new Map((await db.paperwork.listStaffProfiles(schoolId)).map((s) => [s.userId, s.nip]));
  const counselorUser = (row.assigneeId ? await db.users.get(row.assigneeId) : null) ?? (await db.users.get(p.userId));
  const kepsek = (await db.users.listBySchool(schoolId, { role: 'kepsek' })).find((u) => u.disabledAt === null) ?? null;
  return {
    counselor: { name: counselorUser?.name ?? p.name, nip: counselorUser ? (nips.get(counselorUser.id) ?? null) : null },
    principal: kepsek ? { name: kepsek.name, nip: nips.get(kepsek.id) ?? null } : null,
  };
}

/** The school's letterhead and where its letters are signed. */
export async function letterheadOf(db: JalurDb, schoolId: string): Promise<{ letterhead: Letterhead; place: string; code: string }> {
  const school = await db.schools.get(schoolId);
  const profile = await db.paperwork.getSchoolProfile(schoolId);
  const name = school?.name ?? 'Sekolah';
  const logo = profile?.logo && (profile.logoMime === 'image/png' || profile.logoMime === 'image/jpeg') ? { data: new Uint8Array(Buffer.from(profile.logo, 'base64')), mime: profile.logoMime as 'image/png' | 'image/jpeg' } : null;
  return {
    letterhead: {
      schoolName: name,
      authority: (profile?.authority ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
      address: profile?.address ?? null, phone: profile?.phone ?? null, email: profile?.email ?? null, website: profile?.website ?? null, npsn: school?.npsn ?? null, logo,
    },
    place: profile?.city?.trim() || name,
    code: profile?.letterCode?.trim() || schoolCodeOf(name),
  };
}

export class SubjectNotFound extends Error {}

/**
 * The input of one document about `subjectId` (for the kinds that need one).
 * `usedRahasia` tells whether `rahasia` content went into it.
 */
export async function documentInput(
  ctx: ApiContext, p: Principal, schoolId: string, m: CaseMaterial, kind: DocumentKind, subjectId: string | null, common: { letterhead: Letterhead; place: string; number: string; issuedOn: Date },
): Promise<{ input: DocumentInput; usedRahasia: boolean; recipient: string | null }> {
  const { db } = ctx;
  const s = m.student;
  const signers = await signersOf(db, schoolId, m.row, p);
  const base = {
    ...common, timeZone: (await schoolClockOf(db, schoolId, common.issuedOn)).iana, student: { name: s.name, nisn: s.nisn, className: s.className, gender: s.gender, birthDate: s.birthDate, guardianName: s.guardianName, guardianPhone: null },
    counselor: signers.counselor, principal: signers.principal,
  };
  const names = new Map<string, string>();
  const nameOf = async (id: string | null) => {
    if (!id) return 'Sistem';
    if (!names.has(id)) {
      const u = await db.users.get(id);
      names.set(id, u && u.schoolId === schoolId ? u.name : 'Staf');
    }
    return names.get(id)!;
  };
  const withRahasia = (used: boolean) => used;
  const eventSubject = (id: string | null) => {
    const seq = id?.startsWith('event-') ? Number(id.slice(6)) : NaN;
    return m.submissions().find((x) => x.event.seq === seq) ?? null;
  };
  const record = (kindOf: CaseRecordRow['kind']) => (subjectId ? m.records.find((r) => r.id === subjectId && r.kind === kindOf) ?? null : null);

  switch (kind) {
    case 'buku_kasus': {
      let used = false;
      const steps = [];
      for (const x of m.submissions()) {
        if (x.visible && x.rahasia) used = true;
        steps.push({ title: m.stepTitle(x.stateId), at: x.event.at, actor: await nameOf(x.event.actorId), answers: x.visible ? m.answers(x.stateId, x.event.data ?? {}) : null });
      }
      // Case work with its reasons (issue 14), in the order it happened among the steps.
      for (const x of m.casework()) steps.push({ title: x.title, at: x.event.at, actor: await nameOf(x.event.actorId), answers: x.answers });
      steps.sort((a, b) => a.at.getTime() - b.at.getTime());
      const notes = await db.notes.list(schoolId, m.row.id, { id: p.userId, role: p.role }, ctx.clock.now());
      const visibleNotes = notes.ok ? notes.value : [];
      if (visibleNotes.some((n) => n.confidentiality === 'rahasia')) used = true;
      if (m.records.some((r) => r.confidentiality === 'rahasia')) used = true;
      const groups = await caseBookGroupSessions(ctx, p, schoolId, m.row);
      if (groups.rahasia) used = true;
      const contacts = await db.paperwork.listContacts(schoolId, m.row.id, { id: p.userId, role: p.role }, m.row.assigneeId, ctx.clock.now());
      if (contacts.some((c) => c.confidentiality === 'rahasia')) used = true;
      const seesReferralDetail = p.role === 'guru_bk' || p.role === 'kepsek';
      const input: DocumentInput = {
        ...base, kind, confidential: used,
        case: {
          pathwayTitle: m.pathwayTitle, openedAt: m.row.openedAt, status: m.row.status === 'active' ? 'Berjalan' : 'Ditutup', currentStep: m.currentStep(),
          riskFactors: m.row.riskFactors.map((f) => RISK_LABELS[f] ?? f), outcome: m.row.outcome, closedAt: m.row.closedAt,
        },
        steps,
        // Group counselling sessions (recorded once for every member, apps/api/src/registers/groups-routes.ts) among the records, by date.
        records: [...(await Promise.all(m.records.map(async (r) => ({ kind: RECORD_LABELS[r.kind], at: r.occurredAt, by: await nameOf(r.recordedBy), fields: recordFields(r) })))), ...groups.items].sort((a, b) => a.at.getTime() - b.at.getTime()),
        notes: [
          ...(await Promise.all(visibleNotes.map(async (n) => ({ at: n.createdAt, by: await nameOf(n.authorId), body: n.body })))),
          // Notes the reader may not see are counted, never shown.
          ...Array.from({ length: await hiddenNoteCount(db, schoolId, m.row.id, visibleNotes.length) }, () => ({ at: m.row.openedAt, by: '', body: null })),
        ],
        contacts: await Promise.all(contacts.map(async (c) => ({ at: c.contactedAt, by: await nameOf(c.contactedBy), guardian: c.guardianName, channel: channelLabel(c.channel), outcome: c.outcome ?? (c.template ? `Pesan terkirim: ${TEMPLATE_LABELS[c.template].id}` : '-') }))),
        meetings: m.meetings.map((x) => ({ at: x.scheduledAt, place: x.place, purpose: x.purpose, status: MEETING_STATUS_LABELS[x.status] ?? x.status })),
        referrals: m.referrals.map((r) => ({ at: r.sentAt, to: seesReferralDetail ? r.targetName : REFERRAL_TARGET_LABELS[r.target] ?? r.target, status: REFERRAL_STATUS_LABELS[r.status] ?? r.status, reason: seesReferralDetail ? r.reason : null })),
      };
      return { input, usedRahasia: withRahasia(used), recipient: null };
    }
    case 'laporan_layanan': {
      const r = record('counseling_session');
      if (r) {
        const d = r.data as Record<string, unknown>;
        const input: DocumentInput = {
          ...base, kind, confidential: r.confidentiality === 'rahasia',
          service: { name: d.mode === 'group' ? 'Konseling kelompok' : 'Konseling individual', at: typeof d.date === 'string' ? (d.date.length === 10 ? d.date : new Date(d.date)) : r.occurredAt, by: await nameOf(r.recordedBy), topic: formatValue(undefined, d.topic), fields: recordFields(r).filter(([l]) => l !== 'Topik' && l !== 'Tanggal') },
        };
        return { input, usedRahasia: r.confidentiality === 'rahasia', recipient: null };
      }
      const x = eventSubject(subjectId);
      if (!x) throw new SubjectNotFound();
      const input: DocumentInput = {
        ...base, kind, confidential: x.visible && x.rahasia,
        service: { name: KIND_LABELS[m.stepKind(x.stateId)] ?? 'Layanan', at: x.event.at, by: await nameOf(x.event.actorId), topic: m.stepTitle(x.stateId), fields: x.visible ? m.answers(x.stateId, x.event.data ?? {}) : null },
      };
      return { input, usedRahasia: x.visible && x.rahasia, recipient: null };
    }
    case 'berita_acara_kunjungan': {
      const r = record('home_visit');
      if (r) {
        const d = r.data as { date: string; visitors?: string[]; metWith?: string; plan?: string; findings?: string; followUp?: string };
        const input: DocumentInput = {
          ...base, kind, confidential: r.confidentiality === 'rahasia',
          visit: { date: d.date.slice(0, 10), visitors: d.visitors ?? [], metWith: d.metWith ?? null, plan: d.plan ?? '', findings: d.findings ?? '', followUp: d.followUp ?? '' },
        };
        return { input, usedRahasia: r.confidentiality === 'rahasia', recipient: d.metWith ?? null };
      }
      const x = eventSubject(subjectId);
      if (!x || m.stepKind(x.stateId) !== 'home_visit') throw new SubjectNotFound();
      const answers = x.visible ? m.answers(x.stateId, x.event.data ?? {}).map(([l, v]) => `${l}: ${v}`).join('\n') : null;
      const input: DocumentInput = {
        ...base, kind, confidential: x.visible && x.rahasia,
        visit: { date: dateOnly(x.event.at), visitors: [await nameOf(x.event.actorId)], metWith: null, plan: m.stepTitle(x.stateId), findings: answers, followUp: '' },
      };
      return { input, usedRahasia: x.visible && x.rahasia, recipient: null };
    }
    case 'notulen_konferensi': {
      const r = record('case_conference');
      if (r) {
        const d = r.data as { date: string; attendees?: string[]; decisions?: string; notes?: string };
        const input: DocumentInput = { ...base, kind, confidential: r.confidentiality === 'rahasia', conference: { date: d.date.slice(0, 10), attendees: d.attendees ?? [], decisions: d.decisions ?? '', notes: d.notes ?? '' } };
        return { input, usedRahasia: r.confidentiality === 'rahasia', recipient: null };
      }
      const x = eventSubject(subjectId);
      if (!x || m.stepKind(x.stateId) !== 'case_conference') throw new SubjectNotFound();
      const answers = x.visible ? m.answers(x.stateId, x.event.data ?? {}).map(([l, v]) => `${l}: ${v}`).join('\n') : null;
      const input: DocumentInput = { ...base, kind, confidential: x.visible && x.rahasia, conference: { date: dateOnly(x.event.at), attendees: [await nameOf(x.event.actorId)], decisions: answers, notes: '' } };
      return { input, usedRahasia: x.visible && x.rahasia, recipient: null };
    }
    case 'surat_rujukan': {
      const r = m.referrals.find((x) => x.id === subjectId);
      if (!r) throw new SubjectNotFound();
      const consents = (await db.consents.list(schoolId, m.row.id)).filter((c) => c.purpose === 'referral' && c.revokedAt === null);
      const latest = consents.sort((a, b) => b.givenAt.getTime() - a.givenAt.getTime())[0];
      const consent = latest ? `${latest.granted ? 'Diberikan' : 'Ditolak'} oleh ${latest.givenBy}${latest.relationship ? ` (${latest.relationship})` : ''}, ${tanggal(latest.givenAt)}` : 'Belum tercatat';
      // A partner of the school's register: its current name and address head the letter.
      const partner = r.partnerId ? await db.registers.getPartner(schoolId, r.partnerId) : null;
      const input: DocumentInput = {
        ...base, kind, confidential: false,
        referral: { targetLabel: REFERRAL_TARGET_LABELS[r.target] ?? 'Lembaga mitra', targetName: partner?.name ?? r.targetName, targetAddress: partner?.address ?? null, reason: r.reason, sentAt: r.sentAt, consent },
      };
      return { input, usedRahasia: false, recipient: r.targetName };
    }
    case 'surat_panggilan': {
      const meeting = m.meetings.find((x) => x.id === subjectId);
      if (!meeting) throw new SubjectNotFound();
      const input: DocumentInput = { ...base, kind, confidential: false, meeting: { guardianName: meeting.guardianName, at: meeting.scheduledAt, place: meeting.place, purpose: meeting.purpose } };
      return { input, usedRahasia: false, recipient: meeting.guardianName };
    }
  }
}

function dateOnly(d: Date): string {
  const p = partsOf(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** How many notes of the case the reader may not see (counted through the kepsek-free total, never their content). */
async function hiddenNoteCount(db: JalurDb, schoolId: string, caseId: string, visible: number): Promise<number> {
  const h = db.reportHandle;
  if (h.dialect === 'sqlite') {
    const row = h.sqlite.prepare('SELECT count(*) AS n FROM notes WHERE school_id = ? AND case_id = ?').get(schoolId, caseId) as { n: number };
    return Math.max(0, row.n - visible);
  }
  const rows = await h.client<{ n: string }[]>`SELECT count(*) AS n FROM notes WHERE school_id = ${schoolId} AND case_id = ${caseId}`;
  return Math.max(0, Number(rows[0]?.n ?? 0) - visible);
}
