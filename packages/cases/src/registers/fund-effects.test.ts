/** The fund step's pure rules: which field picks the fund, which says the amount, and the two-pass gate. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePathway, parsePathway, type FormField } from '@jalur/engine';
import type { CaseRow, PathwayVersionRow } from '@jalur/db';
import { CompiledPathwayCache } from '../compiled.ts';
import { amountFieldOf, FundGate, fundPick, ledgerDate, picksFunds } from './fund-effects.ts';

const field = (name: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({ name, type, label: { id: name }, ...extra });
const doc = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../workflows/srps-standar.json', import.meta.url)), 'utf8'));
const parsed = parsePathway(doc);
if (!parsed.ok) throw new Error('srps-standar does not parse');
const compiled = compilePathway(parsed.value);
const FUNDING = 'intervensi_ekonomi.bantuan.penggalangan_dana';
const FOSTER = 'intervensi_ekonomi.bantuan.orang_tua_asuh';
const row = (stateValue: string) => ({ stateValue }) as CaseRow;

describe('fund step rules', () => {
  it('finds the amount field: amount, else monthlySupport, else the only number field', () => {
    expect(amountFieldOf([field('fund', 'register', { register: 'fund' }), field('monthlySupport', 'number'), field('amount', 'number')])?.name).toBe('amount');
    expect(amountFieldOf([field('monthlySupport', 'number'), field('startDate', 'date')])?.name).toBe('monthlySupport');
    expect(amountFieldOf([field('nominal', 'number')])?.name).toBe('nominal');
    expect(amountFieldOf([field('a', 'number'), field('b', 'number')])).toBeUndefined();
  });

  it('srps-standar: the funding and foster-parent steps pick a fund; the free text is gone', () => {
    expect(picksFunds(compiled)).toBe(true);
    const funding = compiled.steps.get(FUNDING)!.form!;
    const foster = compiled.steps.get(FOSTER)!.form!;
    expect(funding.find((f) => f.name === 'fund')).toMatchObject({ type: 'register', register: 'fund' });
    expect(foster.find((f) => f.name === 'fund')).toMatchObject({ type: 'register', register: 'fund', required: true });
    expect([...funding, ...foster].some((f) => f.name === 'fundSource' || f.name === 'fosterParent')).toBe(false);
    expect(compiled.steps.get(FUNDING)!.requiresApproval).toBe(true);
    expect(compiled.steps.get(FOSTER)!.requiresApproval).toBe(true);
  });

  it('reads the pick from the step the event leaves, with its amount', () => {
    const active = `${FUNDING},intervensi_ekonomi.pendampingan.konseling_berjalan`;
    expect(fundPick(compiled, row(active), { type: 'DANA_TERSALURKAN', data: { aidType: 'beasiswa', amount: 250_000, fund: 'dana-1' } }))
      .toMatchObject({ stepId: FUNDING, fundId: 'dana-1', amount: 250_000, field: { name: 'fund' }, amountField: { name: 'amount' } });
    expect(fundPick(compiled, row(FOSTER), { type: 'OTA_DITETAPKAN', data: { fund: 'dana-2', monthlySupport: 300_000 } }))
      .toMatchObject({ stepId: FOSTER, fundId: 'dana-2', amount: 300_000, amountField: { name: 'monthlySupport' } });
    // No fund picked, another event, or a step that does not handle it: nothing to pay.
    expect(fundPick(compiled, row(active), { type: 'DANA_TERSALURKAN', data: { aidType: 'beasiswa', amount: 250_000 } })).toBeUndefined();
    expect(fundPick(compiled, row('identifikasi'), { type: 'DANA_TERSALURKAN', data: { fund: 'dana-1', amount: 1 } })).toBeUndefined();
  });

  it('the gate asks for a second pass with the disbursement, then lets the same pick through; sen are refused', () => {
    const cache = new CompiledPathwayCache();
    const pv = { id: 'v1', pathwayId: 'p1', version: 1, document: doc, schoolId: null } as unknown as PathwayVersionRow;
    const now = new Date('2026-02-01T20:00:00Z');
    const event = { type: 'DANA_TERSALURKAN', data: { aidType: 'beasiswa', amount: 250_000, fund: 'dana-1' } };
    const gate = new FundGate(cache, event, 'bk-1', now);
    expect(gate.sideWrites()).toEqual({});
    const first = gate.gate(row(FUNDING), pv);
    expect(first && !first.ok && FundGate.isPending(first.error)).toBe(true);
    expect(gate.sideWrites()).toEqual({ records: { disbursement: { fundId: 'dana-1', amount: 250_000, date: '2026-02-02', stepId: FUNDING, eventType: 'DANA_TERSALURKAN', field: 'fund', recordedBy: 'bk-1' } } });
    expect(gate.gate(row(FUNDING), pv)).toBeNull();
    // The date is the day in WIB.
    expect(ledgerDate(now)).toBe('2026-02-02');
    const sen = new FundGate(cache, { type: 'DANA_TERSALURKAN', data: { aidType: 'beasiswa', amount: 1000.5, fund: 'dana-1' } }, 'bk-1', now).gate(row(FUNDING), pv);
    expect(sen).toMatchObject({ ok: false, error: { code: 'event_not_allowed', details: { code: 'form_invalid', fields: [{ field: 'amount' }] } } });
    // No fund: no second pass.
    expect(new FundGate(cache, { type: 'DANA_TERSALURKAN', data: { aidType: 'beasiswa' } }, 'bk-1', now).gate(row(FUNDING), pv)).toBeNull();
  });
});
