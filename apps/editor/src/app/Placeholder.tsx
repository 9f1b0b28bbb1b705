import { useTranslation } from '../i18n/index.ts';

/** A page that another part of Jalur will fill in. */
export function Placeholder({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="muted">{t('app.comingSoon')}</p>
    </div>
  );
}
