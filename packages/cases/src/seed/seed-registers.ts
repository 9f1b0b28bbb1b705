/**
 * The demo's Satgas registers (issue 15): referral partners (a Puskesmas, a
 * psikolog, UPTD PPA, a PKBM), trained peer counsellors — OSIS students of
 * Sekolah A — with a supervision session, and after the demo cases one group
 * counselling session with three members. As with the funds, each entry has
 * a key that cohort files and case plans use in place of its id
 * (`peerCounselor: "konselor-sebaya-nadia"`); `withFundIds` puts the id in
 * its place before the event is sent (the keys join the fund keys).
 */
import type { CaseRow, JalurDb, StudentRow, User } from '@jalur/db';
import type { CaseService } from '../service.ts';
import { sendAs } from './drive.ts';

const DAY = 86_400_000;

interface DemoPartner {
  key: string;
  name: string;
  kind: 'puskesmas' | 'psikolog' | 'uptd_ppa' | 'dinas_sosial' | 'polisi' | 'pkbm' | 'lainnya';
  address: string;
  contactPerson: string;
  phone: string;
  services: string;
}

const PARTNERS: Record<'A' | 'B', DemoPartner[]> = {
  A: [
    { key: 'mitra-puskesmas', name: 'Puskesmas Muara Sabak Timur', kind: 'puskesmas', address: 'Jl. Pelabuhan No. 12, Muara Sabak Timur, Tanjung Jabung Timur', contactPerson: 'dr. Sri Wahyuni', phone: '0812 7401 2231', services: 'Pemeriksaan kesehatan, konseling remaja (PKPR), kesehatan jiwa dasar' },
    { key: 'mitra-psikolog', name: 'Biro Psikologi Harapan Jambi', kind: 'psikolog', address: 'Jl. Kapten Pattimura No. 45, Kota Jambi', contactPerson: 'Ratna Paramitha, M.Psi., Psikolog', phone: '0813 6633 1188', services: 'Asesmen psikologis, konseling trauma, terapi keluarga' },
    { key: 'mitra-uptd-ppa', name: 'UPTD PPA Kabupaten Tanjung Jabung Timur', kind: 'uptd_ppa', address: 'Jl. Siliwangi, Muara Sabak Barat', contactPerson: 'Ibu Yusniar', phone: '0852 6677 0912', services: 'Pendampingan korban kekerasan, perlindungan anak, rujukan hukum' },
    { key: 'mitra-pkbm', name: 'PKBM Cahaya Ilmu', kind: 'pkbm', address: 'Desa Kampung Laut, Kuala Jambi', contactPerson: 'Bapak Rahmat', phone: '0821 7788 4410', services: 'Kejar Paket C, kelas sore bagi siswa yang bekerja' },
  ],
  B: [
    { key: 'mitra-puskesmas', name: 'Puskesmas Nipah Panjang', kind: 'puskesmas', address: 'Jl. Lintas Timur, Nipah Panjang', contactPerson: 'Bidan Lestari', phone: '0812 7000 3321', services: 'Pemeriksaan kesehatan, konseling remaja' },
  ],
};

/** Trained OSIS students of Sekolah A (their own student rows: they are not at risk). */
const COUNSELLORS_A = [
  { key: 'konselor-sebaya-nadia', nisn: '3109900001', name: 'Nadia Putri Lestari', className: 'XI-1', gender: 'P' as const, trainedOn: '2023-07-15', training: 'Pelatihan Konselor Sebaya PIK-R', organiser: 'Puskesmas Muara Sabak Timur' },
  { key: 'konselor-sebaya-rafi', nisn: '3109900002', name: 'Rafi Akbar Maulana', className: 'XI-2', gender: 'L' as const, trainedOn: '2023-07-15', training: 'Pelatihan Konselor Sebaya PIK-R', organiser: 'Puskesmas Muara Sabak Timur' },
  { key: 'konselor-sebaya-salsa', nisn: '3109900003', name: 'Salsabila Rahmawati', className: 'XII-1', gender: 'P' as const, trainedOn: null, training: null, organiser: null },
];

/** Keys → ids of the school's register entries (partners; peer counsellors in Sekolah A), made before any case names them. */
export async function seedRegisters(db: JalurDb, school: 'A' | 'B', schoolId: string, staff: { kepsek: User; bk: User }, now: Date): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const at = new Date(Date.UTC(2023, 6, 10, 2));
  for (const p of PARTNERS[school]) {
    const r = await db.registers.addPartner(schoolId, { name: p.name, kind: p.kind, address: p.address, contactPerson: p.contactPerson, phone: normalise(p.phone), services: p.services }, { actorId: staff.kepsek.id, now: at });
    if (r.ok) ids[p.key] = r.value.id;
  }
  if (school !== 'A') return ids;
  for (const c of COUNSELLORS_A) {
    const s = await db.students.create(schoolId, { nisn: c.nisn, name: c.name, className: c.className, gender: c.gender }, { now: at, actorId: null });
    if (!s.ok) continue;
    const r = await db.registers.addCounsellor(
      schoolId,
      { studentId: s.value.id, trainedOn: c.trainedOn, trainingName: c.training, trainingOrganiser: c.organiser, supervisorId: staff.bk.id },
      { actorId: staff.bk.id, now: at },
    );
    if (r.ok) ids[c.key] = r.value.id;
  }
  const trained = COUNSELLORS_A.filter((c) => c.trainedOn && ids[c.key]).map((c) => ids[c.key]!);
  if (trained.length > 0) {
    await db.registers.addSupervision(
      schoolId,
      { heldOn: isoDate(new Date(now.getTime() - 14 * DAY)), supervisorId: staff.bk.id, counsellorIds: trained, confidentiality: 'terbatas', notes: 'Latihan mendengarkan aktif dan batas kerahasiaan; kasus berat langsung diserahkan ke guru BK. Jadwal pendampingan pekan depan disepakati.' },
      { actorId: staff.bk.id, now: new Date(now.getTime() - 14 * DAY) },
    );
  }
  return ids;
}

