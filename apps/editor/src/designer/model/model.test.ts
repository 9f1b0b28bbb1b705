import { describe, expect, it } from 'vitest';
import type { PathwayDocument } from '@jalur/engine';
import { examplePathway } from '@jalur/engine/test-fixtures';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { documentToModel } from './fromDocument.ts';
import { modelToDocument } from './toDocument.ts';
import { resolveTarget, targetStringFor } from './paths.ts';

const withoutLayout = (d: PathwayDocument): PathwayDocument => ({ ...d, layout: {} });

describe('pathway document ↔ designer model', () => {
  it('keeps a nested and parallel pathway identical (layout aside)', () => {
    const model = documentToModel(nestedPathway);
    expect(withoutLayout(modelToDocument(model))).toEqual(nestedPathway);
  });

  it('draws compound and parallel steps as containers with children inside them', () => {
    const { nodes } = documentToModel(nestedPathway);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('intervensi')?.type).toBe('parallel');
    expect(byId.get('intervensi.konseling')?.type).toBe('group');
    expect(byId.get('intervensi.konseling.sesi')?.parentId).toBe('intervensi.konseling');
    expect(byId.get('intervensi.konseling.sesi')?.type).toBe('counseling_individual');
    // React Flow needs every parent before its children.
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
  });

  it('draws one edge per transition, resolving every way of writing a target', () => {
    const { edges } = documentToModel(nestedPathway);
    const find = (source: string, event: string) => edges.filter((e) => e.source === source && e.data?.event === event);
    expect(find('identifikasi', 'SELESAI').map((e) => e.target)).toEqual(['intervensi', 'selesai']);
    expect(find('intervensi.dana.ajukan', 'DITOLAK')[0]?.target).toBe('evaluasi');
    expect(find('evaluasi', 'LANJUT')[0]?.target).toBe('evaluasi.rapat');
    expect(find('intervensi.konseling.pantau', 'P7D')[0]?.data?.trigger).toBe('after');
    expect(find('evaluasi.rapat', '')[0]?.target).toBe('selesai');
    const note = find('identifikasi', 'CATAT')[0];
    expect(note?.data?.targetless).toBe(true);
    expect(note?.target).toBe('identifikasi');
  });

  it('keeps the shared example document identical and positions from its layout', () => {
    const doc: PathwayDocument = examplePathway();
    const model = documentToModel(doc);
    expect(modelToDocument(model)).toEqual(doc);
    expect(model.nodes.find((n) => n.id === 'pemantauan')?.position).toEqual({ x: 560, y: 0 });
  });

  it('is the identity from model to document to model', () => {
    const model = documentToModel(nestedPathway);
    const again = documentToModel(modelToDocument(model));
    expect(again).toEqual(model);
  });

  it('writes a new target when an edge is reconnected to another step', () => {
    const model = documentToModel(nestedPathway);
    const edge = model.edges.find((e) => e.source === 'intervensi.konseling.sesi')!;
    const moved = { ...model, edges: model.edges.map((e) => (e === edge ? { ...e, target: 'selesai' } : e)) };
    const doc = modelToDocument(moved);
    const sesi = doc.machine.states.intervensi?.states?.konseling?.states?.sesi;
    expect(sesi?.on?.SESI_SELESAI).toBe('#srps.selesai');
  });

  it('resolves and writes targets the way XState does', () => {
    const known = new Set(['a', 'g', 'g.x', 'g.y', 'g.y.z']);
    expect(resolveTarget('g', 'a', 'm', known)).toBe('g');
    expect(resolveTarget('y.z', 'g.x', 'm', known)).toBe('g.y.z');
    expect(resolveTarget('.x', 'g', 'm', known)).toBe('g.x');
    expect(resolveTarget('#m.g.y', 'a', 'm', known)).toBe('g.y');
    expect(resolveTarget('nope', 'a', 'm', known)).toBeUndefined();
    for (const [s, t] of [['a', 'g'], ['g.x', 'g.y.z'], ['g', 'g.x'], ['g.y.z', 'a'], ['a', 'g.y.z'], ['g.x', 'g.y']] as const) {
      expect(resolveTarget(targetStringFor(s, t, 'm'), s, 'm', known)).toBe(t);
    }
  });
});

describe('editing the model', () => {
  it('moves a step into a group and out again, keeping its transitions', async () => {
    const { moveToParent } = await import('./ops.ts');
    const model = documentToModel(nestedPathway);
    const abs = (id: string) => ({ x: id.length * 10, y: 100 });
    const inside = moveToParent(model, 'selesai', 'evaluasi', abs);
    expect(inside.nodes.some((n) => n.id === 'evaluasi.selesai' && n.parentId === 'evaluasi')).toBe(true);
    expect(inside.edges.find((e) => e.source === 'evaluasi.rapat' && e.data?.trigger === 'always')?.target).toBe('evaluasi.selesai');
    const doc = modelToDocument(inside);
    expect(doc.machine.states.evaluasi?.states?.selesai?.type).toBe('final');
    expect(doc.machine.states.evaluasi?.states?.rapat?.always).toEqual([{ target: 'selesai', guard: { type: 'role', params: { in: ['kepsek'] } } }]);
    const out = moveToParent(inside, 'evaluasi.selesai', '', abs);
    expect(modelToDocument(out).machine.states.selesai?.type).toBe('final');
  });
});
