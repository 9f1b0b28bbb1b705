/**
 * A student's data-protection controls (UU PDP) for the kepsek: download the
 * student's data as JSON, and erase their personal data after a typed
 * confirmation. Renders nothing for other roles (the API refuses them too).
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { Download, UserX } from 'lucide-react';
import { useMe } from '../auth/session.ts';
import { errorText } from '../cases/http.ts';
import { EraseDialog } from './EraseDialog.tsx';
import { useStudentExport } from './queries.ts';
import './messages.ts';
import './privacy.css';

export interface StudentPrivacyActionsProps {
  student: { id: string; nisn: string; name: string };
}

export function StudentPrivacyActions({ student }: StudentPrivacyActionsProps) {
  const { t } = useTranslation('privacy');
  const me = useMe().data;
  const exporter = useStudentExport();
  const [confirming, setConfirming] = useState(false);
  const [erasedCases, setErasedCases] = useState<number | null>(null);
  if (me?.role !== 'kepsek') return null;

  return (
    <div className="privacy-actions" role="group" aria-label={`${t('actions')}: ${student.name}`}>
      <button
        type="button"
        className="btn small"
        aria-label={t('exportLabel', { name: student.name })}
        title={t('export')}
        disabled={exporter.isPending}
        onClick={() => exporter.mutate(student)}
        data-testid="student-export"
      >
        <Download size={14} aria-hidden /> {exporter.isPending ? t('exporting') : t('export')}
      </button>
      <button type="button" className="btn small danger" aria-label={t('eraseLabel', { name: student.name })} title={t('erase')} onClick={() => setConfirming(true)} data-testid="student-erase">
        <UserX size={14} aria-hidden /> {t('erase')}
      </button>
      <span role="status" className="small">
        {exporter.isError && <span className="error-text">{errorText(exporter.error)}</span>}
        {exporter.isSuccess && <span className="privacy-ok">{t('exported', { name: student.name })}</span>}
        {erasedCases !== null && <span className="privacy-ok" data-testid="erase-result">{t('erased', { cases: erasedCases })}</span>}
      </span>
      {confirming && (
        <EraseDialog
          student={student}
          onClose={() => setConfirming(false)}
          onErased={(result) => {
            setErasedCases(result.cases);
            setConfirming(false);
          }}
        />
      )}
    </div>
  );
}
