import { describe, expect, it } from 'vitest';
import { moveReferral, referralActions } from './referral.ts';
import { canOpenCase, canSeeContent, writableLevels } from './visibility.ts';

describe('referral lifecycle', () => {
  it('sent → accepted → completed, with an outcome report', () => {
    expect(referralActions('sent')).toEqual(['accept', 'reject']);
    expect(moveReferral('sent', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(moveReferral('accepted', 'complete', { outcomeReport: '' }).ok).toBe(false);
    expect(moveReferral('accepted', 'complete', { outcomeReport: 'Sudah konseling 3x' })).toEqual({ ok: true, to: 'completed' });
  });
  it('a rejection needs a reason; nothing moves a rejected or completed referral', () => {
    expect(moveReferral('sent', 'reject').ok).toBe(false);
    expect(moveReferral('sent', 'reject', { reason: 'Penuh' })).toEqual({ ok: true, to: 'rejected' });
    expect(moveReferral('rejected', 'accept').ok).toBe(false);
    expect(moveReferral('completed', 'complete', { outcomeReport: 'x' }).ok).toBe(false);
    expect(referralActions('completed')).toEqual([]);
  });
});

describe('who sees what', () => {
  const bk = { id: 'bk', role: 'guru_bk' as const };
  const bk2 = { id: 'bk2', role: 'guru_bk' as const };
  const wk = { id: 'wk', role: 'wali_kelas' as const };
  const kepsek = { id: 'ks', role: 'kepsek' as const };
  it('rahasia: the author and the case guru BK only', () => {
    expect(canSeeContent('rahasia', bk, 'bk', 'bk')).toBe(true);
    expect(canSeeContent('rahasia', bk2, 'bk', 'bk')).toBe(false);
    expect(canSeeContent('rahasia', kepsek, 'bk', 'bk')).toBe(false);
    expect(canSeeContent('rahasia', wk, 'bk', 'bk')).toBe(false);
  });
  it('terbatas: guru BK and kepsek; umum: everyone but the district', () => {
    expect(canSeeContent('terbatas', kepsek, 'bk', 'bk')).toBe(true);
    expect(canSeeContent('terbatas', wk, 'bk', 'bk')).toBe(false);
    expect(canSeeContent('umum', wk, 'bk', 'bk')).toBe(true);
    expect(canSeeContent('umum', { id: 'd', role: 'admin_dinas' }, 'bk', 'bk')).toBe(false);
    expect(writableLevels('wali_kelas')).toEqual(['umum']);
  });
  it('case access: wali kelas by class, tim by assignment, district never', () => {
    const facts = { assigneeId: 'bk', studentClassName: 'X-1', taskAssigneeIds: ['t1'] };
    expect(canOpenCase({ ...wk, className: 'X-1' }, facts)).toBe(true);
    expect(canOpenCase({ ...wk, className: 'X-2' }, facts)).toBe(false);
    expect(canOpenCase({ id: 't1', role: 'tim', className: null }, facts)).toBe(true);
    expect(canOpenCase({ id: 't2', role: 'tim', className: null }, facts)).toBe(false);
    expect(canOpenCase({ id: 'd', role: 'admin_dinas', className: null }, facts)).toBe(false);
  });
});
