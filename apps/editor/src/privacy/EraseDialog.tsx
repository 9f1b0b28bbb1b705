/**
 * The confirmation before a student's irreversible erasure: what is lost,
 * and the student's NISN typed by hand. A native modal `<dialog>`, so focus
 * stays inside and Escape closes it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { errorText } from '../cases/http.ts';
import { useStudentErase, type ErasureResult } from './queries.ts';
import './messages.ts';
import './privacy.css';

export interface EraseDialogProps {
  student: { id: string; nisn: string; name: string };
  onClose: () => void;
  onErased: (result: ErasureResult) => void;
}

export function EraseDialog({ student, onClose, onErased }: EraseDialogProps) {
  const { t } = useTranslation('privacy');
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const warningId = useId();
  const [typed, setTyped] = useState('');
  const erase = useStudentErase();
  const matches = typed.trim() === student.nisn;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!matches || erase.isPending) return;
    erase.mutate({ id: student.id, confirm: typed.trim() }, { onSuccess: (result) => onErased(result) });
  };

  return (
    <dialog ref={ref} className="privacy-dialog" aria-labelledby={titleId} aria-describedby={warningId} onCancel={(e) => { e.preventDefault(); if (!erase.isPending) onClose(); }} data-testid="erase-dialog">
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('dialogTitle')}</h2>
        <p className="privacy-warning" id={warningId} role="note">
          {t('warning', { name: student.name })}
        </p>
        <p className="muted small">
          {t('suggestExport')} {t('backupNote')}
        </p>
        <label className="privacy-confirm">
          {t('typeNisn', { nisn: student.nisn })}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" inputMode="numeric" spellCheck={false} data-testid="erase-confirm" />
        </label>
        {erase.isError && (
          <p className="error-text" role="alert">
            {errorText(erase.error)}
          </p>
        )}
        <div className="privacy-dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={erase.isPending}>
            {t('cancel')}
          </button>
          <button type="submit" className="btn danger-solid" disabled={!matches || erase.isPending} data-testid="erase-submit">
            {erase.isPending ? t('erasing') : t('confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
