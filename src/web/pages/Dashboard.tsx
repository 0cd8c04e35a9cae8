import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { api, query } from '../api';
import { dateTime } from '../format';
import '../monitor/strings';
import '../monitor/monitor.css';
import type { DefinitionSummary, Stats } from '../monitor/types';
import { useLocalName } from '../names';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const periods = [7, 14, 30, 90] as const;

/**
 * A chart's day as day and month in digits (`22.11`, in English `22/11`): the dates are Almaty's
 * already, and Chromium writes a short Kazakh month as `M11`.
 */
function dayLabel(isoDate: string, language: string | undefined): string {
  const [, month, day] = isoDate.split('-');
  return language === 'en' ? `${day}/${month}` : `${day}.${month}`;
}

/** The Almaty date `days - 1` days before `to` (both YYYY-MM-DD). */
function daysBefore(to: string, days: number): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (days - 1));
  return d.toISOString().slice(0, 10);
}

/**
 * Running cases per process and per step with how many are overdue, and a chart of cases
 * started and finished per day (`GET /api/stats`, counted by the database).
 */
export default function Dashboard() {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<number>(14);
  const [stats, setStats] = useState<Stats | null>(null);
  const [definitions, setDefinitions] = useState<DefinitionSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<DefinitionSummary[]>('GET', '/definitions').then(setDefinitions, () => undefined);
  }, []);

  useEffect(() => {
    // The server's today (its clock may be a demo's), then the period up to it.
    api<Stats>('GET', '/stats')
      .then((today) => {
        const to = today.perDay.at(-1)!.date;
        return days === today.perDay.length ? today : api<Stats>('GET', `/stats${query({ from: daysBefore(to, days), to })}`);
      })
      .then(
        (s) => (setStats(s), setError(null)),
        (err: Error) => setError(err.message)
      );
  }, [days]);

  const localName = useLocalName();
  // Stats name each process and step as its definition's latest version does (service calls too).
  const nameOf = (key: string) => localName(stats?.byProcess.find((p) => p.definitionKey === key) ?? definitions.find((d) => d.key === key), key);

  const chart = useMemo(() => {
    if (!stats) return null;
    return {
      data: {
        labels: stats.perDay.map((d) => dayLabel(d.date, i18n.resolvedLanguage)),
        datasets: [
          { label: t('monitor.dashboard.started'), data: stats.perDay.map((d) => d.started), backgroundColor: '#0b5cad' },
          { label: t('monitor.dashboard.finished'), data: stats.perDay.map((d) => d.finished), backgroundColor: '#1f7a3d' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      } satisfies ChartOptions<'bar'>,
    };
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stats, t, i18n.resolvedLanguage]);

  if (error) {
    return (
      <p role="alert" className="error">
        {t('app.failed', { message: error })}
      </p>
    );
  }
  if (!stats || !chart) return <p className="loading">{t('app.loading')}</p>;

  const totals = stats.perDay.reduce((s, d) => ({ started: s.started + d.started, finished: s.finished + d.finished }), { started: 0, finished: 0 });

  return (
    <div className="monitor monitor-dashboard">
      <h1>{t('monitor.dashboard.title')}</h1>
      <p className="monitor-muted">{t('monitor.dashboard.asOf', { date: dateTime(stats.at) })}</p>
      <div className="monitor-columns">
        <section aria-labelledby="dashboard-processes">
          <h2 id="dashboard-processes">{t('monitor.dashboard.byProcess')}</h2>
          {stats.byProcess.length === 0 ? (
            <p className="monitor-muted">{t('monitor.dashboard.nothingRunning')}</p>
          ) : (
            <table className="monitor-table" aria-labelledby="dashboard-processes">
              <thead>
                <tr>
                  <th scope="col">{t('monitor.dashboard.process')}</th>
                  <th scope="col" className="monitor-number">{t('monitor.dashboard.running')}</th>
                  <th scope="col" className="monitor-number">{t('monitor.dashboard.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byProcess.map((p) => (
                  <tr key={p.definitionKey}>
                    <th scope="row">
                      <Link to={`/monitor?definition=${encodeURIComponent(p.definitionKey)}&status=running`}>{nameOf(p.definitionKey)}</Link>
                    </th>
                    <td className="monitor-number">{p.running}</td>
                    <td className={p.overdue ? 'monitor-number monitor-late-text' : 'monitor-number'}>
                      {p.overdue ? <Link to={`/monitor?definition=${encodeURIComponent(p.definitionKey)}&overdue=true`}>{p.overdue}</Link> : 0}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="dashboard-chart">
          <h2 id="dashboard-chart">{t('monitor.dashboard.perDay')}</h2>
          <label className="monitor-period">
            {t('monitor.dashboard.period')}
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {periods.map((p) => (
                <option key={p} value={p}>
                  {t('monitor.dashboard.days', { count: p })}
                </option>
              ))}
            </select>
          </label>
          <div className="monitor-chart">
            <Bar data={chart.data} options={chart.options} role="img" aria-label={t('monitor.dashboard.chartSummary', { started: totals.started, finished: totals.finished, days: t('monitor.dashboard.days', { count: days }) })} />
          </div>
        </section>
      </div>
      <section aria-labelledby="dashboard-steps">
        <h2 id="dashboard-steps">{t('monitor.dashboard.byStep')}</h2>
        {stats.byStep.length === 0 ? (
          <p className="monitor-muted">{t('monitor.dashboard.nothingRunning')}</p>
        ) : (
          <div className="monitor-scroll">
            <table className="monitor-table" aria-labelledby="dashboard-steps">
              <thead>
                <tr>
                  <th scope="col">{t('monitor.dashboard.process')}</th>
                  <th scope="col">{t('monitor.dashboard.step')}</th>
                  <th scope="col" className="monitor-number">{t('monitor.dashboard.cases')}</th>
                  <th scope="col" className="monitor-number">{t('monitor.dashboard.overdueTasks')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byStep.map((s) => (
                  <tr key={`${s.definitionKey}/${s.elementId}`}>
                    <td>{nameOf(s.definitionKey)}</td>
                    <th scope="row">
                      {localName(s) || <code>{s.elementId}</code>} <span className="monitor-muted">· {t(`monitor.kinds.${s.kind}`)}</span>
                    </th>
                    <td className="monitor-number">{s.count}</td>
                    <td className={s.overdue ? 'monitor-number monitor-late-text' : 'monitor-number'}>{s.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
