import { describe, expect, it } from 'vitest';
import type { FormField } from '@jalur/engine';
import { answerRows, answerText, choiceLabel } from './step-answers.ts';

const FORM: FormField[] = [
  { name: 'faktor', type: 'choice', options: ['economic', 'utuh_harmonis'], label: { id: 'Faktor utama', en: 'Main factor' } },
  { name: 'hadir', type: 'boolean', label: { id: 'Hadir' } },
  { name: 'tanggal', type: 'date', label: { id: 'Tanggal', en: 'Date' } },
  { name: 'dana', type: 'register', register: 'fund', label: { id: 'Sumber dana', en: 'Fund' } },
];
const ID = '0b7f2c1e-3a4d-4c5e-9f60-718293a4b5c6';

describe('step answers as words', () => {
  it('reads choice codes as labels, never as codes', () => {
    expect(choiceLabel('economic')).toEqual({ id: 'Ekonomi', en: 'Economic' });
    expect(choiceLabel('utuh_harmonis').id).toBe('Utuh harmonis');
    expect(choiceLabel('pkbm_paket_c').id).toBe('PKBM paket C');
  });

  it('reads a register entry by its name, or as a neutral entry — never the id', () => {
    const lookup = (kind: string | undefined, id: string) => (kind === 'fund' && id === ID ? 'Yayasan Peduli Anak' : null);
    expect(answerText(FORM[3], ID, lookup).id).toBe('Yayasan Peduli Anak');
    const unknown = answerText(FORM[3], ID);
    expect(unknown.id).toBe('Entri daftar dana');
    expect(JSON.stringify(unknown)).not.toContain(ID);
  });

  it('keeps the form order, labels in both languages, dates and yes/no in words', () => {
    const rows = answerRows(FORM, { tanggal: '2026-12-01', hadir: true, faktor: 'utuh_harmonis', dana: ID, extra_note: ID });
    expect(rows.map((r) => r.field)).toEqual(['faktor', 'hadir', 'tanggal', 'dana', 'extra_note']);
    expect(rows[0]!.label).toEqual({ id: 'Faktor utama', en: 'Main factor' });
    expect(rows[1]!.value).toEqual({ id: 'Ya', en: 'Yes' });
    expect(rows[2]!.value).toEqual({ id: '1 Desember 2026', en: '1 December 2026' });
    expect(JSON.stringify(rows)).not.toContain(ID);
  });
});
