/**
 * One staff member with a role selector (and a class for a wali kelas) and a
 * save button; the outcome is announced in the row. One's own role is shown
 * but cannot be changed (the API refuses it too). The last cell holds the
 * account buttons when the caller manages this account.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { errorText } from '../cases/http.ts';
import type { Account } from '../account/queries.ts';
import { AccountActions } from './AccountActions.tsx';
import { ExtraRoles } from './ExtraRoles.tsx';
import { STAFF_ROLES, useRoleChange, type StaffMember, type StaffRole } from './queries.ts';

const isStaffRole = (r: string): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r);

export function StaffRow({ member, isSelf, account }: { member: StaffMember; isSelf: boolean; account?: Account | undefined }) {
  const { t } = useTranslation('staff');
  const { t: tr } = useTranslation();
  const [role, setRole] = useState<string>(member.role);
  const [className, setClassName] = useState(member.className ?? '');
  const change = useRoleChange();
  const editable = !isSelf && isStaffRole(member.role);
  const dirty = role !== member.role || (role === 'wali_kelas' && className.trim() !== (member.className ?? ''));
  const needsClass = role === 'wali_kelas' && !className.trim();

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    if (!isStaffRole(role) || !dirty || needsClass) return;
    change.mutate({ id: member.id, change: { role, ...(role === 'wali_kelas' ? { className: className.trim() } : {}) } });
  };
  const formId = `staff-${member.id}`;

  return (
    <tr data-testid="staff-row" data-email={member.email}>
      <td>
        {member.name} {isSelf && <span className="muted small">({t('you')})</span>} {member.disabled && <span className="muted small">· {t('disabled')}</span>}
      </td>
      <td>{member.email}</td>
      <td>
        {editable ? (
          <form id={formId} onSubmit={save} className="staff-role">
            <select aria-label={t('roleFor', { name: member.name })} value={role} onChange={(e) => { setRole(e.target.value); change.reset(); }} data-testid="staff-role">
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(`role.${r}`)}
                </option>
              ))}
            </select>
            {role === 'wali_kelas' && (
              <input aria-label={t('classFor', { name: member.name })} placeholder={t('className')} value={className} onChange={(e) => setClassName(e.target.value)} required maxLength={50} size={8} />
            )}
          </form>
        ) : (
          <span title={isSelf ? t('ownRole') : undefined}>
            {(account?.roles ?? [{ role: member.role, className: member.className }]).map((g) => `${tr(`role.${g.role}`)}${g.className ? ` · ${g.className}` : ''}`).join(', ')}
          </span>
        )}
      </td>
      <td>
        {editable && (
          <button type="submit" form={formId} className="btn small primary" disabled={!dirty || needsClass || change.isPending} aria-label={t('saveFor', { name: member.name })} data-testid="staff-save">
            {change.isPending ? t('saving') : t('save')}
          </button>
        )}
        <span role="status" className="small staff-status">
          {change.isSuccess && <span className="privacy-ok">{t('saved', { name: change.data.name, role: tr(`role.${change.data.role}`) })}</span>}
          {change.isError && <span className="error-text">{errorText(change.error)}</span>}
        </span>
      </td>
      <td>
        {account && <AccountActions account={account} />}
        {account && editable && <ExtraRoles account={account} />}
      </td>
    </tr>
  );
}
