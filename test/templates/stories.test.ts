/**
 * One realistic story per template, walked through `startCase` /
 * `advanceCase` with actors of the right roles, timers fired when due, and
 * the refusals a school would meet: a wrong role, an unmet guard, a form
 * left incomplete.
 */
import { describe, expect, it } from 'vitest';
import { availableEvents, type Effect, type Role } from '@jalur/engine';
import { begin, fireTimersUntil, loadPathway, must, send, statesOf, type CaseRun } from './harness.ts';

const day = (d: string, hm = '09:00') => new Date(`${d}T${hm}:00+07:00`);

function refused(run: CaseRun, type: string, role: Role, data?: Record<string, unknown>, at = day('2023-10-02')) {
  const r = send(run, type, { at, role, ...(data ? { data } : {}) });
  expect(r.ok, `${type} by ${role} should be refused`).toBe(false);
  return r.ok ? undefined : r.error;
}

function opened(effects: Effect[], stateId: string) {
  return effects.find((e): e is Extract<Effect, { type: 'task.open' }> => e.type === 'task.open' && e.stateId === stateId);
}

describe('srps-standar: a bullying victim, escalated to a psychologist', () => {
  const p = loadPathway('srps-standar');
  const upToReview = (consent: Record<string, boolean>) => {
    let run = begin(p, { caseId: 'srps-b', riskFactors: ['bullying'], consent }, day('2023-10-02', '07:30'));
    run = must(run, 'SELESAI_IDENTIFIKASI', { at: day('2023-10-02', '10:00'), role: 'wali_kelas', data: { attendanceRate: 0.7, gradeAverage: 72, economicCondition: 'mampu', familySituation: 'utuh_harmonis', motivationLevel: 'sedang', bullyingIndication: true } });
    run = must(run, 'TETAPKAN_FAKTOR', { at: day('2023-10-03'), role: 'guru_bk', data: { mainFactor: 'bullying', riskLevel: 'tinggi', assessmentSummary: 'Diancam dan dipukul kakak kelas sepulang sekolah.' } });
    expect(statesOf(run)).toEqual(['intervensi_perundungan.konseling_individual']);
    return run;
  };

  it('is refused to the homeroom teacher at the counselor’s step, and to anyone without the required form', () => {
    const run = upToReview({});
    expect(refused(run, 'SESI_SELESAI', 'wali_kelas')?.code).toBe('role_not_allowed');
    const incomplete = refused(run, 'SESI_SELESAI', 'guru_bk', { sessionCount: 1 });
    expect(incomplete?.code).toBe('form_invalid');
    expect(availableEvents(p, run.snapshot, { role: 'wali_kelas' }).map((a) => a.type)).toEqual([]);
    expect(availableEvents(p, run.snapshot, { role: 'guru_bk' }).map((a) => a.type)).toEqual(['SESI_SELESAI']);
  });

  it('needs a confidentiality agreement before a peer counselor starts, and the parents’ consent before referral', () => {
    let run = upToReview({});
    run = must(run, 'SESI_SELESAI', { at: day('2023-10-03', '13:00'), role: 'guru_bk', data: { sessionDate: '2023-10-03', safetyConcern: true } });
    run = must(run, 'KESEPAKATAN_DICAPAI', { at: day('2023-10-05'), role: 'kepsek', data: { conferenceDate: '2023-10-05', agreements: 'Pelaku dibina; korban didampingi.' } });
    expect(refused(run, 'PENDAMPINGAN_SEBAYA_BERJALAN', 'guru_bk', { peerCounselor: 'konselor-sebaya-1', confidentialityAgreed: false })?.code).toBe('guard_failed');
    run = must(run, 'PENDAMPINGAN_SEBAYA_BERJALAN', { at: day('2023-10-06'), role: 'guru_bk', data: { peerCounselor: 'konselor-sebaya-1', confidentialityAgreed: true } });
    expect(statesOf(run)).toEqual(['pemantauan.menunggu_pekan']);
    run = fireTimersUntil(run, day('2023-10-13', '10:00'));
    expect(statesOf(run)).toEqual(['pemantauan.cek_mingguan']);
    run = must(run, 'EVALUASI_SEKARANG', { at: day('2023-10-13', '11:00'), role: 'guru_bk' });
    expect(statesOf(run)).toEqual(['keputusan']);
    expect(run.timers).toEqual([]);
    const review = { riskChange: 'memburuk', evaluationSummary: 'Muncul gejala trauma; perlu psikolog.' };
    expect(refused(run, 'RUJUK', 'guru_bk', review)?.code).toBe('guard_failed');
  });

  it('refers with consent; the kepsek approves the referral step and the case closes as referred', () => {
    let run = upToReview({ referral: true });
    run = must(run, 'SESI_SELESAI', { at: day('2023-10-03', '13:00'), role: 'guru_bk', data: { sessionDate: '2023-10-03' } });
    run = must(run, 'KESEPAKATAN_DICAPAI', { at: day('2023-10-05'), role: 'guru_bk', data: { conferenceDate: '2023-10-05', agreements: 'Rujuk bila tidak membaik.' } });
    run = must(run, 'PENDAMPINGAN_SEBAYA_BERJALAN', { at: day('2023-10-06'), role: 'guru_bk', data: { peerCounselor: 'konselor-sebaya-1', confidentialityAgreed: true } });
    run = must(run, 'EVALUASI_SEKARANG', { at: day('2023-10-09'), role: 'guru_bk' });
    expect(refused(run, 'RUJUK', 'wali_kelas', { riskChange: 'memburuk', evaluationSummary: 'x' })?.code).toBe('role_not_allowed');
    run = must(run, 'RUJUK', { at: day('2023-10-09', '10:00'), role: 'guru_bk', data: { riskChange: 'memburuk', evaluationSummary: 'Gejala trauma.' } });
    const task = opened(run.effects, 'rujukan');
    expect(task).toMatchObject({ requiresApproval: true, roles: ['guru_bk', 'kepsek'], kind: 'referral' });
    expect(task?.schoolDays).toBe(true);
    expect(Date.parse(task?.dueAt ?? '')).toBeGreaterThanOrEqual(day('2023-10-09', '10:00').getTime() + 7 * 86_400_000);
    run = must(run, 'RUJUKAN_DITERIMA', { at: day('2023-10-12'), role: 'kepsek', data: { referralTarget: 'psikolog', partner: 'mitra-puskesmas', reason: 'Gejala trauma setelah kekerasan.' } });
    expect(run.status).toBe('done');
    expect(statesOf(run)).toEqual(['selesai_dirujuk']);
    expect(run.effects).toContainEqual({ type: 'case.closed', finalState: 'selesai_dirujuk' });
    expect(refused(run, 'LANJUTKAN', 'guru_bk')?.code).toBe('case_done');
  });

  it('changes approach: a motivation case reassessed as economic runs help and counseling in parallel', () => {
    let run = begin(p, { caseId: 'srps-m' }, day('2023-08-08'));
    run = must(run, 'SELESAI_IDENTIFIKASI', { at: day('2023-08-09'), role: 'guru_bk', data: { attendanceRate: 0.66, gradeAverage: 60, economicCondition: 'kurang_mampu', familySituation: 'utuh_harmonis', motivationLevel: 'rendah' } });
    run = must(run, 'TETAPKAN_FAKTOR', { at: day('2023-08-11'), role: 'guru_bk', data: { mainFactor: 'motivation', riskLevel: 'sedang', assessmentSummary: 'Motivasi rendah.' } });
    expect(refused(run, 'EVALUASI_SEKARANG', 'guru_bk', undefined, day('2023-08-14'))?.code).toBe('event_not_accepted');
    for (const [type, role, data] of [
      ['SESI_SELESAI', 'guru_bk', { sessionDate: '2023-08-14' }],
      ['SESI_KELOMPOK_SELESAI', 'guru_bk', { sessionDate: '2023-08-15' }],
      ['SISWA_TERLIBAT_PROYEK', 'wali_kelas', { projectName: 'Servis motor' }],
      ['IKUT_EKSKUL', 'wali_kelas', { activity: 'pramuka' }],
      ['EVALUASI_SEKARANG', 'guru_bk', undefined],
      ['UBAH_PENDEKATAN', 'guru_bk', { riskChange: 'tetap', evaluationSummary: 'Ternyata membantu orang tua melaut.' }],
      ['TETAPKAN_FAKTOR', 'guru_bk', { mainFactor: 'economic', riskLevel: 'tinggi', assessmentSummary: 'Faktor ekonomi.' }],
    ] as const) run = must(run, type, { at: day('2023-08-20'), role, ...(data ? { data } : {}) });
    expect(statesOf(run).sort()).toEqual(['intervensi_ekonomi.bantuan.kunjungan_rumah', 'intervensi_ekonomi.pendampingan.konseling_individual']);
    run = must(run, 'KUNJUNGAN_SELESAI', { at: day('2023-08-21'), role: 'wali_kelas', data: { visitDate: '2023-08-21', needs: ['transportasi'] } });
    expect(refused(run, 'DANA_TERSALURKAN', 'wali_kelas', { aidType: 'beasiswa' })?.code).toBe('role_not_allowed');
    run = must(run, 'DANA_TERSALURKAN', { at: day('2023-08-22'), role: 'kepsek', data: { aidType: 'bantuan_transportasi', amount: 200000 } });
    expect(statesOf(run).sort()).toEqual(['intervensi_ekonomi.bantuan.bantuan_tersalurkan', 'intervensi_ekonomi.pendampingan.konseling_individual']);
    run = must(run, 'SESI_SELESAI', { at: day('2023-08-23'), role: 'guru_bk', data: { sessionDate: '2023-08-23' } });
    expect(statesOf(run)).toEqual(['pemantauan.menunggu_pekan']);
  });
});

