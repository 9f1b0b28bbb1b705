// Placeholder: the case page (issue 6) replaces this module; keep the `Component` export.
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Placeholder } from '../app/Placeholder.tsx';

export function Component() {
  const { t } = useTranslation();
  const { id } = useParams();
  return <Placeholder title={`${t('app.case')} ${id ?? ''}`} />;
}
