/**
 * A link to a pathway's process view (`/process/:id`), for the designer's
 * header and the pathway list: kepsek and guru BK, who may read it.
 */
import { Link } from '../app/router.tsx';
import { useTranslation } from '../i18n/index.ts';
import { Activity } from 'lucide-react';
import { useMe } from '../auth/session.ts';
import './i18n.ts';

/** A link to the pathway's process view (designer header, pathway list). */
export function ProcessLink({ pathwayId, name, compact }: { pathwayId: string; name?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (me?.role !== 'kepsek' && me?.role !== 'guru_bk') return null;
  return (
    <Link
      to={`/process/${pathwayId}`}
      className={compact ? 'proc-link-inline' : 'btn proc-link'}
      aria-label={name ? t('proc.linkNamed', { name }) : undefined}
      title={t('proc.title')}
      data-testid={compact ? `process-link-${pathwayId}` : 'process-link'}
    >
      <Activity size={15} aria-hidden /> {t('proc.link')}
    </Link>
  );
}