describe('layanan-responsif: a student who comes in on her own', () => {
  const p = loadPathway('layanan-responsif');

  it('goes through counseling, consultation with teacher and parents, a case conference and a referral, and closes resolved', () => {
    let run = begin(p, { caseId: 'lr-1', consent: { referral: true } }, day('2024-02-05', '07:15'));
    run = must(run, 'TERIMA_KASUS', { at: day('2024-02-05'), role: 'guru_bk', data: { referredBy: 'datang_sendiri', problemArea: 'pribadi', urgency: 'segera', problemDescription: 'Sulit tidur dan takut ke sekolah sejak ayahnya sakit.' } });
    run = must(run, 'SESI_LANJUTAN', { at: day('2024-02-06'), role: 'guru_bk', data: { sessionDate: '2024-02-06', sessionCount: 1 } });
    expect(statesOf(run)).toEqual(['konseling_individual']);
    expect(run.snapshot.context.forms['konseling_individual']).toMatchObject({ sessionDate: '2024-02-06', sessionCount: 1 });
    expect(refused(run, 'KONFERENSI_KASUS', 'wali_kelas', { sessionDate: '2024-02-07' })?.code).toBe('role_not_allowed');
    run = must(run, 'KOLABORASI', { at: day('2024-02-07'), role: 'guru_bk', data: { sessionDate: '2024-02-07', sessionCount: 2 } });
    expect(statesOf(run).sort()).toEqual(['kolaborasi.guru.konsultasi_guru', 'kolaborasi.orang_tua.konsultasi_orang_tua']);
    run = must(run, 'KONSULTASI_GURU_SELESAI', { at: day('2024-02-08'), role: 'wali_kelas', data: { teacherInfo: 'Nilai turun di dua mapel; sering melamun.' } });
    expect(statesOf(run).sort()).toEqual(['kolaborasi.guru.guru_selesai', 'kolaborasi.orang_tua.konsultasi_orang_tua']);
    run = must(run, 'KONSULTASI_ORANG_TUA_SELESAI', { at: day('2024-02-09'), role: 'guru_bk', data: { meetingDate: '2024-02-09', parentAgreements: 'Ibu mendampingi belajar di rumah.' } });
    expect(statesOf(run)).toEqual(['konseling_individual']);
    run = must(run, 'KONFERENSI_KASUS', { at: day('2024-02-12'), role: 'guru_bk', data: { sessionDate: '2024-02-12' } });
    run = must(run, 'RUJUK', { at: day('2024-02-14'), role: 'kepsek', data: { conferenceDate: '2024-02-14', agreements: 'Rujuk ke psikolog puskesmas.' } });
    expect(opened(run.effects, 'rujukan.surat_rujukan')).toMatchObject({ requiresApproval: true });
    run = must(run, 'SURAT_DIKIRIM', { at: day('2024-02-15'), role: 'kepsek', data: { referralTarget: 'psikolog', reason: 'Gejala kecemasan berat.' } });
    run = fireTimersUntil(run, day('2024-03-01'));
    expect(statesOf(run)).toEqual(['rujukan.tanya_perkembangan']);
    run = must(run, 'PERKEMBANGAN_DICATAT', { at: day('2024-03-01', '10:00'), role: 'guru_bk', data: { contactDate: '2024-03-01', update: 'Sudah dua kali konsultasi.' } });
    run = must(run, 'UMPAN_BALIK_DITERIMA', { at: day('2024-03-08'), role: 'guru_bk', data: { referralFeedback: 'Kecemasan menurun; lanjutkan dukungan di sekolah.' } });
    expect(statesOf(run)).toEqual(['evaluasi']);
    expect(refused(run, 'TUTUP_KASUS', 'guru_bk', { progress: 'membaik', evaluationSummary: 'Membaik.', outcome: 'resolved' })?.code).toBe('guard_failed');
    run = must(run, 'TUTUP_KASUS', { at: day('2024-03-15'), role: 'guru_bk', data: { progress: 'teratasi', evaluationSummary: 'Hadir rutin, tidur normal.', outcome: 'resolved' } });
    expect(run.status).toBe('done');
    expect(statesOf(run)).toEqual(['selesai_tuntas']);
  });
});

