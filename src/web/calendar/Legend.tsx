import { useTranslation } from 'react-i18next';
import { dayKinds } from './days';

/** What each colour of the grid means. */
export function Legend() {
  const { t } = useTranslation();
  return (
    <section className="calendar-legend" aria-labelledby="calendar-legend-title">
      <h2 id="calendar-legend-title">{t('calendar.legend')}</h2>
      <ul>
        {dayKinds.map((kind) => (
          <li key={kind}>
            <span className={`calendar-swatch day-${kind}`} aria-hidden="true" />
            {t(`calendar.kinds.${kind}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
