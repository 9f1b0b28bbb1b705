/**
 * The demo's orang tua asuh, donors and fund ledger (issue 15). Each fund has
 * a key that cohort files and case plans use in place of its id (`fund:
 * "dana-komite"`); `withFundIds` puts the school's id in its place before the
 * event is sent. Donations are dated before the cases that spend them (the
 * seed-002 cohort's funds in July–August 2023), so every balance the demo
 * shows is what the cases left.
 */
import type { JalurDb, StudentRow, User } from '@jalur/db';
import type { DemoSchool } from './seed-data.ts';

const DAY = 86_400_000;

/** A fund key → the fund's id in one school. */
export type FundIds = Readonly<Record<string, string>>;

interface DemoSponsor {
  key: string;
  kind: 'orang_tua_asuh' | 'donatur';
  party: 'person' | 'organisation';
  name: string;
  phone?: string;
  pledge?: { amount: number; period: 'monthly' | 'once'; from: string; until?: string };
  status?: 'active' | 'ended';
  notes?: string;
}

interface DemoFund {
  key: string;
  name: string;
  source: 'orang_tua_asuh' | 'donatur' | 'alumni' | 'komite' | 'csr' | 'sekolah' | 'lainnya';
  sponsor?: string;
  description?: string;
  /** Donations: a fixed date, or days before the demo's "today". */
  donations: { amount: number; date?: string; daysAgo?: number; note?: string }[];
}

const SPONSORS_A: DemoSponsor[] = [
  { key: 'komite', kind: 'donatur', party: 'organisation', name: 'Komite Sekolah SMKN 1 Tanjung Jabung Timur', phone: '0813 6612 4410', pledge: { amount: 500_000, period: 'monthly', from: '2023-07-01' } },
  { key: 'guru', kind: 'donatur', party: 'organisation', name: 'Dewan Guru SMKN 1', notes: 'Iuran sukarela guru setiap awal semester.' },
  { key: 'bambang', kind: 'orang_tua_asuh', party: 'person', name: 'Bapak Bambang Sutrisno', phone: '0812 7345 1102', pledge: { amount: 300_000, period: 'monthly', from: '2023-08-18', until: '2024-06-30' }, status: 'ended', notes: 'Guru produktif TKR.' },
  { key: 'alumni', kind: 'donatur', party: 'organisation', name: 'Ikatan Alumni SMKN 1', phone: '0852 6601 7788', pledge: { amount: 2_500_000, period: 'once', from: '2025-01-01' } },
  { key: 'ratna', kind: 'orang_tua_asuh', party: 'person', name: 'Ibu Ratna Dewi', phone: '0821 7766 3390', pledge: { amount: 250_000, period: 'monthly', from: '2025-01-01' } },
  { key: 'sinar', kind: 'donatur', party: 'organisation', name: 'CV Sinar Tanjung (CSR)', pledge: { amount: 1_000_000, period: 'once', from: '2023-07-01', until: '2023-12-31' }, status: 'ended' },
];

const FUNDS_A: DemoFund[] = [
  { key: 'dana-komite', name: 'Dana komite', source: 'komite', sponsor: 'komite', description: 'Penggalangan dana guru dan komite sekolah.', donations: [
    { amount: 3_000_000, date: '2023-07-20', note: 'Rapat komite awal tahun ajaran' }, { amount: 2_000_000, date: '2023-08-15' }, { amount: 1_500_000, daysAgo: 60 },
  ] },
  { key: 'dana-guru', name: 'Donasi guru', source: 'donatur', sponsor: 'guru', donations: [{ amount: 1_000_000, date: '2023-07-25' }, { amount: 600_000, daysAgo: 45 }] },
  { key: 'dana-sosial', name: 'Dana sosial sekolah', source: 'sekolah', description: 'Dana sosial dari kas sekolah.', donations: [
    { amount: 1_500_000, date: '2023-07-17' }, { amount: 1_000_000, daysAgo: 100 }, { amount: 400_000, date: '2023-08-01', note: 'Sumbangan CSR' },
  ] },
  { key: 'dana-ota-tkr', name: 'Dana orang tua asuh Bapak Bambang', source: 'orang_tua_asuh', sponsor: 'bambang', donations: [{ amount: 300_000, date: '2023-08-18' }, { amount: 300_000, date: '2023-09-18' }] },
  { key: 'dana-alumni', name: 'Donasi alumni', source: 'alumni', sponsor: 'alumni', donations: [{ amount: 2_500_000, daysAgo: 90, note: 'Reuni akbar alumni' }] },
  { key: 'dana-ota-ratna', name: 'Dana orang tua asuh Ibu Ratna', source: 'orang_tua_asuh', sponsor: 'ratna', donations: [{ amount: 250_000, daysAgo: 30 }] },
  { key: 'dana-csr', name: 'Dana CSR CV Sinar Tanjung', source: 'csr', sponsor: 'sinar', donations: [{ amount: 1_000_000, date: '2023-07-10' }] },
];

