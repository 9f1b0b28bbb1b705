import { useTranslation } from '../i18n/index.ts';
import { setLanguage } from '../i18n/index.ts';

/** Indonesian ↔ English, remembered across reloads. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')}>
      {(['id', 'en'] as const).map((l) => (
        <button key={l} type="button" className={i18n.language === l ? 'active' : ''} aria-pressed={i18n.language === l} onClick={() => void setLanguage(l)} data-testid={`lang-${l}`}>
          {l === 'id' ? 'ID' : 'EN'}
        </button>
      ))}
    </div>
  );
}
