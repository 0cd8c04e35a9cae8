import { useTranslation } from 'react-i18next';
import type { InstanceStatus } from './types';

/** A case's status as a coloured word. */
export function StatusBadge({ status }: { status: InstanceStatus }) {
  const { t } = useTranslation();
  return <span className={`monitor-badge monitor-status-${status}`}>{t(`monitor.status.${status}`)}</span>;
}

/** The flags that call for attention: overdue, finished late, open incidents. */
export function Flags({ overdue, finishedLate, incidents }: { overdue: boolean; finishedLate: boolean; incidents: number }) {
  const { t } = useTranslation();
  return (
    <span className="monitor-flags">
      {overdue && <span className="monitor-badge monitor-late">{t('monitor.flags.overdue')}</span>}
      {finishedLate && <span className="monitor-badge monitor-warn">{t('monitor.flags.finishedLate')}</span>}
      {incidents > 0 && <span className="monitor-badge monitor-late">{t('monitor.flags.incidents', { count: incidents })}</span>}
    </span>
  );
}