const SPONSORS_B: DemoSponsor[] = [{ key: 'komite', kind: 'donatur', party: 'organisation', name: 'Komite Sekolah B', pledge: { amount: 250_000, period: 'monthly', from: '2025-01-01' } }];
const FUNDS_B: DemoFund[] = [{ key: 'dana-komite', name: 'Dana komite', source: 'komite', sponsor: 'komite', donations: [{ amount: 1_000_000, daysAgo: 80 }] }];

/** `62…` digits of a demo phone number. */
const phone = (p: string | undefined) => (p ? `62${p.replace(/\D/g, '').replace(/^0/, '')}` : null);

/** Creates the school's sponsors and funds with their donations, recorded by the kepsek. Returns the fund keys → ids. */
export async function seedFunds(db: JalurDb, school: DemoSchool, schoolId: string, kepsek: User, now: Date): Promise<FundIds> {
  const sponsors = school === 'A' ? SPONSORS_A : school === 'B' ? SPONSORS_B : [];
  const funds = school === 'A' ? FUNDS_A : school === 'B' ? FUNDS_B : [];
  const at = new Date(now.getTime() - 120 * DAY);
  const opts = { actorId: kepsek.id, now: at };
  const sponsorIds = new Map<string, string>();
  for (const s of sponsors) {
    const r = await db.funds.createSponsor(schoolId, {
      kind: s.kind, party: s.party, name: s.name, phone: phone(s.phone), notes: s.notes ?? null, status: s.status ?? 'active',
      pledgeAmount: s.pledge?.amount ?? null, pledgePeriod: s.pledge?.period ?? null, pledgeFrom: s.pledge?.from ?? null, pledgeUntil: s.pledge?.until ?? null,
    }, opts);
    if (!r.ok) throw new Error(`seed: sponsor ${s.name}: ${r.error.message}`);
    sponsorIds.set(s.key, r.value.id);
  }
  const ids: Record<string, string> = {};
  for (const f of funds) {
    const r = await db.funds.createFund(schoolId, { name: f.name, source: f.source, sponsorId: f.sponsor ? sponsorIds.get(f.sponsor)! : null, description: f.description ?? null }, opts);
    if (!r.ok) throw new Error(`seed: fund ${f.name}: ${r.error.message}`);
    ids[f.key] = r.value.id;
    const dated = f.donations.map((d) => ({ ...d, day: d.date ?? new Date(now.getTime() - (d.daysAgo ?? 0) * DAY).toISOString().slice(0, 10) })).sort((a, b) => a.day.localeCompare(b.day));
    for (const d of dated) {
      const given = await db.funds.addDonation(schoolId, { fundId: r.value.id, amount: d.amount, date: d.day, note: d.note ?? null }, { actorId: kepsek.id, now: new Date(`${d.day}T03:00:00Z`) });
      if (!given.ok) throw new Error(`seed: donation to ${f.name}: ${given.error.message}`);
    }
  }
  return ids;
}

/** The active orang tua asuh of Sekolah A pledges to `student` (the demo case waiting for a foster parent). */
export async function pledgeDemoStudent(db: JalurDb, schoolId: string, student: StudentRow, kepsek: User, now: Date): Promise<void> {
  const ratna = (await db.funds.listSponsors(schoolId, { kind: 'orang_tua_asuh', status: 'active' }))[0];
  if (ratna) await db.funds.updateSponsor(schoolId, ratna.id, { pledgeStudentId: student.id }, { actorId: kepsek.id, now });
}

/** `data` with every value that is a fund key replaced by that fund's id (other values as they are). */
export function withFundIds<T extends Record<string, unknown> | undefined>(data: T, ids: FundIds | undefined): T {
  if (!data || !ids) return data;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string' && Object.hasOwn(ids, v)) {
      out[k] = ids[v];
      changed = true;
    } else out[k] = v;
  }
  return (changed ? out : data) as T;
}
