import { useTranslation } from 'react-i18next';
import { dateTime } from '../format';
import { useLocalName } from '../names';
import type { HistoryRow } from './types';

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The few facts worth a line beside an event: short values only, instants in Almaty's time, no
 * internal ids (`taskId`, `documentId`…); the API has the rest.
 */
function summary(row: HistoryRow): string {
  const data = row.data;
  if (!data) return '';
  if (row.type === 'variables.set' && data.variables && typeof data.variables === 'object') return Object.keys(data.variables).join(', ');
  return Object.entries(data)
    .filter(([k, v]) => ['string', 'number', 'boolean'].includes(typeof v) && !/Id$/.test(k) && k !== 'sha256')
    .map(([k, v]) => `${k}: ${typeof v === 'string' && instant.test(v) ? dateTime(v) : String(v)}`)
    .join('; ');
}

/** The case's history, oldest first, each element named in the chosen language (the API's names, else the diagram's). */
export function History({ rows, names, person }: { rows: HistoryRow[]; names: Map<string, string>; person(username: string): string }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  return (
    <section aria-labelledby="monitor-history">
      <h2 id="monitor-history">{t('monitor.history.title')}</h2>
      <div className="monitor-scroll">
        <table className="monitor-table">
          <thead>
            <tr>
              <th scope="col">{t('monitor.history.at')}</th>
              <th scope="col">{t('monitor.history.event')}</th>
              <th scope="col">{t('monitor.history.element')}</th>
              <th scope="col">{t('monitor.history.actor')}</th>
              <th scope="col">{t('monitor.history.details')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="monitor-nowrap">{dateTime(row.at)}</td>
                <td>{t(`monitor.history.types.${row.type}`, { defaultValue: row.type })}</td>
                <td>{row.elementId ? localName(row, names.get(row.elementId) ?? row.elementId) : '—'}</td>
                <td>{person(row.actor)}</td>
                <td className="monitor-details">{summary(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