describe('konselor-sebaya: a new student paired with a trained peer', () => {
  const p = loadPathway('konselor-sebaya');
  const toAssignment = () => {
    let run = begin(p, { caseId: 'ks-1' }, day('2023-07-24'));
    run = must(run, 'USULKAN', { at: day('2023-07-24', '10:00'), role: 'wali_kelas', data: { needArea: 'adaptasi_sekolah_baru', reason: 'Pindahan dari luar daerah, belum punya teman.' } });
    expect(refused(run, 'BERSEDIA', 'wali_kelas', { studentAgrees: true })?.code).toBe('role_not_allowed');
    return must(run, 'BERSEDIA', { at: day('2023-07-25'), role: 'guru_bk', data: { studentAgrees: true, parentInformed: true } });
  };

  it('trains the peer first, supervises weekly (a silent week still brings supervision), and closes resolved', () => {
    let run = toAssignment();
    // No trained counsellor picked from the register: the peer is trained first.
    expect(refused(run, 'TUGASKAN', 'guru_bk', { confidentialityAgreed: true })?.code).toBe('guard_failed');
    expect(refused(run, 'TUGASKAN', 'guru_bk', { peerCounselor: 'R.', trained: true, confidentialityAgreed: true })?.code).toBe('form_invalid');
    run = must(run, 'LATIH_DULU', { at: day('2023-07-26'), role: 'guru_bk', data: { confidentialityAgreed: true } });
    run = must(run, 'PELATIHAN_SELESAI', { at: day('2023-07-29'), role: 'tim', data: { trainingDate: '2023-07-29', topics: ['mendengarkan_aktif', 'empati', 'menjaga_kerahasiaan'] } });
    run = must(run, 'TUGASKAN', { at: day('2023-07-31'), role: 'guru_bk', data: { peerCounselor: 'konselor-sebaya-r', confidentialityAgreed: true } });
    run = must(run, 'SESI_DICATAT', { at: day('2023-08-02'), role: 'tim', data: { sessionDate: '2023-08-02', activityType: 'belajar_bersama' } });
    expect(refused(run, 'LANJUT_SESI', 'tim', { progress: 'membaik', warningSigns: false })?.code).toBe('role_not_allowed');
    run = must(run, 'LANJUT_SESI', { at: day('2023-08-03'), role: 'guru_bk', data: { progress: 'membaik', warningSigns: false } });
    run = fireTimersUntil(run, day('2023-08-11'));
    expect(statesOf(run)).toEqual(['pendampingan.supervisi']);
    expect(refused(run, 'EVALUASI', 'guru_bk', { progress: 'membaik', warningSigns: true })?.code).toBe('guard_failed');
    run = must(run, 'EVALUASI', { at: day('2023-08-11'), role: 'guru_bk', data: { progress: 'membaik', warningSigns: false } });
    run = must(run, 'TUTUP_KASUS', { at: day('2023-08-14'), role: 'guru_bk', data: { satisfaction: 5, progress: 'teratasi', evaluationSummary: 'Sudah punya kelompok belajar.', outcome: 'resolved' } });
    expect(statesOf(run)).toEqual(['selesai_tuntas']);
  });

  it('hands a warning sign to the counselor at once', () => {
    let run = toAssignment();
    run = must(run, 'TUGASKAN', { at: day('2023-07-26'), role: 'guru_bk', data: { peerCounselor: 'konselor-sebaya-r', confidentialityAgreed: true } });
    run = must(run, 'ALIH_KE_BK', { at: day('2023-07-27'), role: 'tim', data: { sessionDate: '2023-07-27', activityType: 'sesi_individu', briefNotes: 'Bercerita ingin menyakiti diri.' } });
    expect(statesOf(run)).toEqual(['konseling_bk']);
    expect(run.timers).toEqual([]);
  });
});

