/**
 * "Bantuan dana" on the case page: the money the fund ledger paid out for
 * this case (`GET /api/cases/{id}/disbursements`) — the date, the fund, the
 * amount (`Rp 1.500.000`), the BKK receipt and the step whose event paid it —
 * and the total. Only for the roles that read the fund ledger (kepsek, guru
 * BK, Satgas); a wali kelas sees nothing of it. A list, not a table, so it
 * fits a 360 px phone. Its strings are registered here (namespace
 * `caseMoney`), Bahasa Indonesia first, English second.
 */
import i18n from '../i18n/index.ts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../i18n/index.ts';
import { formatDate } from '../i18n/dates.ts';
import { call, errorText } from './http.ts';
import { loc } from './i18n.ts';
import { cwKeys } from './queries.ts';

const id = {
  title: 'Bantuan dana',
  intro: 'Bantuan yang disalurkan untuk kasus ini dari buku kas dana sekolah.',
  none: 'Belum ada bantuan dana yang disalurkan untuk kasus ini.',
  loading: 'Memuat…',
  receipt: 'Kuitansi {{number}}',
  step: 'Langkah: {{step}}',
  total: 'Jumlah',
  count_one: '{{count}} penyaluran',
  count_other: '{{count}} penyaluran',
};
/** One line: the left text wraps, the amount stays whole on the right (a 360 px phone included). */
const LINE = { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: '2px 12px', overflowWrap: 'anywhere' } as const;

const en: typeof id = {
  title: 'Financial aid',
  intro: 'Aid paid out for this case from the school’s fund ledger.',
  none: 'No aid has been paid out for this case yet.',
  loading: 'Loading…',
  receipt: 'Receipt {{number}}',
  step: 'Step: {{step}}',
  total: 'Total',
  count_one: '{{count}} payment',
  count_other: '{{count}} payments',
};
i18n.addResourceBundle('id', 'caseMoney', id, true, true);
i18n.addResourceBundle('en', 'caseMoney', en, true, true);

/** The roles that read the fund ledger (apps/api/src/registers/funds-routes.ts `FUND_READERS`). */
export const CASE_MONEY_ROLES = ['kepsek', 'guru_bk', 'tim'] as const;

export interface CaseDisbursement {
  id: string;
  date: string;
  fund: { id: string; name: string };
  amount: number;
  amountText: string;
  receiptNumber: string;
  step: { id: string; en?: string | undefined };
  recordedBy: string | null;
}
export interface CaseDisbursementList { items: CaseDisbursement[]; total: number; totalText: string }

export function CaseMoney({ caseId, role }: { caseId: string; role: string | undefined }) {
  const { t, i18n: { language: lang } } = useTranslation('caseMoney');
  const allowed = role !== undefined && (CASE_MONEY_ROLES as readonly string[]).includes(role);
  const money = useQuery({
    queryKey: [...cwKeys.case(caseId), 'disbursements'],
    enabled: allowed,
    queryFn: () => call<CaseDisbursementList>('GET', `/api/cases/${caseId}/disbursements`),
  });
  if (!allowed) return null;
  return (
    <section className="cw-section cw-money" aria-labelledby="cw-money" data-testid="case-money">
      <h2 id="cw-money">{t('title')}</h2>
      {money.isPending && <p className="muted small">{t('loading')}</p>}
      {money.isError && (
        <p className="cw-msg error" role="alert">
          {errorText(money.error)}
        </p>
      )}
      {money.data && money.data.items.length === 0 && (
        <p className="muted small" data-testid="case-money-none">
          {t('none')}
        </p>
      )}
      {money.data && money.data.items.length > 0 && (
        <>
          <p className="muted small">{t('intro')}</p>
          <ul className="cw-list">
            {money.data.items.map((d) => (
              <li key={d.id} data-testid="case-disbursement">
                <div style={LINE}>
                  <span data-testid="disbursement-date">{formatDate(d.date, lang)}</span>
                  <strong data-testid="disbursement-amount" style={{ whiteSpace: 'nowrap' }}>{d.amountText}</strong>
                </div>
                <div data-testid="disbursement-fund" style={{ overflowWrap: 'anywhere' }}>{d.fund.name}</div>
                <div className="muted small">
                  <span data-testid="disbursement-step">{t('step', { step: loc(d.step, lang) })}</span>
                  {' · '}
                  <span data-testid="disbursement-receipt">{t('receipt', { number: d.receiptNumber })}</span>
                </div>
              </li>
            ))}
          </ul>
          <div style={{ ...LINE, marginTop: 10, paddingTop: 8, borderTop: '1px solid var(--line)' }} data-testid="case-money-total">
            <span>
              {t('total')} <span className="muted small">({t('count', { count: money.data.items.length })})</span>
            </span>
            <strong data-testid="case-money-total-amount" style={{ whiteSpace: 'nowrap' }}>{money.data.totalText}</strong>
          </div>
        </>
      )}
    </section>
  );
}
