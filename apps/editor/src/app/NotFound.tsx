import { Link } from './router.tsx';
import { useTranslation } from '../i18n/index.ts';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('app.notFound')}</h1>
      <Link to="/pathways">{t('app.backToPathways')}</Link>
    </div>
  );
}
