import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, type PathwayDocument } from './document.ts';
import type { DocumentIssue } from './contract.ts';
import { parsePathway } from './parse.ts';
import { examplePathway, meta, pathway } from './test-fixtures.ts';

function issues(json: unknown, options?: Parameters<typeof parsePathway>[1]): DocumentIssue[] {
  const r = parsePathway(json, options);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.error;
}

function valid(): PathwayDocument {
  return pathway({
    initial: 'a',
    states: { a: { meta: meta('Langkah A'), on: { SELESAI: 'b' }, after: { P7D: 'b' } }, b: { type: 'final', meta: meta('Selesai') } },
  });
}

/** A deep copy to break on purpose. */
function broken(): Record<string, any> {
  return JSON.parse(JSON.stringify(valid()));
}

describe('parsePathway', () => {
  it('accepts a valid document given as a value or as JSON text, filling defaults', () => {
    const doc = valid();
    const fromValue = parsePathway(doc);
    const fromText = parsePathway(JSON.stringify(doc));
    expect(fromValue.ok && fromText.ok).toBe(true);
    if (fromText.ok) expect(fromText.value).toEqual(doc);
    const noDefaults = broken();
    delete noDefaults.layout;
    delete noDefaults.machine.states.a.meta.roles;
    const r = parsePathway(noDefaults);
    expect(r.ok && r.value.layout).toEqual({});
    expect(r.ok && r.value.machine.states.a?.meta?.roles).toEqual([]);
  });

  it('accepts the shared example pathway', () => {
    expect(examplePathway().key).toBe('contoh-singkat');
  });

  it('explains invalid JSON and a document that is not an object', () => {
    const [bad] = issues('{"format": ');
    expect(bad?.path).toEqual([]);
    expect(bad?.message.id).toMatch(/bukan JSON yang sah/);
    expect(bad?.message.en).toMatch(/not valid JSON/);
    expect(issues('[1,2]')[0]?.message.id).toMatch(/harus berupa objek/);
    expect(issues(42)[0]?.message.en).toMatch(/must be a JSON object/);
  });

  it('points at a missing required field with its path, in Indonesian and English', () => {
    const doc = broken();
    delete doc.machine.states.a.meta.title;
    const [issue] = issues(doc);
    expect(issue?.path).toEqual(['machine', 'states', 'a', 'meta', 'title']);
    expect(issue?.message.id).toBe('Langkah ‘a’ › keterangan langkah › judul: wajib diisi.');
    expect(issue?.message.en).toBe('Step ‘a’ › step details › title: is required.');
  });

  it('names the allowed choices when a step kind or a role is unknown', () => {
    const doc = broken();
    doc.machine.states.a.meta.kind = 'konseling';
    doc.machine.states.a.meta.roles = ['guru'];
    const found = issues(doc);
    const kind = found.find((i) => i.path.at(-1) === 'kind');
    expect(kind?.message.id).toMatch(/‘konseling’ bukan pilihan yang dikenal\. Pilihan: ‘identify’/);
    const role = found.find((i) => i.path.join('.') === 'machine.states.a.meta.roles.0');
    expect(role?.message.id).toMatch(/peran petugas › no\. 1: ‘guru’ bukan pilihan/);
  });

  it('takes state names as XState does (spaces, digits first, any letters) and refuses a dotted one with the reason', () => {
    const ok = broken();
    ok.machine.states['kunjungan rumah'] = { type: 'final' };
    ok.machine.states['1'] = { type: 'final' };
    ok.machine.states['état'] = { type: 'final' };
    expect(parsePathway(ok).ok).toBe(true);
    const doc = broken();
    doc.machine.states['kunjungan.rumah'] = { type: 'final' };
    const [issue] = issues(doc);
    expect(issue?.path).toEqual(['machine', 'states', 'kunjungan.rumah']);
    expect(issue?.message.en).toMatch(/cannot name a step: a dot \(\.\) separates steps/);
    const hash = broken();
    hash.machine.states['#a'] = { type: 'final' };
    expect(issues(hash)[0]?.message.en).toMatch(/leading # marks an id reference/);
  });

  it('calls an over-long name too long, not invalid', () => {
    const state = broken();
    state.machine.states['s'.repeat(121)] = { type: 'final' };
    expect(issues(state)[0]?.message.en).toMatch(/is too long: 121 characters, at most 120/);
    const event = broken();
    event.machine.states.a.on['E'.repeat(130)] = 'b';
    const [issue] = issues(event);
    expect(issue?.path).toEqual(['machine', 'states', 'a', 'on', 'E'.repeat(130)]);
    expect(issue?.message.en).toMatch(/event name .* is too long: 130 characters, at most 120/);
    expect(issue?.message.en).not.toMatch(/not a valid name/);
  });

  it('explains an unknown guard type instead of a union error', () => {
    const doc = broken();
    doc.machine.states.a.on.SELESAI = { target: 'b', guard: { type: 'all', params: { of: [] } } };
    const [issue] = issues(doc);
    expect(issue?.path).toEqual(['machine', 'states', 'a', 'on', 'SELESAI', 'guard', 'type']);
    expect(issue?.message.id).toMatch(/syarat ‘all’ tidak dikenal\. Gunakan check, and, or, not atau role\./);
  });

  it('explains a transition of the wrong shape and looks inside the one that was meant', () => {
    const doc = broken();
    doc.machine.states.a.on.SELESAI = 5;
    doc.machine.states.a.on.LAIN = [{ target: 7 }];
    const found = issues(doc);
    expect(found.find((i) => i.path.at(-1) === 'SELESAI')?.message.en).toMatch(/must be a target step name, one transition/);
    const target = found.find((i) => i.path.at(-1) === 'target');
    expect(target?.path).toEqual(['machine', 'states', 'a', 'on', 'LAIN', 0, 'target']);
    expect(target?.message.id).toMatch(/harus berupa teks/);
  });

  it('reports unknown keys, wrong types, numbers out of range and fractions', () => {
    const doc = broken();
    doc.machine.states.a.entry = ['kirimEmail'];
    doc.machine.states.a.meta.dueInDays = 1.5;
    doc.title = 'Judul';
    const found = issues(doc);
    expect(found.find((i) => i.path.join('.') === 'machine.states.a')?.message.id).toMatch(/isian ‘entry’ tidak dikenal di sini/);
    expect(found.find((i) => i.path.at(-1) === 'dueInDays')?.message.id).toMatch(/harus bilangan bulat/);
    expect(found.find((i) => i.path.join('.') === 'title')?.message.id).toMatch(/Judul: harus berupa objek/);
    const far = broken();
    far.machine.states.a.meta.dueInDays = 99_999;
    expect(issues(far)[0]?.message.en).toMatch(/must be at most 3650/);
  });

  it('refuses a wrong format marker and an empty Indonesian title', () => {
    const doc = broken();
    doc.format = 'jalur.pathway/2';
    doc.title = { id: '' };
    const found = issues(doc);
    expect(found.find((i) => i.path[0] === 'format')?.message.id).toMatch(/harus ‘jalur\.pathway\/1’/);
    expect(found.find((i) => i.path.join('.') === 'title.id')?.message.id).toBe('Judul › teks Bahasa Indonesia: tidak boleh kosong.');
  });

  describe('limits checked before the schema', () => {
    it('refuses text larger than the byte limit', () => {
      const text = JSON.stringify(valid());
      const [issue] = issues(text, { limits: { maxBytes: 100 } });
      expect(issue?.message.id).toMatch(/Dokumen terlalu besar/);
      expect(issue?.message.en).toMatch(/too large/);
      expect(DOCUMENT_LIMITS.maxBytes).toBeGreaterThan(100);
    });

    it('refuses __proto__, constructor and prototype keys anywhere', () => {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const text = JSON.stringify(valid()).replace('"roles":[]', `"roles":[],"${key}":{"polluted":true}`);
        const [issue] = issues(text);
        expect(issue?.path).toEqual(['machine', 'states', 'a', 'meta', key]);
        expect(issue?.message.id).toMatch(/tidak boleh dipakai di dokumen/);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses states nested deeper than the limit', () => {
      let node: Record<string, unknown> = { type: 'final' };
      for (let i = 0; i < DOCUMENT_LIMITS.maxDepth + 1; i++) node = { initial: 'x', states: { x: node } };
      const doc = broken();
      doc.machine.states.a = node;
      expect(issues(doc)[0]?.message.id).toMatch(/bertingkat terlalu dalam/);
    });

    it('refuses raw JSON nested absurdly deep without overflowing the stack', () => {
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      expect(issues(deep)[0]?.message.en).toMatch(/nested too deeply/);
    });

    it('refuses more states than the limit', () => {
      const doc = broken();
      for (let i = 0; i < 30; i++) doc.machine.states[`s${i}`] = { type: 'final' };
      expect(issues(doc, { limits: { maxStates: 20 } })[0]?.message.id).toMatch(/Terlalu banyak langkah: 32, paling banyak 20/);
    });
  });

  describe('checks the schema cannot express', () => {
    it('refuses timers that are not ISO-8601 durations, unless left to lint', () => {
      const doc = broken();
      doc.machine.states.a.after = { P7: 'b', seminggu: 'b', '7000': 'b', PT12H: 'b' };
      const found = issues(doc);
      expect(found.map((i) => i.path.at(-1))).toEqual(['P7', 'seminggu']);
      expect(found[0]?.message.id).toMatch(/‘P7’ bukan durasi ISO-8601\. Contoh: P7D \(7 hari\)/);
      expect(parsePathway(doc, { timers: 'lint' }).ok).toBe(true);
    });

    it('requires every group to name an existing initial step', () => {
      const doc = broken();
      doc.machine.initial = 'z';
      doc.machine.states.g = { states: { x: { type: 'final' } } };
      const found = issues(doc);
      expect(found.map((i) => i.path.join('.'))).toEqual(['machine.initial', 'machine.states.g.initial']);
      expect(found[0]?.message.id).toBe('Bagan langkah › langkah awal: ‘z’ tidak ada di kelompok ini. Pilihan: ‘a’, ‘b’, ‘g’.');
      expect(found[1]?.message.en).toBe('Step ‘g’ › initial step: is missing; this group needs a first step. Choices: ‘x’.');
    });

    it('does not ask parallel groups for an initial step', () => {
      const doc = broken();
      doc.machine.states.p = { type: 'parallel', states: { r1: { initial: 'x', states: { x: {} } }, r2: { initial: 'y', states: { y: {} } } } };
      expect(parsePathway(doc).ok).toBe(true);
    });
  });
});
