import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api';
import { dateTime } from '../format';
import '../monitor/strings';
import '../monitor/monitor.css';
import { remindersOf, waitsOf } from '../monitor/reminders';
import { Flags, StatusBadge } from '../monitor/badges';
import type { DefinitionSummary, InstanceSummary } from '../monitor/types';
import { useLocalName } from '../names';

/** Cases per page; one more is asked for, to know whether a next page exists. */
const pageSize = 25;
const filterNames = ['definition', 'version', 'status', 'overdue', 'finishedLate', 'incident'] as const;

/** A yes/no/any filter as a select: the API's `true`, `false`, or no parameter. */
function YesNo({ name, value, onChange }: { name: string; value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t(`monitor.filters.${name}`)}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('monitor.filters.any')}</option>
        <option value="true">{t('monitor.yes')}</option>
        <option value="false">{t('monitor.no')}</option>
      </select>
    </label>
  );
}

/** The reminders (remindersOf) of each diagram version on the page, by `key@version`. */
type RemindersByVersion = ReadonlyMap<string, ReadonlyMap<string, string>>;
const versionOf = (r: Pick<InstanceSummary, 'definitionKey' | 'definitionVersion'>) => `${r.definitionKey}@${r.definitionVersion}`;

/**
 * The reminders of the diagram versions the rows run on that `known` lacks, read from each key's
 * versions (GET /api/definitions/{key}, as the case page reads its diagram): the list says where a
 * case waits by the case page's rule (waitsOf), which needs them. A key that cannot be read adds
 * none (its rows then list their reminders too).
 */
async function remindersFor(rows: InstanceSummary[], known: RemindersByVersion): Promise<RemindersByVersion> {
  const keys = [...new Set(rows.filter((r) => !known.has(versionOf(r))).map((r) => r.definitionKey))];
  const read = await Promise.all(
    keys.map((key) =>
      api<{ versions: { version: number; xml: string }[] }>('GET', `/definitions/${encodeURIComponent(key)}`).then(
        (d) => d.versions.map((v) => [`${key}@${v.version}`, remindersOf(v.xml)] as const),
        () => []
      )
    )
  );
  return new Map([...known, ...read.flat()]);
}

/**
 * The admins' and auditors' list of cases: filtered by process, version, status, overdue,
 * finished late and open incidents (kept in the address, so a filtered list can be shared), newest
 * first, paged by the server.
 */
