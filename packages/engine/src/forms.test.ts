import { describe, expect, it } from 'vitest';
import type { FormField } from './document.ts';
import { checkFieldValue, validateForm } from './forms.ts';

const fields: FormField[] = [
  { name: 'kehadiran', type: 'number', min: 0, max: 1, required: true, label: { id: 'Kehadiran', en: 'Attendance' } },
  { name: 'faktor', type: 'choice', options: ['economic', 'family'], required: true, label: { id: 'Faktor' } },
  { name: 'tanggal', type: 'date', label: { id: 'Tanggal' } },
  { name: 'setuju', type: 'boolean', label: { id: 'Setuju' } },
  { name: 'catatan', type: 'text', label: { id: 'Catatan' } },
];
const field = (name: string) => fields.find((f) => f.name === name)!;

describe('checkFieldValue', () => {
  it('accepts values of the field’s type and leaves empty values to `required`', () => {
    expect(checkFieldValue(field('kehadiran'), 0.5)).toBeUndefined();
    expect(checkFieldValue(field('faktor'), 'family')).toBeUndefined();
    expect(checkFieldValue(field('tanggal'), '2026-01-05')).toBeUndefined();
    expect(checkFieldValue(field('setuju'), false)).toBeUndefined();
    expect(checkFieldValue(field('catatan'), undefined)).toBeUndefined();
  });

  it('takes a register entry by its id and refuses anything else', () => {
    const dana: FormField = { name: 'dana', type: 'register', register: 'fund', label: { id: 'Sumber dana', en: 'Fund' } };
    expect(checkFieldValue(dana, 'fund_7')).toBeUndefined();
    expect(checkFieldValue(dana, 'Bapak Ahmad (ditulis)')?.message).toEqual({ id: 'Sumber dana: pilih dari daftar', en: 'Fund: choose from the register' });
    expect(checkFieldValue(dana, 7)).toBeDefined();
  });

  it('refuses wrong types, out-of-range numbers, unknown choices and bad dates, in Indonesian and English', () => {
    expect(checkFieldValue(field('kehadiran'), 2)?.message).toEqual({ id: 'Kehadiran: paling besar 1', en: 'Attendance: at most 1' });
    expect(checkFieldValue(field('kehadiran'), '0.5')?.field).toBe('kehadiran');
    expect(checkFieldValue(field('faktor'), 'ekonomi')?.message.id).toMatch(/pilih salah satu: economic, family/);
    expect(checkFieldValue(field('tanggal'), '05/01/2026')).toBeDefined();
    expect(checkFieldValue(field('setuju'), 'ya')).toBeDefined();
    expect(checkFieldValue(field('catatan'), 5)).toBeDefined();
  });
});

describe('validateForm', () => {
  it('requires required fields, unless recorded by an earlier event of the same step', () => {
    expect(validateForm(fields, { kehadiran: 0.5 }, undefined, { requireAll: true }).map((e) => e.field)).toEqual(['faktor']);
    expect(validateForm(fields, { kehadiran: 0.5 }, { faktor: 'family' }, { requireAll: true })).toEqual([]);
    expect(validateForm(fields, {}, undefined, { requireAll: false })).toEqual([]);
  });
});
