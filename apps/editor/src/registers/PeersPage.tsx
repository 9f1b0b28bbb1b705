/**
 * "Konselor sebaya" (route `/registers/peers`): the school's peer
 * counsellors — students trained when and by whom, supervised by a guru BK,
 * active or not, and whether a peer-support step may pick them — with each
 * one's supervision sessions; a form to register a student, and a
 * supervision session recorded once for every counsellor present (its notes
 * follow the notes' confidentiality). The kepsek and guru BK write; Satgas
 * members read.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../auth/session.ts';
import { call, errorText } from '../cases/http.ts';
import {
  dateText, todayIso, useAddCounsellor, useAddSupervision, useCounsellor, useCounsellors, useSupervisions, useUpdateCounsellor,
  type Counsellor, type CounsellorList, type Level, type Supervision,
} from './PartnersApi.ts';
import { HeldOnField, LevelField, ListStatus, RegisterPage } from './RegisterPageKit.tsx';
import '../cases/cases.css';

export function Component() {
  const { t } = useTranslation('satgas');
  const me = useMe().data;
  const list = useCounsellors();
  const supervisions = useSupervisions();
  const [open, setOpen] = useState<string | null>(null);
  const canWrite = list.data?.canWrite ?? false;
  return (
    <RegisterPage area="peers" readOnly={!!list.data && !canWrite}>
      <section className="cw-section" aria-label={t('peers.title')}>
        <ListStatus query={list} none={t('peers.none')} />
        {list.data && (
          <ul className="reg-cards" data-testid="peers">
            {list.data.items.map((c) => (
              <CounsellorCard key={c.id} c={c} list={list.data} canWrite={canWrite} open={open === c.id} onOpen={() => setOpen(open === c.id ? null : c.id)} />
            ))}
          </ul>
        )}
        {canWrite && list.data && <AddCounsellor list={list.data} />}
      </section>
      <section className="cw-section" aria-labelledby="supervisions-h">
        <h2 id="supervisions-h">{t('peers.supervisions')}</h2>
        {supervisions.isError && <p className="cw-msg error" role="alert">{errorText(supervisions.error)}</p>}
        {supervisions.data && supervisions.data.items.length === 0 && <p className="muted">{t('peers.noSupervisions')}</p>}
        {supervisions.data && <SupervisionList items={supervisions.data.items} />}
        {canWrite && list.data && <AddSupervision list={list.data} meId={me?.role === 'guru_bk' ? me.id : undefined} />}
      </section>
    </RegisterPage>
  );
}

function CounsellorCard({ c, list, canWrite, open, onOpen }: { c: Counsellor; list: CounsellorList; canWrite: boolean; open: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation('satgas');
  const lang = i18n.language;
  const update = useUpdateCounsellor();
  const [training, setTraining] = useState({ trainedOn: c.trainedOn ?? '', trainingName: c.trainingName ?? '', trainingOrganiser: c.trainingOrganiser ?? '' });
  const [editing, setEditing] = useState(false);
  return (
    <li className={`reg-card${c.active ? '' : ' is-inactive'}`} data-testid="peer" data-name={c.studentName}>
      <div className="reg-card-head">
        <strong>{c.studentName}</strong>
        <span>
          <span className={`cw-tag ${c.trained ? 'ok' : 'watch'}`}>{c.trained ? t('peers.trained') : t('peers.notTrained')}</span>{' '}
          <span className={`cw-tag ${c.active ? '' : 'watch'}`}>{c.active ? t('active') : t('inactive')}</span>
        </span>
      </div>
      <span className="muted small">
        {t('peers.className')} {c.className ?? '—'}
      </span>
      {c.trained && (
        <span className="small">
          {t('peers.trainedLine', { date: dateText(c.trainedOn, lang), by: c.trainingOrganiser ? t('peers.by', { who: c.trainingOrganiser }) : '' })}
          {c.trainingName ? ` — ${c.trainingName}` : ''}
        </span>
      )}
      <span className="small">
        {t('peers.supervisor')}: {c.supervisor?.name ?? t('peers.noSupervisor')}
      </span>
      {c.pickable && <span className="cw-tag ok" style={{ justifySelf: 'start' }}>{t('peers.pickable')}</span>}
      <div className="reg-actions">
        <button type="button" className="btn small" aria-expanded={open} aria-label={t('peers.open', { name: c.studentName })} onClick={onOpen} data-testid="peer-open">
          {t('peers.supervisions')}
        </button>
        {canWrite && (
          <>
            <button type="button" className="btn small" onClick={() => setEditing(!editing)} data-testid="peer-edit">
              {t('peers.trainedOn')}
            </button>
            <button type="button" className="btn small" disabled={update.isPending} onClick={() => update.mutate({ id: c.id, patch: { active: !c.active } })} data-testid="peer-toggle">
              {c.active ? t('deactivate') : t('activate')}
            </button>
          </>
        )}
      </div>
      {editing && (
        <form
          className="reg-form"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate(
              { id: c.id, patch: { trainedOn: training.trainedOn || null, trainingName: training.trainingName || null, trainingOrganiser: training.trainingOrganiser || null } },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <div className="cw-form">
            <TrainingFields value={training} onChange={(patch) => setTraining({ ...training, ...patch })} />
          </div>
          <button type="submit" className="btn primary small" disabled={update.isPending}>
            {t('save')}
          </button>
        </form>
      )}
      {update.isError && <p className="cw-msg error" role="alert">{errorText(update.error)}</p>}
      {open && <CounsellorSupervisions id={c.id} name={c.studentName} />}
    </li>
  );
}

interface Training {
  trainedOn: string;
  trainingName: string;
  trainingOrganiser: string;
}

/** When, what and by whom a counsellor was trained: on the card's edit form and on the form that registers one. */
function TrainingFields({ value, onChange }: { value: Training; onChange: (patch: Partial<Training>) => void }) {
  const { t } = useTranslation('satgas');
  return (
    <>
      <label>
        {t('peers.trainedOn')}
        <input type="date" name="trainedOn" max={todayIso()} value={value.trainedOn} onChange={(e) => onChange({ trainedOn: e.target.value })} />
      </label>
      <label>
        {t('peers.trainingName')}
        <input name="trainingName" maxLength={200} value={value.trainingName} onChange={(e) => onChange({ trainingName: e.target.value })} />
      </label>
      <label>
        {t('peers.trainingOrganiser')}
        <input name="trainingOrganiser" maxLength={200} value={value.trainingOrganiser} onChange={(e) => onChange({ trainingOrganiser: e.target.value })} />
      </label>
    </>
  );
}

