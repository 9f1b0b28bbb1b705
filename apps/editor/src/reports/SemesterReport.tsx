/**
 * The semester report on `/reports` (kepsek, guru BK; issues 14 and 15): pick
 * an academic year and semester; students by status (aktif, mutasi masuk,
 * mutasi keluar, putus sekolah, lulus), the seed-002 before/after table of the
 * term, change of risk level per student (start of the semester vs now),
 * satisfaction with the services (average and distribution of 1–5),
 * ekstrakurikuler and P5 participation (with a form to record it), aid
 * disbursed per source and risk factor; the printable PDF for the komite or
 * the dinas (suppressed as the district rules require). Every code arrives
 * worded by the API (`label`), in Bahasa Indonesia and English.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { FileDown } from 'lucide-react';
import type { InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { call } from '../cases/http.ts';
import { HorizontalBars, PairedBars } from './Charts.tsx';
import { ReportSection, ReportTable } from './ReportSection.tsx';
import { formatDate } from '../i18n/dates.ts';

type Semester = InferResponseType<JalurClient['api']['reports']['semester']['$get'], 200>;
type Participation = InferResponseType<JalurClient['api']['participation']['$get'], 200>;
interface Words {
  id: string;
  en?: string;
}

const TEXT = {
  title: ['Laporan semester', 'Semester report'],
  help: ['Angka satu tahun ajaran dan semester, dihitung dari yang tercatat di Jalur.', 'One academic year and semester, counted from what was recorded in Jalur.'],
  term: ['Tahun ajaran / semester', 'Academic year / semester'],
  asOf: ['Per tanggal', 'As of'],
  running: ['semester masih berjalan', 'semester still running'],
  pdfKomite: ['Unduh PDF untuk komite', 'Download PDF for the komite'],
  pdfDinas: ['Unduh PDF untuk dinas', 'Download PDF for the dinas'],
  pdfNote: ['Salinan dinas menyembunyikan jumlah kecil (<5) dan tidak memuat nama siswa.', 'The dinas copy hides small counts (<5) and names no student.'],
  status: ['Siswa menurut status', 'Students by status'],
  statusCol: ['Status', 'Status'],
  atEnd: ['Jumlah', 'Count'],
  changed: ['Berubah selama semester', 'Changed during the semester'],
  enrolled: ['Siswa terdaftar', 'Enrolled'],
  ba: ['Siswa rentan per faktor: awal dan akhir semester', 'Students at risk per factor: start and end of the semester'],
  baHelp: ['Awal: rentan pada suatu saat dalam semester. Akhir: masih rentan pada tanggal akhir.', 'Start: at risk at some time in the semester. End: still at risk on the last day.'],
  factor: ['Faktor', 'Factor'],
  before: ['Awal', 'Start'],
  after: ['Akhir', 'End'],
  helped: ['Teratasi', 'Helped'],
  total: ['Jumlah', 'Total'],
  risk: ['Perubahan tingkat risiko per siswa', 'Change of risk level per student'],
  riskHelp: ['Awal semester dibanding sekarang, dari bendera peringatan dini dan kasus yang terbuka.', 'Start of the semester vs now, from early-warning flags and open cases.'],
  watched: ['Siswa dipantau', 'Students followed'],
  improved: ['Membaik', 'Improved'],
  unchanged: ['Tetap', 'Unchanged'],
  worsened: ['Memburuk', 'Worsened'],
  from: ['Awal semester', 'Start of semester'],
  to: ['Sekarang', 'Now'],
  students: ['Siswa', 'Students'],
  perStudent: ['Per siswa', 'Per student'],
  name: ['Nama', 'Name'],
  cls: ['Kelas', 'Class'],
  sat: ['Kepuasan siswa terhadap layanan', 'Student satisfaction with the services'],
  satHelp: ['Skor 1–5 yang diberikan siswa, dicatat di halaman kasus.', 'The 1–5 scores students gave, recorded on the case page.'],
  responses: ['Jawaban', 'Responses'],
  average: ['Rata-rata', 'Average'],
  service: ['Layanan', 'Service'],
  score: ['Skor', 'Score'],
  part: ['Ekstrakurikuler dan projek P5', 'Extracurricular and P5 project work'],
  activity: ['Kegiatan', 'Activity'],
  registered: ['Siswa tercatat', 'Students recorded'],
  attended: ['Siswa yang ikut', 'Students who took part'],
  record: ['Catat keikutsertaan', 'Record participation'],
  student: ['Siswa', 'Student'],
  kind: ['Jenis', 'Kind'],
  actName: ['Nama kegiatan', 'Activity name'],
  took: ['Ikut serta', 'Took part'],
  save: ['Simpan', 'Save'],
  saved: ['Tersimpan', 'Saved'],
  yes: ['Ya', 'Yes'],
  no: ['Tidak', 'No'],
  aid: ['Bantuan dana yang disalurkan', 'Aid disbursed'],
  aidNone: ['Tidak ada bantuan dana yang disalurkan pada semester ini.', 'No aid was disbursed this semester.'],
  aidMissing: ['Buku kas dana belum tersedia.', 'The fund ledger is not available.'],
  source: ['Sumber dana', 'Source'],
  amount: ['Jumlah', 'Amount'],
  entries: ['Transaksi', 'Entries'],
  recipients: ['Siswa penerima', 'Students helped'],
  loading: ['Memuat…', 'Loading…'],
  none: ['Belum ada data.', 'No data yet.'],
  ekstrakurikuler: ['Ekstrakurikuler', 'Extracurricular'],
  p5: ['Projek P5', 'P5 project work'],
} as const;

const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;

export function SemesterReport() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const say = (k: keyof typeof TEXT) => TEXT[k][en ? 1 : 0];
  const w = (x: Words) => (en ? (x.en ?? x.id) : x.id);
  const [term, setTerm] = useState<string>('');
  const query = term ? `?year=${encodeURIComponent(term.split(' ')[0]!)}&semester=${term.split(' ')[1]}` : '';
  const report = useQuery({ queryKey: ['reports', 'semester', term], queryFn: () => call<Semester>('GET', `/api/reports/semester${query}`) });
  const chartWidth = typeof window === 'undefined' ? 520 : Math.max(260, Math.min(520, window.innerWidth - 64));

  if (report.isPending) return <p className="muted">{say('loading')}</p>;
  if (report.isError) return <p className="error-text" role="alert">{report.error.message}</p>;
  const r = report.data;
  const key = `${r.term.year} ${r.term.semester}`;
  const pdf = (audience: 'komite' | 'dinas') => `/api/reports/semester.pdf?year=${encodeURIComponent(r.term.year)}&semester=${r.term.semester}&audience=${audience}`;
  const fmtDate = (d: string) => formatDate(d.slice(0, 10), en ? 'en' : 'id');

  return (
    <div data-testid="semester-report" style={{ marginTop: 24 }}>
      <div className="report-head">
        <div>
          <h2>{say('title')}</h2>
          <p className="muted small">{say('help')}</p>
          <p className="muted small" data-testid="semester-period">
            {w(r.term.label)} · {fmtDate(r.term.from)} – {fmtDate(r.term.asOf)}
            {r.term.ended ? '' : ` (${say('running')})`}
          </p>
        </div>
        <div className="no-print" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'flex-end' }}>
          <label className="field">
            {say('term')}
            <select data-testid="semester-term" value={term || key} onChange={(e) => setTerm(e.target.value)}>
              {r.terms.map((t) => (
                <option key={`${t.year} ${t.semester}`} value={`${t.year} ${t.semester}`}>
                  {w(t.label)}
                </option>
              ))}
            </select>
          </label>
          <a className="btn small" href={pdf('komite')} download data-testid="semester-pdf-komite">
            <FileDown size={14} aria-hidden /> {say('pdfKomite')}
          </a>
          <a className="btn small" href={pdf('dinas')} download data-testid="semester-pdf-dinas">
            <FileDown size={14} aria-hidden /> {say('pdfDinas')}
          </a>
        </div>
      </div>
      <p className="muted small no-print">{say('pdfNote')}</p>

      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 460px), 1fr))' }}>
        <ReportSection title={say('status')} testId="semester-status">
          <p className="small">
            {say('enrolled')}: <strong data-testid="semester-enrolled">{r.students.enrolled}</strong>
          </p>
          <ReportTable
            testId="semester-status-table"
            columns={[say('statusCol'), `${say('asOf')} ${fmtDate(r.term.asOf)}`, say('changed')]}
            rows={r.students.byStatus.map((s) => [w(s.label), s.atEnd, s.changed])}
          />
        </ReportSection>

        <ReportSection title={say('ba')} help={say('baHelp')} testId="semester-before-after">
          <ReportTable
            testId="semester-ba-table"
            columns={[say('factor'), say('before'), say('after'), say('helped')]}
            rows={[
              ...r.beforeAfter.map((x) => [w(x.label), x.before, x.after, x.before - x.after]),
              [say('total'), r.beforeAfterTotal.before, r.beforeAfterTotal.after, r.beforeAfterTotal.before - r.beforeAfterTotal.after],
            ]}
          />
          <PairedBars width={chartWidth} names={[say('before'), say('after')]} data={r.beforeAfter.map((x) => ({ label: w(x.label), a: x.before, b: x.after }))} />
        </ReportSection>

        <ReportSection title={say('risk')} help={say('riskHelp')} testId="semester-risk">
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(110px, 1fr))', gap: 8, margin: '8px 0' }}>
            {(['students', 'improved', 'unchanged', 'worsened'] as const).map((k) => (
              <div key={k} style={{ border: '1px solid var(--line)', borderRadius: 6, padding: '6px 10px' }} data-testid={`semester-risk-${k}`}>
                <span className="muted small">{say(k === 'students' ? 'watched' : k)}</span>
                <strong style={{ display: 'block', fontSize: '1.3rem' }}>{r.riskChange[k]}</strong>
              </div>
            ))}
          </div>
          <ReportTable
            columns={[say('from'), say('to'), say('students')]}
            rows={r.riskChange.transitions.filter((t) => t.count > 0).map((t) => [w(t.fromLabel), w(t.toLabel), t.count])}
          />
          {r.riskChange.perStudent.length > 0 && (
            <details>
              <summary>
                {say('perStudent')} ({r.riskChange.perStudent.length})
              </summary>
              <ReportTable
                testId="semester-risk-students"
                columns={[say('name'), say('cls'), say('from'), say('to')]}
                rows={r.riskChange.perStudent.map((p) => [p.name, p.className, w(p.startLabel), w(p.endLabel)])}
              />
            </details>
          )}
        </ReportSection>

        <ReportSection title={say('sat')} help={say('satHelp')} testId="semester-satisfaction">
          {r.satisfaction.responses === 0 ? (
            <p className="muted">{say('none')}</p>
          ) : (
            <>
              <p className="small">
                {say('responses')}: <strong data-testid="semester-sat-responses">{r.satisfaction.responses}</strong> · {say('average')}:{' '}
                <strong data-testid="semester-sat-average">{r.satisfaction.average?.toLocaleString(en ? 'en-GB' : 'id-ID')}</strong>
              </p>
              <HorizontalBars width={chartWidth} name={say('responses')} data={r.satisfaction.distribution.map((n, i) => ({ label: `${say('score')} ${i + 1}`, value: n }))} />
              <ReportTable
                testId="semester-sat-table"
                columns={[say('service'), say('responses'), say('average')]}
                rows={r.satisfaction.byService.map((s) => [w(s.label), s.responses, s.average === null ? '—' : s.average.toLocaleString(en ? 'en-GB' : 'id-ID')])}
              />
            </>
          )}
        </ReportSection>

        <ReportSection title={say('part')} testId="semester-participation">
          <ReportTable
            testId="semester-part-table"
            columns={[say('activity'), say('registered'), say('attended')]}
            rows={r.participation.byKind.flatMap((k) => [[w(k.label), k.students, k.attended], ...k.activities.map((a) => [`· ${a.name}`, a.students, a.attended])])}
          />
          <ParticipationForm year={r.term.year} semester={r.term.semester} say={say} />
        </ReportSection>

        <ReportSection title={say('aid')} testId="semester-aid">
          {!r.aid.available ? (
            <p className="muted">{say('aidMissing')}</p>
          ) : r.aid.entries === 0 ? (
            <p className="muted">{say('aidNone')}</p>
          ) : (
            <>
              <p className="small">
                {say('amount')}: <strong data-testid="semester-aid-total">{rupiah(r.aid.total)}</strong> · {say('entries')}: {r.aid.entries} · {say('recipients')}: {r.aid.students}
              </p>
              <ReportTable columns={[say('source'), say('amount'), say('entries')]} rows={r.aid.bySource.map((s) => [w(s.label), rupiah(s.amount), s.entries])} />
              <ReportTable columns={[say('factor'), say('amount'), say('entries')]} rows={r.aid.byFactor.map((s) => [w(s.label), rupiah(s.amount), s.entries])} />
            </>
          )}
        </ReportSection>
      </div>
    </div>
  );
}

/** Records one student's participation in an activity of the term shown. */
function ParticipationForm({ year, semester, say }: { year: string; semester: 'ganjil' | 'genap'; say: (k: keyof typeof TEXT) => string }) {
  const qc = useQueryClient();
  const students = useQuery({ queryKey: ['reports', 'students-for-participation'], queryFn: () => call<{ items: { id: string; name: string; className: string; status: string }[] }>('GET', '/api/students?limit=500') });
  const [form, setForm] = useState({ studentId: '', activity: 'ekstrakurikuler' as 'ekstrakurikuler' | 'p5', name: '', attended: true });
  const save = useMutation({
    mutationFn: () => call<Participation['items'][number]>('POST', '/api/participation', { json: { ...form, academicYear: year, semester } }),
    onSuccess: () => {
      setForm((f) => ({ ...f, studentId: '' }));
      void qc.invalidateQueries({ queryKey: ['reports', 'semester'] });
    },
  });
  return (
    <form
      className="no-print"
      data-testid="participation-form"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end', marginTop: 12 }}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <strong style={{ flexBasis: '100%' }}>{say('record')}</strong>
      <label className="field" style={{ minWidth: 0, flex: '1 1 180px' }}>
        {say('student')}
        <select required data-testid="participation-student" value={form.studentId} onChange={(e) => setForm({ ...form, studentId: e.target.value })}>
          <option value="">—</option>
          {(students.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {s.className}
            </option>
          ))}
        </select>
      </label>
      <label className="field" style={{ flex: '0 1 150px' }}>
        {say('kind')}
        <select data-testid="participation-kind" value={form.activity} onChange={(e) => setForm({ ...form, activity: e.target.value as 'ekstrakurikuler' | 'p5' })}>
          <option value="ekstrakurikuler">{say('ekstrakurikuler')}</option>
          <option value="p5">{say('p5')}</option>
        </select>
      </label>
      <label className="field" style={{ flex: '1 1 150px' }}>
        {say('actName')}
        <input required maxLength={120} data-testid="participation-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label className="field" style={{ flex: '0 1 100px' }}>
        {say('took')}
        <select data-testid="participation-attended" value={form.attended ? 'yes' : 'no'} onChange={(e) => setForm({ ...form, attended: e.target.value === 'yes' })}>
          <option value="yes">{say('yes')}</option>
          <option value="no">{say('no')}</option>
        </select>
      </label>
      <button type="submit" className="btn primary small" disabled={save.isPending} data-testid="participation-save">
        {say('save')}
      </button>
      {save.isSuccess && <span className="muted small" role="status" data-testid="participation-saved">{say('saved')}</span>}
      {save.isError && <span className="error-text small" role="alert">{save.error.message}</span>}
    </form>
  );
}