describe('psikososial-krisis: a student after a boat accident that took her father', () => {
  const p = loadPathway('psikososial-krisis');

  it('keeps her in crisis counseling while there is a self-harm risk, then recovers through recreation and a support group', () => {
    let run = begin(p, { caseId: 'pk-1' }, day('2023-11-06', '07:00'));
    run = must(run, 'TANGANI', { at: day('2023-11-06', '08:00'), role: 'kepsek', data: { crisisType: 'kehilangan_anggota_keluarga', eventDate: '2023-11-04', initialCondition: 'Menangis terus, tidak mau makan.', selfHarmRisk: true } });
    expect(opened(run.effects, 'konseling_krisis')?.dueAt).toBe(new Date(day('2023-11-07', '08:00')).toISOString());
    const session = { sessionDate: '2023-11-06', emotionalState: 'cemas', selfHarmRisk: true };
    expect(refused(run, 'STABIL', 'wali_kelas', session)?.code).toBe('role_not_allowed');
    expect(refused(run, 'STABIL', 'guru_bk', session)?.code).toBe('guard_failed');
    expect(refused(run, 'RUJUK', 'guru_bk', session)?.code).toBe('guard_failed');
    run = must(run, 'SESI_LANJUTAN', { at: day('2023-11-06', '13:00'), role: 'guru_bk', data: session });
    run = must(run, 'STABIL', { at: day('2023-11-08'), role: 'guru_bk', data: { sessionDate: '2023-11-08', emotionalState: 'cemas', selfHarmRisk: false } });
    expect(statesOf(run).sort()).toEqual(['pemulihan.komunitas.dukungan_komunitas', 'pemulihan.rekreasi.kegiatan_rekreasi']);
    run = must(run, 'KEGIATAN_SELESAI', { at: day('2023-11-15'), role: 'tim', data: { activityType: 'terapi_seni', sessionsAttended: 3 } });
    run = fireTimersUntil(run, day('2023-11-23'));
    expect(statesOf(run)).toEqual(['evaluasi']);
    run = must(run, 'LANJUTKAN_PEMULIHAN', { at: day('2023-11-23', '10:00'), role: 'guru_bk', data: { progress: 'membaik', evaluationSummary: 'Mulai tersenyum; kelompok pendukung belum terbentuk.' } });
    run = must(run, 'KEGIATAN_SELESAI', { at: day('2023-11-27'), role: 'guru_bk', data: { activityType: 'olahraga' } });
    run = must(run, 'KELOMPOK_TERBENTUK', { at: day('2023-11-28'), role: 'guru_bk', data: { supportGroup: 'Teman sebangku, ibu, guru ngaji' } });
    expect(statesOf(run)).toEqual(['evaluasi']);
    expect(run.timers).toEqual([]);
    run = must(run, 'TUTUP_KASUS', { at: day('2023-12-01'), role: 'kepsek', data: { satisfaction: 4, attendanceRate: 0.93, progress: 'pulih', evaluationSummary: 'Kembali bersekolah rutin.', outcome: 'resolved' } });
    expect(statesOf(run)).toEqual(['selesai_tuntas']);
  });
});

