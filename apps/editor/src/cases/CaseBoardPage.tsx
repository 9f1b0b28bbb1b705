// Placeholder: the case board (issue 6) replaces this module; keep the `Component` export.
import { useTranslation } from 'react-i18next';
import { Placeholder } from '../app/Placeholder.tsx';

export function Component() {
  const { t } = useTranslation();
  return <Placeholder title={t('app.cases')} />;
}