/** The guru BK who supervises (`orNone`: or no one yet). */
function SupervisorField({ value, onChange, list, orNone = false }: { value: string; onChange: (id: string) => void; list: CounsellorList; orNone?: boolean }) {
  const { t } = useTranslation('satgas');
  return (
    <label>
      {t('peers.supervisor')}
      <select name="supervisorId" value={value} onChange={(e) => onChange(e.target.value)}>
        {orNone && <option value="">{t('peers.noSupervisor')}</option>}
        {list.supervisors.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function CounsellorSupervisions({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('satgas');
  const detail = useCounsellor(id);
  if (detail.isPending) return <p className="muted small">{t('loading')}</p>;
  if (detail.isError) return <p className="cw-msg error" role="alert">{errorText(detail.error)}</p>;
  return (
    <div className="reg-detail" data-testid="peer-supervisions">
      <strong className="small">{t('peers.supervisionsOf', { name })}</strong>
      {detail.data.supervisions.length === 0 ? <p className="muted small">{t('peers.noSupervisions')}</p> : <SupervisionList items={detail.data.supervisions} />}
    </div>
  );
}

function SupervisionList({ items }: { items: Supervision[] }) {
  const { t, i18n } = useTranslation('satgas');
  const lang = i18n.language;
  return (
    <ul className="reg-list" data-testid="supervisions">
      {items.map((s) => (
        <li key={s.id} data-testid="supervision">
          <strong>{dateText(s.heldOn, lang)}</strong> · {s.supervisor.name}
          <div className="small">{s.counsellors.map((c) => c.name).join(', ')}</div>
          {s.notes !== null && <p className="small" style={{ margin: '4px 0 0' }}>{s.notes}</p>}
          {s.notesHidden && <p className="muted small" style={{ margin: '4px 0 0' }}>{t('hiddenNotes')}</p>}
        </li>
      ))}
    </ul>
  );
}

function AddCounsellor({ list }: { list: CounsellorList }) {
  const { t } = useTranslation('satgas');
  const add = useAddCounsellor();
  const [search, setSearch] = useState('');
  const [f, setF] = useState({ studentId: '', trainedOn: '', trainingName: '', trainingOrganiser: '', supervisorId: list.supervisors[0]?.id ?? '' });
  const [done, setDone] = useState<string | null>(null);
  const students = useQuery({
    queryKey: ['satgas-registers', 'students', search],
    queryFn: () => call<{ items: { id: string; name: string; className: string; nisn: string }[] }>('GET', `/api/students?limit=50${search.trim() ? `&search=${encodeURIComponent(search.trim())}` : ''}`),
  });
  const taken = new Set(list.items.map((c) => c.studentId));
  return (
    <form
      className="reg-form"
      data-testid="peer-form"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        add.mutate(
          { studentId: f.studentId, trainedOn: f.trainedOn || null, trainingName: f.trainingName.trim() || null, trainingOrganiser: f.trainingOrganiser.trim() || null, supervisorId: f.supervisorId || null },
          {
            onSuccess: (c) => {
              setDone(t('peers.added', { name: c.studentName }));
              setF({ ...f, studentId: '', trainedOn: '', trainingName: '', trainingOrganiser: '' });
            },
          },
        );
      }}
    >
      <h3>{t('peers.add')}</h3>
      <div className="cw-form">
        <label>
          {t('peers.searchStudent')}
          <input type="search" name="studentSearch" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          {t('peers.student')} *
          <select name="studentId" required value={f.studentId} onChange={(e) => setF({ ...f, studentId: e.target.value })}>
            <option value="">{t('peers.pickStudent')}</option>
            {(students.data?.items ?? []).filter((s) => !taken.has(s.id)).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — {s.className}
              </option>
            ))}
          </select>
        </label>
        <TrainingFields value={f} onChange={(patch) => setF({ ...f, ...patch })} />
        <SupervisorField value={f.supervisorId} onChange={(supervisorId) => setF({ ...f, supervisorId })} list={list} orNone />
      </div>
      {students.isError && <p className="cw-msg error" role="alert">{errorText(students.error)}</p>}
      {add.isError && <p className="cw-msg error" role="alert">{errorText(add.error)}</p>}
      {done && <p className="cw-msg ok" role="status">{done}</p>}
      <button type="submit" className="btn primary" disabled={add.isPending || !f.studentId} data-testid="peer-add">
        {t('peers.add')}
      </button>
    </form>
  );
}

