import type { PathwayDocument } from '@jalur/engine';

/**
 * A pathway with everything the designer must keep: a compound step with an
 * initial child, a parallel step with two regions, timers, `always`, guards,
 * a targetless transition, `.child` and `#id` targets.
 */
export const nestedPathway: PathwayDocument = {
  format: 'jalur.pathway/1',
  key: 'srps_lengkap',
  title: { id: 'Jalur SRPS lengkap', en: 'Full SRPS pathway' },
  description: { id: 'Contoh bertingkat dan paralel.' },
  tags: ['contoh'],
  machine: {
    id: 'srps',
    initial: 'identifikasi',
    context: { riskFactors: [], form: {} },
    states: {
      identifikasi: {
        meta: {
          kind: 'identify',
          title: { id: 'Identifikasi siswa', en: 'Identify the student' },
          roles: ['guru_bk', 'wali_kelas'],
          form: [{ name: 'attendanceRate', type: 'number', label: { id: 'Kehadiran', en: 'Attendance' }, min: 0, max: 1, required: true }],
          dueInDays: 5,
          confidentiality: 'terbatas',
        },
        on: {
          SELESAI: [
            { target: 'intervensi', guard: { type: 'check', params: { field: 'form.attendanceRate', op: 'lt', value: 0.9 } }, meta: { label: { id: 'Perlu intervensi' } } },
            { target: 'selesai' },
          ],
          CATAT: { description: 'catatan tanpa pindah langkah' },
        },
      },
      intervensi: {
        type: 'parallel',
        meta: { kind: 'custom', title: { id: 'Intervensi' }, roles: ['guru_bk'], form: [], confidentiality: 'umum' },
        states: {
          konseling: {
            initial: 'sesi',
            states: {
              sesi: {
                meta: { kind: 'counseling_individual', title: { id: 'Konseling individual' }, roles: ['guru_bk'], form: [], confidentiality: 'rahasia' },
                on: { SESI_SELESAI: 'pantau' },
              },
              pantau: {
                meta: { kind: 'monitoring', title: { id: 'Pemantauan' }, roles: ['guru_bk'], form: [], confidentiality: 'umum' },
                after: { P7D: { target: 'sesi' } },
                on: { CUKUP: 'cukup' },
              },
              cukup: { type: 'final' },
            },
          },
          dana: {
            initial: 'ajukan',
            states: {
              ajukan: {
                meta: { kind: 'funding', title: { id: 'Pengajuan dana' }, roles: ['kepsek'], form: [], confidentiality: 'terbatas', requiresApproval: true },
                on: { DISETUJUI: { target: 'cair' }, DITOLAK: '#srps.evaluasi' },
              },
              cair: { type: 'final', meta: { kind: 'foster_parent', title: { id: 'Orang tua asuh' }, roles: ['kepsek'], form: [], confidentiality: 'umum' } },
            },
          },
        },
      },
      evaluasi: {
        initial: 'rapat',
        meta: { kind: 'case_conference', title: { id: 'Konferensi kasus' }, roles: ['guru_bk', 'kepsek'], form: [], confidentiality: 'rahasia' },
        states: { rapat: { always: [{ target: '#srps.selesai', guard: { type: 'role', params: { in: ['kepsek'] } } }], on: { ULANG: [{ target: ['#srps.identifikasi'] }] } } },
        on: { LANJUT: { target: '.rapat', reenter: true } },
      },
      selesai: { type: 'final', meta: { kind: 'closure', title: { id: 'Kasus ditutup' }, roles: ['guru_bk'], form: [], confidentiality: 'umum' } },
    },
  },
  layout: {},
};