export default function Monitor() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [params, setParams] = useSearchParams();
  const [definitions, setDefinitions] = useState<DefinitionSummary[]>([]);
  const [rows, setRows] = useState<InstanceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filters = Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? ''])) as Record<(typeof filterNames)[number], string>;
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const key = params.toString();

  useEffect(() => {
    api<DefinitionSummary[]>('GET', '/definitions').then(setDefinitions, (err: Error) => setError(err.message));
  }, []);

  // Kept across pages and filters: a diagram version's reminders do not change.
  const reminders = useRef<RemindersByVersion>(new Map());

  useEffect(() => {
    setRows(null);
    const version = filters.definition ? filters.version : '';
    api<InstanceSummary[]>('GET', `/instances${query({ ...filters, version, limit: pageSize + 1, offset: page * pageSize })}`)
      .then(async (r) => {
        // The rows show once their waits can be told by the rule the case page uses.
        reminders.current = await remindersFor(r, reminders.current);
        return r;
      })
      .then(
        (r) => (setRows(r), setError(null)),
        (err: Error) => setError(err.message)
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  function set(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'definition') next.delete('version');
    next.delete('page');
    setParams(next);
  }
  function goTo(p: number) {
    const next = new URLSearchParams(params);
    if (p) next.set('page', String(p));
    else next.delete('page');
    setParams(next);
  }

  const selected = definitions.find((d) => d.key === filters.definition);
  const nameOf = (key: string) => localName(definitions.find((d) => d.key === key), key);
  const shown = rows?.slice(0, pageSize) ?? [];

  return (
    <div className="monitor">
      <h1>{t('monitor.list.title')}</h1>
      <form className="monitor-filters" aria-label={t('monitor.filters.title')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('monitor.filters.definition')}
          <select value={filters.definition} onChange={(e) => set('definition', e.target.value)}>
            <option value="">{t('monitor.filters.all')}</option>
            {definitions.map((d) => (
              <option key={d.key} value={d.key}>
                {localName(d, d.key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('monitor.filters.version')}
          <select value={filters.version} disabled={!selected} onChange={(e) => set('version', e.target.value)}>
            <option value="">{t('monitor.filters.all')}</option>
            {selected &&
              Array.from({ length: selected.versions }, (_, i) => selected.versions - i).map((v) => (
                <option key={v} value={v}>
                  {t('monitor.instance.versionN', { version: v })}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('monitor.filters.status')}
          <select value={filters.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('monitor.filters.all')}</option>
            {(['running', 'completed', 'canceled', 'failed'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`monitor.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <YesNo name="overdue" value={filters.overdue} onChange={(v) => set('overdue', v)} />
        <YesNo name="finishedLate" value={filters.finishedLate} onChange={(v) => set('finishedLate', v)} />
        <YesNo name="incident" value={filters.incident} onChange={(v) => set('incident', v)} />
      </form>

      {error && (
        <p role="alert" className="error">
          {t('app.failed', { message: error })}
        </p>
      )}
      {rows === null && !error ? (
        <p className="loading">{t('app.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="monitor-muted">{t('monitor.list.none')}</p>
      ) : (
        <div className="monitor-scroll">
          <table className="monitor-table monitor-cases">
            <caption className="visually-hidden">{t('monitor.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitor.list.case')}</th>
                <th scope="col">{t('monitor.list.process')}</th>
                <th scope="col">{t('monitor.list.status')}</th>
                <th scope="col">{t('monitor.list.waiting')}</th>
                <th scope="col">{t('monitor.list.started')}</th>
                <th scope="col">{t('monitor.list.due')}</th>
                <th scope="col">{t('monitor.list.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} className={r.openIncidents ? 'monitor-row-incident' : undefined}>
                  <th scope="row">
                    <Link to={`/monitor/${r.id}`}>{r.businessKey ?? r.id.slice(0, 8)}</Link>
                  </th>
                  <td>
                    {nameOf(r.definitionKey)} <span className="monitor-muted">· {t('monitor.instance.versionN', { version: r.definitionVersion })}</span>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>
                    {r.activities.length
                      ? waitsOf(r.activities, reminders.current.get(versionOf(r)) ?? new Map()).map((a, i) => (
                          <span key={i} className="monitor-step" title={`${a.elementId} · ${t(`monitor.kinds.${a.kind}`, { defaultValue: a.kind })}`}>
                            {a.kind === 'timer' && <span className="monitor-muted">{t('monitor.kinds.timer')}: </span>}
                            {localName(a, a.elementId)}
                          </span>
                        ))
                      : '—'}
                  </td>
                  <td className="monitor-nowrap">{dateTime(r.startedAt)}</td>
                  <td className="monitor-nowrap">{dateTime(r.dueAt)}</td>
                  <td>
                    <Flags overdue={r.overdue} finishedLate={r.finishedLate} incidents={r.openIncidents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="monitor-pager" aria-label={t('monitor.list.pages')}>
        <button type="button" disabled={page === 0} onClick={() => goTo(page - 1)}>
          ← {t('monitor.list.previous')}
        </button>
        <span>{t('monitor.list.page', { page: page + 1 })}</span>
        <button type="button" disabled={!rows || rows.length <= pageSize} onClick={() => goTo(page + 1)}>
          {t('monitor.list.next')} →
        </button>
      </nav>
    </div>
  );
}
