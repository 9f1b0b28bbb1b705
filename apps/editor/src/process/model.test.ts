/** The process view's pure parts: durations in words, step names, which drawn transition a count belongs to. */
import { describe, expect, it } from 'vitest';
import type { PathwayDocument } from '@jalur/engine';
import { documentToModel } from '../designer/model/fromDocument.ts';
import { countsPerEdge, edgeLook, eventName, formatDuration, plainReason, StepNames } from './model.ts';

const doc = {
  format: 'jalur.pathway/1',
  key: 'uji',
  title: { id: 'Uji', en: 'Test' },
  machine: {
    id: 'uji',
    initial: 'a',
    states: {
      a: { meta: { kind: 'identify', title: { id: 'Langkah A', en: 'Step A' } }, on: { LANJUT: { target: 'g', meta: { label: { id: 'Lanjut', en: 'Go on' } } } } },
      g: {
        meta: { kind: 'custom', title: { id: 'Kelompok', en: 'Group' } },
        initial: 'x',
        on: { TUTUP: 'z' },
        states: {
          x: { meta: { kind: 'counseling_individual', title: { id: 'Konseling', en: 'Counseling' } }, on: { SELESAI: 'y' } },
          y: { meta: { kind: 'monitoring', title: { id: 'Pantau', en: 'Monitor' } }, after: { P7D: 'x' }, on: { SELESAI: '#uji.z' } },
        },
      },
      z: { type: 'final', meta: { kind: 'closure', title: { id: 'Selesai', en: 'Done' } } },
    },
  },
  layout: {},
} as unknown as PathwayDocument;

const t = (k: string, o?: Record<string, unknown>) => `${k}${o ? JSON.stringify(o) : ''}`;

describe('process view model', () => {
  it('formats durations as days (hours under a day) with Intl in each language', () => {
    expect(formatDuration(172_800_000, 'id')).toBe('2 hari');
    expect(formatDuration(252_000_000, 'en')).toBe('2.9 days');
    expect(formatDuration(252_000_000, 'id')).toBe('2,9 hari');
    expect(formatDuration(5_550_000, 'id')).toBe('1,5 jam');
    expect(formatDuration(null, 'id')).toBe('—');
  });

  it('names steps by their titles with their groups, never by id', () => {
    const names = new StepNames([doc]);
    expect(names.full('g.x', 'id')).toBe('Kelompok › Konseling');
    expect(names.full('g.y', 'en')).toBe('Group › Monitor');
    expect(names.list(['g.x', 'z'], 'id')).toBe('Kelompok › Konseling + Selesai');
    // A step an older version had: its key in words.
    expect(names.has('lama_sekali')).toBe(false);
    expect(names.full('lama_sekali', 'id')).toBe('Lama sekali');
  });

  it('gives each counted transition to the most specific drawn transition that covers it', () => {
    const { edges } = documentToModel(doc);
    const counts = countsPerEdge(edges, [
      { from: '', to: 'a', count: 9 },
      { from: 'a', to: 'g.x', count: 7 },
      { from: 'g.x', to: 'g.y', count: 5 },
      { from: 'g.y', to: 'g.x', count: 3 },
      // Leaving y for z: y's own SELESAI is more specific than the group's TUTUP.
      { from: 'g.y', to: 'z', count: 2 },
      // Leaving x for z: only the group's TUTUP covers it.
      { from: 'g.x', to: 'z', count: 1 },
    ]);
    const by = Object.fromEntries([...counts].map(([id, c]) => [id, c.count]));
    expect(by).toEqual({ 'a|on:LANJUT|0': 7, 'g.x|on:SELESAI|0': 5, 'g.y|after:P7D|0': 3, 'g.y|on:SELESAI|0': 2, 'g|on:TUTUP|0': 1 });
  });

  it('draws busier transitions thicker and darker', () => {
    expect(edgeLook(10, 10).width).toBeGreaterThan(edgeLook(1, 10).width);
    expect(edgeLook(0, 10).color).not.toBe(edgeLook(1, 10).color);
  });

  it('names events by their labels, timers and case work in words', () => {
    const { edges } = documentToModel(doc);
    expect(eventName('LANJUT', edges, 'en', t)).toBe('Go on');
    expect(eventName('SELESAI_IDENTIFIKASI', edges, 'id', t)).toBe('Selesai identifikasi');
    expect(eventName('xstate.after.P7D.uji.g.y', edges, 'id', t)).toBe('proc.event.timer{"duration":"7 hari"}');
    expect(eventName('approval.decided', edges, 'id', t)).toBe('proc.event.approvalDecided');
    expect(eventName('intervention.skipped', edges, 'id', t)).toBe('proc.event.skipped');
    expect(eventName('riskFactor.added', edges, 'en', t)).toBe('proc.event.riskAdded');
    expect(plainReason('Langkah saat ini tidak menerima "LANJUT".', edges, 'id', t)).toBe('Langkah saat ini tidak menerima “Lanjut”.');
  });
});
