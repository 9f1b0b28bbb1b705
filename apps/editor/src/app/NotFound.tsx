import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('app.notFound')}</h1>
      <Link to="/pathways">{t('app.backToPathways')}</Link>
    </div>
  );
}