describe('kunjungan-rumah: parents who do not answer', () => {
  const p = loadPathway('kunjungan-rumah');

  it('invites them to school after 7 silent days, visits after all, reports, monitors two weeks and hands over', () => {
    let run = begin(p, { caseId: 'kr-1' }, day('2023-09-04'));
    expect(refused(run, 'RENCANA_SIAP', 'guru_bk', { purpose: 'Memahami alasan sering alpa' })?.code).toBe('form_invalid');
    run = must(run, 'RENCANA_SIAP', { at: day('2023-09-04', '10:00'), role: 'wali_kelas', data: { purpose: 'Memahami alasan sering alpa', plannedDate: '2023-09-09', visitors: 'Guru BK dan wali kelas' } });
    run = fireTimersUntil(run, day('2023-09-12'));
    expect(statesOf(run)).toEqual(['undangan_ke_sekolah']);
    run = must(run, 'BERSEDIA_DIKUNJUNGI', { at: day('2023-09-13'), role: 'kepsek', data: { meetingDate: '2023-09-13', meetingNotes: 'Ayah datang, bersedia dikunjungi hari Sabtu.' } });
    run = must(run, 'KUNJUNGAN_SELESAI', { at: day('2023-09-16'), role: 'guru_bk', data: { visitDate: '2023-09-16', metWith: 'Ayah dan nenek', familySupport: 'kurang', findings: 'Siswa menjaga adik saat ibu bekerja di kebun sawit.' } });
    expect(refused(run, 'LAPORAN_DISAHKAN', 'tim', { summary: 'x', recommendation: 'bantuan_ekonomi' })?.code).toBe('role_not_allowed');
    expect(refused(run, 'LAPORAN_DISAHKAN', 'wali_kelas', { summary: 'x', recommendation: 'bantuan_ekonomi' })?.code).toBe('role_not_allowed');
    run = must(run, 'LAPORAN_DISAHKAN', { at: day('2023-09-18'), role: 'kepsek', data: { summary: 'Beban mengasuh adik.', recommendation: 'bantuan_ekonomi' } });
    run = must(run, 'PANTAU_DULU', { at: day('2023-09-19'), role: 'guru_bk', data: { followUpAction: 'Pantau kehadiran dua minggu.' } });
    run = fireTimersUntil(run, day('2023-10-04'));
    expect(statesOf(run)).toEqual(['tindak_lanjut']);
    run = must(run, 'TUTUP_KASUS', { at: day('2023-10-04', '10:00'), role: 'guru_bk', data: { followUpAction: 'Diajukan ke jalur SRPS (faktor ekonomi).', outcome: 'still_enrolled' } });
    expect(statesOf(run)).toEqual(['selesai_tetap_bersekolah']);
    expect(run.snapshot.context.forms['tindak_lanjut']).toMatchObject({ outcome: 'still_enrolled' });
  });
});