/**
 * After the demo cases: one group counselling session (three open cases of
 * Sekolah A in the motivation group step, or any open ones), and the referral
 * demo — the case that reached the review step goes to the Puskesmas with
 * the parents' consent and the kepsek's approval, picking the partner, and
 * its closed-loop referral came back with the outcome report.
 */
export async function seedRegisterActivity(
  db: JalurDb, cases: CaseService, schoolId: string, ids: Record<string, string>, staff: { kepsek: User; bk: User }, referred: StudentRow | undefined, now: Date,
): Promise<string[]> {
  const warnings: string[] = [];
  const open = await db.cases.list(schoolId, { status: 'active', limit: 1000 });
  const inGroup = open.filter((c) => c.stateValue.includes('konseling_kelompok'));
  const members = [...inGroup, ...open.filter((c) => !inGroup.includes(c))].slice(0, 3);
  if (members.length === 3) {
    const held = new Date(now.getTime() - 5 * DAY);
    const g = await db.registers.addGroupSession(
      schoolId,
      { heldOn: isoDate(held), topic: 'Motivasi belajar dan cita-cita setelah lulus', summary: 'Setiap anggota menuliskan satu cita-cita dan satu langkah kecil pekan ini; dua anggota sepakat belajar bersama sepulang sekolah.', confidentiality: 'terbatas', caseIds: members.map((m) => m.id) },
      { actorId: staff.bk.id, now: held },
    );
    if (!g.ok) warnings.push(`group session: ${g.error.code} ${g.error.message}`);
  }
  if (!referred || !ids['mitra-puskesmas']) return warnings;
  let row: CaseRow | undefined = open.find((c) => c.studentId === referred.id && c.stateValue === 'keputusan');
  if (!row) return warnings;
  // Between the case's last step and today, so nothing is dated in the future.
  const from = row.updatedAt.getTime();
  const step = Math.max(60_000, (now.getTime() - from) / 6);
  const at = (n: number) => new Date(from + n * step);
  const consent = await cases.recordConsent({
    schoolId, caseId: row.id, consent: { purpose: 'referral', givenBy: referred.guardianName ?? 'Orang tua/wali', relationship: 'orang tua', method: 'written', granted: true, givenAt: at(1), recordedBy: staff.bk.id },
    actor: { id: staff.bk.id, role: 'guru_bk' }, now: at(1),
  });
  if (!consent.ok) return [...warnings, `referral demo consent: ${consent.error.code}`];
  row = consent.value.case;
  const reason = 'Keluhan kesehatan berulang yang mengganggu kehadiran.';
  const steps: [string, Record<string, unknown>][] = [
    ['RUJUK', { riskChange: 'memburuk', evaluationSummary: 'Keluhan sakit kepala dan sulit tidur berulang; perlu pemeriksaan dan konseling di Puskesmas.' }],
    ['RUJUKAN_DITERIMA', { referralTarget: 'dokter_puskesmas', partner: ids['mitra-puskesmas'], reason, letterDate: isoDate(at(2)) }],
  ];
  for (const [i, [type, data]] of steps.entries()) {
    const driven = await sendAs(cases, db, row, { type, data }, staff.bk, staff.kepsek, at(2 + i));
    if (!driven.ok) return [...warnings, `referral demo ${type}: ${driven.error.code} ${driven.error.message}`];
    row = driven.row;
  }
  const sent = await db.referrals.create(schoolId, { caseId: row.id, target: 'puskesmas', targetName: 'Puskesmas Muara Sabak Timur', partnerId: ids['mitra-puskesmas'], reason, sentBy: staff.bk.id, now: at(3) });
  if (sent.ok) {
    await db.referrals.transition(schoolId, sent.value.id, { to: 'accepted', actorId: staff.bk.id, now: at(4) });
    await db.referrals.transition(schoolId, sent.value.id, { to: 'completed', outcomeReport: 'Diperiksa dokter dan mengikuti 3 sesi konseling PKPR; kondisi membaik, kembali rutin ke sekolah.', actorId: staff.bk.id, now: at(5) });
  }
  return warnings;
}

/** `0812 7401 2231` → `6281274012231` (the demo's numbers are all valid mobiles). */
function normalise(phone: string): string {
  return `62${phone.replace(/\D/g, '').slice(1)}`;
}
function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