function AddSupervision({ list, meId }: { list: CounsellorList; meId: string | undefined }) {
  const { t } = useTranslation('satgas');
  const add = useAddSupervision();
  const [f, setF] = useState({ heldOn: todayIso(), supervisorId: meId ?? list.supervisors[0]?.id ?? '', notes: '', confidentiality: 'terbatas' as Level });
  const [present, setPresent] = useState<string[]>([]);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="reg-form"
      data-testid="supervision-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (present.length === 0) return setMsg({ ok: false, text: t('peers.pickOne') });
        setMsg(null);
        add.mutate(
          { heldOn: f.heldOn, ...(f.supervisorId ? { supervisorId: f.supervisorId } : {}), counsellorIds: present, notes: f.notes.trim() || null, confidentiality: f.confidentiality },
          {
            onSuccess: (s) => {
              setMsg({ ok: true, text: t('peers.supervisionSaved', { count: s.counsellors.length }) });
              setPresent([]);
              setF({ ...f, notes: '' });
            },
          },
        );
      }}
    >
      <h3>{t('peers.addSupervision')}</h3>
      <p className="muted small">{t('peers.supervisionHint')}</p>
      <div className="cw-form">
        <HeldOnField value={f.heldOn} onChange={(heldOn) => setF({ ...f, heldOn })} />
        <SupervisorField value={f.supervisorId} onChange={(supervisorId) => setF({ ...f, supervisorId })} list={list} />
        <LevelField value={f.confidentiality} onChange={(confidentiality) => setF({ ...f, confidentiality })} />
      </div>
      <fieldset className="reg-checks" data-testid="supervision-present">
        <legend className="small">{t('peers.present')}</legend>
        {list.items.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={present.includes(c.id)} onChange={(e) => setPresent(e.target.checked ? [...present, c.id] : present.filter((x) => x !== c.id))} />
            {c.studentName} ({c.className ?? '—'})
          </label>
        ))}
      </fieldset>
      <div className="cw-form">
        <label className="wide">
          {t('notes')}
          <textarea name="notes" maxLength={8000} value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />
        </label>
      </div>
      {add.isError && <p className="cw-msg error" role="alert">{errorText(add.error)}</p>}
      {msg && <p className={`cw-msg ${msg.ok ? 'ok' : 'error'}`} role={msg.ok ? 'status' : 'alert'}>{msg.text}</p>}
      <button type="submit" className="btn primary" disabled={add.isPending} data-testid="supervision-add">
        {t('peers.addSupervision')}
      </button>
    </form>
  );
}