describe('srps-standar: bullying first, with economic need too (several risk factors, issue 14)', () => {
  const p = loadPathway('srps-standar');
  it('goes on from peer support to the economic help, and from there to monitoring: each track once', () => {
    let run = begin(p, { caseId: 'srps-be', riskFactors: ['bullying', 'economic'] }, day('2023-10-02', '07:30'));
    run = must(run, 'SELESAI_IDENTIFIKASI', { at: day('2023-10-02', '10:00'), role: 'wali_kelas', data: { attendanceRate: 0.75, gradeAverage: 70, economicCondition: 'kurang_mampu', familySituation: 'utuh_harmonis', motivationLevel: 'sedang', bullyingIndication: true } });
    run = must(run, 'TETAPKAN_FAKTOR', { at: day('2023-10-03'), role: 'guru_bk', data: { mainFactor: 'bullying', riskLevel: 'tinggi', assessmentSummary: 'Dirundung karena tidak mampu membeli seragam.' } });
    run = must(run, 'SESI_SELESAI', { at: day('2023-10-04'), role: 'guru_bk', data: { sessionDate: '2023-10-04' } });
    run = must(run, 'KESEPAKATAN_DICAPAI', { at: day('2023-10-05'), role: 'kepsek', data: { conferenceDate: '2023-10-05', agreements: 'Pelaku dibina; korban didampingi.' } });
    run = must(run, 'PENDAMPINGAN_SEBAYA_BERJALAN', { at: day('2023-10-06'), role: 'guru_bk', data: { peerCounselor: 'konselor-sebaya-1', confidentialityAgreed: true } });
    // Economic need is in the set too: on to the economic help, not to monitoring yet.
    expect(statesOf(run)).toEqual(['intervensi_ekonomi.bantuan.kunjungan_rumah', 'intervensi_ekonomi.pendampingan.konseling_individual']);
    run = must(run, 'KUNJUNGAN_SELESAI', { at: day('2023-10-09'), role: 'guru_bk', data: { visitDate: '2023-10-09', needs: 'seragam_perlengkapan' } });
    run = must(run, 'DANA_TERSALURKAN', { at: day('2023-10-11'), role: 'guru_bk', data: { aidType: 'seragam_perlengkapan' } });
    run = must(run, 'SESI_SELESAI', { at: day('2023-10-12'), role: 'guru_bk', data: { sessionDate: '2023-10-12' } });
    // The main factor was bullying, whose track is done: monitoring, no second round.
    expect(statesOf(run)).toEqual(['pemantauan.menunggu_pekan']);
  });
});
