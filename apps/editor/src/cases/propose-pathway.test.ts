import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factorsMentioned, proposePathway, uniquePathways } from './propose-pathway.ts';

const KNOWN = ['motivation', 'economic', 'family', 'bullying', 'distance', 'environment', 'social_media', 'early_marriage', 'work', 'health', 'other'];
const template = (name: string) => JSON.parse(readFileSync(new URL(`../../../../workflows/${name}.json`, import.meta.url), 'utf8')) as unknown;
const guardOn = (field: string, value: unknown) => ({ machine: { states: { a: { on: { GO: { target: 'b', guard: { type: 'check', params: { field, op: 'eq', value } } } } }, b: { type: 'final' } } } });

describe('proposing a pathway for a flagged student', () => {
  it('reads the factors a document mentions in conditions, choices and its own list, not in free text', () => {
    expect([...factorsMentioned(template('srps-standar'), KNOWN)].sort()).toEqual(['bullying', 'economic', 'family', 'motivation']);
    expect(factorsMentioned(guardOn('riskFactors', ['economic', 'work']), KNOWN)).toEqual(new Set(['economic', 'work']));
    expect(factorsMentioned({ title: { id: 'other family work' }, description: 'economic' }, KNOWN).size).toBe(0);
  });
  it('picks the pathway that mentions the most of the student’s factors', () => {
    const choices = [
      { id: 'srps', title: 'SRPS standar', document: template('srps-standar'), openCases: 30 },
      { id: 'econ', title: 'Bantuan ekonomi', document: { meta: { riskFactors: ['economic', 'work'] } }, openCases: 1 },
      { id: 'home', title: 'Kunjungan rumah', document: template('kunjungan-rumah'), openCases: 3 },
    ];
    expect(proposePathway(choices, ['economic', 'work'], KNOWN)).toEqual({ id: 'econ', matched: ['economic', 'work'] });
    expect(proposePathway(choices, ['family'], KNOWN)).toEqual({ id: 'srps', matched: ['family'] });
  });
  it('gives a tie to the school’s default: the pathway most open cases follow, then the title', () => {
    const choices = [
      { id: 'a', title: 'B jalur', document: {}, openCases: 2 },
      { id: 'b', title: 'A jalur', document: {}, openCases: 5 },
      { id: 'c', title: 'C jalur', document: {}, openCases: 5 },
    ];
    expect(proposePathway(choices, ['distance'], KNOWN)?.id).toBe('b');
    expect(proposePathway([], ['distance'], KNOWN)).toBeNull();
  });
  it('offers each pathway once', () => {
    expect(uniquePathways([{ id: 'x' }, { id: 'y' }, { id: 'x' }]).map((p) => p.id)).toEqual(['x', 'y']);
  });
});
