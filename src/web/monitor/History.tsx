import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../format';
import { useLocalName } from '../names';
import type { HistoryRow } from './types';

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The few facts worth a line beside an event, as a person reads them: each under its name in the
 * chosen language, people by name, kinds translated, instants in Almaty's time; short values only
 * and no internal ids (`taskId`, `documentId`…): the API has the rest.
 */
function summary(row: HistoryRow, t: TFunction, person: (username: string) => string, processName: (key: string) => string): string {
  const data = row.data;
  if (!data) return '';
  if (row.type === 'decision.evaluated') {
    // Which table decided and what, in words: its name, its version, how many of its rules matched.
    const id = String(data.decisionId ?? '');
    const decision = t(`monitor.decisions.${id}`, { defaultValue: id });
    const matched = Array.isArray(data.matchedRules) ? data.matchedRules.length : 0;
    return t(matched ? 'monitor.history.decision.matched' : 'monitor.history.decision.none', { decision, version: data.version, count: matched });
  }
  if (row.type === 'activity.left' && data.interrupted) return '';
  if (row.type === 'variables.set' && data.variables && typeof data.variables === 'object') return Object.keys(data.variables).join(', ');
  const value = (k: string, v: string | number | boolean): string => {
    if (typeof v === 'boolean') return t(v ? 'monitor.yes' : 'monitor.no');
    if (typeof v === 'number') return String(v);
    if (instant.test(v)) return dateTime(v);
    if (k === 'assignee' || k === 'previousAssignee') return person(v);
    if (k === 'definitionKey') return processName(v);
    // A business rule task answers as the decision table it evaluated, named as the table is.
    if (k === 'topic' && v.startsWith('decision:')) return t(`monitor.decisions.${v.slice('decision:'.length)}`, { defaultValue: v });
    if (k === 'kind') return t(`monitor.kinds.${v}`, { defaultValue: t(`monitor.documents.kinds.${v}`, { defaultValue: v }) });
    return v;
  };
  return Object.entries(data)
    .filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1]) && !/Id$/.test(e[0]) && e[0] !== 'sha256')
    .map(([k, v]) => `${t(`monitor.history.fields.${k}`, { defaultValue: k })}: ${value(k, v)}`)
    .join('; ');
}

/**
 * An element the diagram gives no name, as a reader can take it: a gateway that only joins or
 * splits paths is usually drawn without one (BPMN 2.0, Gateways), and its id is the modeller's word,
 * not the reader's. Other unnamed elements keep their id.
 */
function unnamed(row: HistoryRow, t: TFunction): string {
  const type = row.elementType?.replace(/^bpmn:/, '');
  return type ? t(`monitor.unnamedElements.${type}`, { defaultValue: row.elementId ?? '' }) : (row.elementId ?? '');
}

/**
 * Rows that say what happened. A boundary event is armed when its activity starts (`activity.entered`)
 * and, when the activity ends without it, discarded (`activity.left` with `discarded`): neither
 * happened to the case, and "a family member refused · step left" where nobody refused is false.
 */
export function happened(row: HistoryRow): boolean {
  if (row.type === 'activity.left' && row.data?.discarded) return false;
  // Rows written before the engine marked them: a boundary event that took no flow never fired.
  if (row.type === 'activity.left' && row.elementType === 'bpmn:BoundaryEvent' && !row.data?.taken) return false;
  if (row.type === 'activity.entered' && row.elementType === 'bpmn:BoundaryEvent') return false;
  return true;
}

/** What the row's event is called: a boundary event that fired occurred; a step the engine cut short was interrupted. */
function eventLabel(row: HistoryRow, t: TFunction): string {
  if (row.type === 'activity.left' && row.elementType === 'bpmn:BoundaryEvent') return t('monitor.history.variants.eventOccurred');
  if (row.type === 'activity.left' && row.data?.interrupted) return t('monitor.history.variants.interrupted');
  return t(`monitor.history.types.${row.type}`, { defaultValue: row.type });
}

/** The case's history, oldest first, each element named in the chosen language (the API's names, else the diagram's). */
export function History({ rows, names, person, processName }: { rows: HistoryRow[]; names: Map<string, string>; person(username: string): string; processName(key: string): string }) {
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
            {rows.filter(happened).map((row) => (
              <tr key={row.id}>
                <td className="monitor-nowrap">{dateTime(row.at)}</td>
                <td>{eventLabel(row, t)}</td>
                <td>{row.elementId ? localName(row, names.get(row.elementId) ?? unnamed(row, t)) : '—'}</td>
                <td>{person(row.actor)}</td>
                <td className="monitor-details">{summary(row, t, person, processName)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
