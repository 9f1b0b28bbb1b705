import { describe, expect, it } from 'vitest';
import { documentToModel } from './fromDocument.ts';
import { modelToDocument } from './toDocument.ts';
import { addStep, connectSteps, deleteElements, pasteSteps, renameStep, selectionForCopy } from './ops.ts';
import { nestedPathway } from '../samples/nestedPathway.ts';
import { blankPathway } from '../../pathways/blank.ts';

describe('designer edits', () => {
  it('copies a group with its steps and inner transitions and pastes it under new keys', () => {
    const model = documentToModel(nestedPathway);
    const selected = { ...model, nodes: model.nodes.map((n) => ({ ...n, selected: n.id === 'evaluasi' })) };
    const clip = selectionForCopy(selected);
    expect(clip.nodes.map((n) => n.id)).toEqual(['evaluasi', 'evaluasi.rapat']);
    const pasted = pasteSteps(selected, clip);
    const doc = modelToDocument(pasted);
    expect(doc.machine.states.evaluasi_2?.states?.rapat).toBeDefined();
    expect(doc.machine.states.evaluasi_2?.initial).toBe('rapat');
    // The original is untouched.
    expect(doc.machine.states.evaluasi).toEqual(nestedPathway.machine.states.evaluasi);
  });

  it('deletes a step with its transitions and keeps every initial pointing at a step', () => {
    const model = documentToModel(nestedPathway);
    const next = deleteElements(model, ['intervensi.konseling.sesi'], []);
    const doc = modelToDocument(next);
    const konseling = doc.machine.states.intervensi?.states?.konseling;
    expect(konseling?.initial).toBe('pantau');
    expect(konseling?.states?.pantau?.after).toBeUndefined();
    const rootless = deleteElements(model, ['identifikasi'], []);
    expect(modelToDocument(rootless).machine.initial).toBe('intervensi');
  });

  it('renames a step and moves the transitions and the initial with it', () => {
    const model = documentToModel(nestedPathway);
    const doc = modelToDocument(renameStep(model, 'identifikasi', 'temukan'));
    expect(doc.machine.initial).toBe('temukan');
    expect(doc.machine.states.evaluasi?.states?.rapat?.on?.ULANG).toEqual([{ target: ['#srps.temukan'] }]);
  });

  it('adds steps from the palette into a blank pathway, first step into a new group becomes its initial', () => {
    let m = documentToModel(blankPathway('Uji', 'uji'));
    const g = addStep(m, 'custom', { x: 300, y: 0 }, '', 'group');
    m = g.model;
    const child = addStep(m, 'home_visit', { x: 20, y: 60 }, g.id);
    m = connectSteps(child.model, 'identifikasi', g.id).model;
    const doc = modelToDocument(m);
    expect(doc.machine.states.kelompok?.initial).toBe('kunjungan_rumah');
    expect(doc.machine.states.kelompok?.states?.kunjungan_rumah?.meta?.kind).toBe('home_visit');
    expect(doc.machine.states.identifikasi?.on).toEqual({ LANJUT: { target: 'kelompok' } });
  });
});
