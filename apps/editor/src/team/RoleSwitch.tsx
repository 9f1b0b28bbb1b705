/**
 * "Bertindak sebagai": the role switch in the app bar, for an account that
 * holds more than one role (a guru BK who is also wali kelas of XI-1). The
 * session then acts in the chosen role: every permission check, list,
 * notification and audit row follows it. One role: only its name is shown.
 */
import { useTranslation } from '../i18n/index.ts';
import { useMyRoles, useSwitchRole, type MyRoles } from './queries.ts';
import './messages.ts';
import './team.css';

type Grant = MyRoles['roles'][number];

export function RoleSwitch({ role, fallback }: { role: string; fallback: React.ReactNode }) {
  const { t } = useTranslation('team');
  const { t: tApp } = useTranslation();
  const roles = useMyRoles(role !== 'admin_dinas');
  const change = useSwitchRole();
  const grants = roles.data?.roles ?? [];
  if (grants.length < 2) return <>{fallback}</>;
  const label = (g: Grant) => (g.className ? t('roleWithClass', { role: tApp(`role.${g.role}`), cls: g.className }) : tApp(`role.${g.role}`));
  return (
    <label className="role-switch">
      <span className="muted">{t('actingAs')}</span>{' '}
      <select
        data-testid="role-switch"
        value={roles.data?.active.role ?? role}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.target.value as Grant['role'])}
      >
        {grants.map((g) => (
          <option key={g.role} value={g.role}>
            {label(g)}
          </option>
        ))}
      </select>
    </label>
  );
}
