import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { choiceLabel, choiceLabelInline, humanize, OUTCOME_LABELS, RISK_FACTOR_LABELS, valueText } from './values.ts';

describe('value labels', () => {
  it('name risk factors and outcomes in both languages', () => {
    expect(choiceLabel('still_enrolled', 'id')).toBe('Tetap bersekolah');
    expect(choiceLabel('still_enrolled', 'en')).toBe('Still enrolled');
    expect(choiceLabel('dropped_out', 'id')).toBe('Putus sekolah');
    expect(choiceLabel('motivation', 'id')).toBe('Motivasi');
    expect(choiceLabel('economic', 'en')).toBe('Economic');
    expect(choiceLabelInline('still_enrolled', 'id')).toBe('tetap bersekolah');
    expect(choiceLabelInline('pkbm_paket_c', 'id')).toBe('PKBM paket c');
  });
  it('turn a value nobody labelled into words, keeping acronyms', () => {
    expect(humanize('kurang_mampu')).toBe('Kurang mampu');
    expect(humanize('SELESAI_IDENTIFIKASI')).toBe('Selesai identifikasi');
    expect(choiceLabel('pkbm_paket_c', 'id')).toBe('PKBM paket c');
    expect(choiceLabel('kurang_mampu', 'en')).toBe('Low income');
  });
  it('write any form value as words', () => {
    expect(valueText(['economic', 'family'], 'id')).toBe('Ekonomi, Keluarga');
    expect(valueText(true, 'en')).toBe('Yes');
    expect(valueText('Sudah ditelepon', 'id')).toBe('Sudah ditelepon');
    expect(valueText(3, 'id')).toBe('3');
  });
  it('label every choice of the template pathways in English (no raw id on an English screen)', () => {
    const dir = new URL('../../../../workflows/', import.meta.url);
    const raw: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const walk = (o: unknown): void => {
        if (Array.isArray(o)) o.forEach(walk);
        else if (o && typeof o === 'object') {
          const r = o as { type?: string; options?: unknown[] };
          if (r.type === 'choice' && Array.isArray(r.options)) for (const v of r.options) if (typeof v === 'string' && !(v in OUTCOME_LABELS) && !(v in RISK_FACTOR_LABELS) && choiceLabel(v, 'en') === humanize(v)) raw.push(`${f}: ${v}`);
          Object.values(o).forEach(walk);
        }
      };
      walk(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
    }
    expect(raw).toEqual([]);
    expect(Object.keys(OUTCOME_LABELS)).toContain('still_enrolled');
    expect(Object.keys(RISK_FACTOR_LABELS)).toContain('motivation');
  });
});
