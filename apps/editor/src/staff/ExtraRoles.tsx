/**
 * A staff member's additional roles (one person, several roles): check the
 * roles they hold besides their main one — a wali kelas role with its class —
 * and save (`PUT /api/accounts/{id}/roles`). They then pick the active role
 * in the app bar.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { errorText } from '../cases/http.ts';
import type { Account } from '../account/queries.ts';
import { useSetRoles, type RoleGrants } from './queries.ts';

type Extra = 'guru_bk' | 'wali_kelas' | 'tim';
const EXTRAS: readonly Extra[] = ['guru_bk', 'wali_kelas', 'tim'];

export function ExtraRoles({ account }: { account: Account }) {
  const { t } = useTranslation('staff');
  const { t: tr } = useTranslation();
  const held = account.roles.slice(1);
  const [checked, setChecked] = useState<Set<Extra>>(() => new Set(held.map((g) => g.role).filter((r): r is Extra => (EXTRAS as readonly string[]).includes(r))));
  const [cls, setCls] = useState(held.find((g) => g.role === 'wali_kelas')?.className ?? '');
  const save = useSetRoles();
  const options = EXTRAS.filter((r) => r !== account.role);
  const needsClass = checked.has('wali_kelas') && !cls.trim();
  const label = (g: { role: string; className: string | null }) => `${tr(`role.${g.role}`)}${g.className ? ` ${g.className}` : ''}`;
  return (
    <fieldset className="staff-extra-roles" data-testid="staff-extra-roles">
      <legend className="small muted">{t('extraRoles')}</legend>
      {options.map((r) => (
        <label key={r} className="small">
          <input
            type="checkbox"
            checked={checked.has(r)}
            onChange={(e) => {
              const next = new Set(checked);
              if (e.target.checked) next.add(r);
              else next.delete(r);
              setChecked(next);
              save.reset();
            }}
          />{' '}
          {tr(`role.${r}`)}
        </label>
      ))}
      {checked.has('wali_kelas') && (
        <input aria-label={t('extraClassFor', { name: account.name })} value={cls} maxLength={40} size={6} onChange={(e) => setCls(e.target.value)} />
      )}
      <button
        type="button"
        className="btn small"
        disabled={needsClass || save.isPending}
        aria-label={t('saveRolesFor', { name: account.name })}
        onClick={() => {
          const main = account.roles[0] ?? { role: account.role, className: account.className };
          const roles: RoleGrants = [
            { role: main.role, className: main.className },
            ...options.filter((r) => checked.has(r)).map((r) => ({ role: r, className: r === 'wali_kelas' ? cls.trim() : null })),
          ];
          save.mutate({ id: account.id, roles });
        }}
      >
        {t('saveRoles')}
      </button>
      <span role="status" className="small">
        {save.isSuccess && <span className="privacy-ok">{t('rolesSaved', { name: account.name, roles: save.data.roles.map(label).join(', ') })}</span>}
        {save.isError && <span className="error-text">{errorText(save.error)}</span>}
      </span>
    </fieldset>
  );
}
