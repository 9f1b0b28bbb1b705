/**
 * The Satgas SRPS team (route `/team`): the members grouped by function
 * (kepala sekolah, wakasek kesiswaan, guru BK, wali kelas, pembina OSIS,
 * OSIS, komite) with their duties. Every staff member reads it; the kepsek
 * adds members, writes their duties and removes them.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Navigate } from '../app/router.tsx';
import { useMe } from '../auth/session.ts';
import { errorText } from '../cases/http.ts';
import { useStaff } from '../staff/queries.ts';
import { TEAM_FUNCTIONS, useAddMember, useRemoveMember, useTeam, useUpdateMember, type TeamFunction, type TeamMember } from './queries.ts';
import './messages.ts';
import '../cases/cases.css';
import './team.css';

export function Component() {
  const me = useMe().data;
  const team = useTeam(me?.role !== 'admin_dinas');
  const { t } = useTranslation('team');
  if (me?.role === 'admin_dinas') return <Navigate to="/" replace />;
  const kepsek = me?.role === 'kepsek';
  const members = team.data?.members ?? [];
  return (
    <div className="cw-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {team.isPending && <p className="muted">{t('loading')}</p>}
      {team.isError && (
        <p className="error-text" role="alert">
          {errorText(team.error)}
        </p>
      )}
      {team.data && members.length === 0 && <p className="muted">{t('empty')}</p>}
      <div className="team-grid" data-testid="team">
        {TEAM_FUNCTIONS.filter((fn) => members.some((m) => m.function === fn)).map((fn) => (
          <section key={fn} className="cw-section team-function" data-testid={`team-function-${fn}`}>
            <h2>{t(`functions.${fn}`)}</h2>
            <ul className="team-members">
              {members
                .filter((m) => m.function === fn)
                .map((m) => (
                  <MemberRow key={m.id} member={m} editable={kepsek} />
                ))}
            </ul>
          </section>
        ))}
      </div>
      {kepsek && <AddMember members={members} />}
    </div>
  );
}

function MemberRow({ member, editable }: { member: TeamMember; editable: boolean }) {
  const { t } = useTranslation('team');
  const [duties, setDuties] = useState(member.duties);
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const fn = t(`functions.${member.function}`);
  return (
    <li className="team-member" data-testid="team-member">
      <strong>{member.name}</strong>
      {editable ? (
        <form
          className="team-duties-form"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id: member.id, duties });
          }}
        >
          <textarea aria-label={t('dutiesFor', { name: member.name })} value={duties} maxLength={500} rows={3} onChange={(e) => setDuties(e.target.value)} />
          <div className="team-actions">
            <button type="submit" className="btn" disabled={update.isPending || duties === member.duties} aria-label={t('saveDutiesFor', { name: member.name })}>
              {t('save')}
            </button>
            <button
              type="button"
              className="btn"
              aria-label={t('removeFor', { name: member.name, fn })}
              onClick={() => {
                if (window.confirm(t('removeConfirm', { name: member.name, fn }))) remove.mutate(member.id);
              }}
            >
              {t('remove')}
            </button>
          </div>
          {(update.isError || remove.isError) && (
            <p className="error-text" role="alert">
              {errorText(update.error ?? remove.error)}
            </p>
          )}
        </form>
      ) : (
        <p className={member.duties ? '' : 'muted'}>{member.duties || t('noDuties')}</p>
      )}
    </li>
  );
}

function AddMember({ members }: { members: TeamMember[] }) {
  const { t } = useTranslation('team');
  const staff = useStaff();
  const add = useAddMember();
  const [userId, setUserId] = useState('');
  const [fn, setFn] = useState<TeamFunction>('wali_kelas');
  const [duties, setDuties] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const taken = members.some((m) => m.userId === userId && m.function === fn);
  return (
    <section className="cw-section">
      <h2>{t('addTitle')}</h2>
      <form
        className="team-add"
        data-testid="team-add"
        onSubmit={(e) => {
          e.preventDefault();
          const person = staff.data?.items.find((s) => s.id === userId);
          add.mutate(
            { userId, function: fn, duties },
            {
              onSuccess: () => {
                setDone(t('added', { name: person?.name ?? '', fn: t(`functions.${fn}`) }));
                setDuties('');
              },
            },
          );
        }}
      >
        <label>
          {t('member')}
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required data-testid="team-add-user">
            <option value="">{t('chooseStaff')}</option>
            {(staff.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('function')}
          <select value={fn} onChange={(e) => setFn(e.target.value as TeamFunction)} data-testid="team-add-function">
            {TEAM_FUNCTIONS.map((f) => (
              <option key={f} value={f}>
                {t(`functions.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('duties')}
          <input value={duties} maxLength={500} onChange={(e) => setDuties(e.target.value)} data-testid="team-add-duties" />
        </label>
        <button type="submit" className="btn primary" disabled={!userId || taken || add.isPending}>
          {t('add')}
        </button>
      </form>
      {done && !add.isError && <p role="status">{done}</p>}
      {add.isError && (
        <p className="error-text" role="alert">
          {errorText(add.error)}
        </p>
      )}
    </section>
  );
}
