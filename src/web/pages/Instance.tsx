import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { dateTime } from '../format';
import { useSession } from '../session';
import '../monitor/strings';
import '../monitor/monitor.css';
import { Flags, StatusBadge } from '../monitor/badges';
import { CancelCase } from '../monitor/CancelCase';
import { DiagramView, type DiagramMarks } from '../monitor/DiagramView';
import { Documents } from '../monitor/Documents';
import { happened, History } from '../monitor/History';
import { Incidents } from '../monitor/Incidents';
import { Variables } from '../monitor/Variables';
import { remindersOf, waitsOf } from '../monitor/reminders';
import { awaitedMessage, recipientArrived, RecipientArrived } from '../handover/RecipientArrived';
import { diagramInLanguage, elementNamesIn, localName } from '../names';
import { currentLanguage } from '../i18n';
import type { DefinitionSummary, DefinitionVersion, InstanceDetails } from '../monitor/types';

/** Who the engine records for the steps it takes itself (src/engine/runtime/jobSteps.ts). */
const systemActor = /^(jobs|timer|call|service:.*)$/;

/**
 * One case: its diagram with where it waits and the path it took, its statutory dates, history,
 * variables, documents and incidents. An admin (`instances.manage`) edits variables, retries
 * incidents and cancels the case; an auditor reads only.
 */
export default function Instance() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const { can } = useSession();
  const admin = can('instances.manage');
  const [details, setDetails] = useState<InstanceDetails | null>(null);
  const [version, setVersion] = useState<DefinitionVersion | null>(null);
  const xml = version?.xml ?? null;
  const [now, setNow] = useState<number>(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  // The processes by name, for the history's called processes (family consent, a hearing).
  const [definitions, setDefinitions] = useState<DefinitionSummary[]>([]);
  useEffect(() => {
    api<DefinitionSummary[]>('GET', '/definitions').then(setDefinitions, () => undefined);
  }, []);

  const load = useCallback(async () => {
    try {
      const [d, clock] = await Promise.all([api<InstanceDetails>('GET', `/instances/${id}`), api<{ now: string }>('GET', '/clock')]);
      setDetails(d);
      // The server's clock decides what is overdue (it may be a demo's manual clock).
      setNow(Date.parse(clock.now));
      setRefresh((n) => n + 1);
      const definition = await api<{ versions: DefinitionVersion[] }>('GET', `/definitions/${encodeURIComponent(d.definitionKey)}`);
      setVersion(definition.versions.find((v) => v.version === d.definitionVersion) ?? null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  // A retried job runs on the job executor's next pass, a moment after the answer: look again then.
  const loadAfterwards = useCallback(() => {
    void load();
    for (const ms of [800, 2500]) setTimeout(() => void load(), ms);
  }, [load]);

  // Elements the API does not name on this page (incidents), in the chosen language, from the diagram.
  const names = useMemo(() => (xml ? elementNamesIn(xml, language) : new Map<string, string>()), [xml, language]);
  const drawn = useMemo(() => (xml ? diagramInLanguage(xml, language) : null), [xml, language]);
  const reminders = useMemo(() => (xml ? remindersOf(xml) : new Map<string, string>()), [xml]);

  const marks = useMemo<DiagramMarks | null>(() => {
    if (!details) return null;
    const active = new Map<string, number>();
    for (const a of details.activities) active.set(a.elementId, (active.get(a.elementId) ?? 0) + 1);
    const completed = new Set(details.history.filter((h) => h.type === 'activity.left' && h.elementId && happened(h)).map((h) => h.elementId!));
    const taken = new Set(details.takenFlows);
    const incidents = new Set(details.incidents.filter((i) => i.status === 'open').map((i) => i.elementId));
    const due = new Map<string, { text: string; overdue: boolean }>();
    for (const task of details.tasks) {
      if (task.status !== 'open' || !task.dueAt) continue;
      const overdue = Date.parse(task.dueAt) < now;
      due.set(task.elementId, { text: t(overdue ? 'monitor.instance.overdueSince' : 'monitor.instance.dueBy', { date: dateTime(task.dueAt) }), overdue });
    }
    return { active, completed, taken, incidents, due };
  }, [details, now, t]);

  // People by their names, not their usernames; the engine's own steps — the job executor
  // (`jobs`), a timer, a called process's return (`call`), a service's answer (`service:<topic>`) —
  // as the system they are.
  const person = useCallback(
    (username: string) => details?.people[username] ?? t(`monitor.actors.${systemActor.test(username) ? 'jobs' : username}`, { defaultValue: username }),
    [details, t]
  );
  const processName = useCallback((key: string) => localName(definitions.find((d) => d.key === key), language, key), [definitions, language]);
  const groupNames = useCallback((groups: string[]) => groups.map((g) => t(`monitor.groupNames.${g}`, { defaultValue: g })).join(', '), [t]);

  const tokensTitle = useCallback((count: number) => t('monitor.instance.tokens', { count }), [t]);

  if (error) {
    return (
      <p role="alert" className="error">
        {t('app.failed', { message: error })}
      </p>
    );
  }
  if (!details || !marks) return <p className="loading">{t('app.loading')}</p>;

  const caseName = details.businessKey ?? details.id;
  const running = details.status === 'running';
  const overdue = running && !details.resultAt && !!details.dueAt && Date.parse(details.dueAt) < now;
  const finishedLate = !!details.resultAt && !!details.dueAt && Date.parse(details.resultAt) > Date.parse(details.dueAt);
  const openIncidents = details.incidents.filter((i) => i.status === 'open').length;
  // Where the case waits: its steps. A reminder armed on a waiting step (a non-interrupting boundary
  // timer) is no place of its own — listed by its name ("2 working days passed") it reads as if the
  // case were late — but the step's next reminder, with the moment it fires.
  const waits = waitsOf(details.activities, reminders);
  const nextReminder = (elementId: string): { name: string; dueAt: string } | null => {
    const due = details.activities
      .filter((a) => a.kind === 'timer' && reminders.get(a.elementId) === elementId)
      .flatMap((a) => details.jobs.filter((j) => j.kind === 'timer' && j.status === 'waiting' && j.elementId === a.elementId).map((j) => ({ name: localName(a, language, names.get(a.elementId) ?? a.elementId), dueAt: j.dueAt })))
      .sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt));
    return due[0] ?? null;
  };
  const facts: [string, string][] = [
    ['monitor.instance.process', `${localName(version, language, details.definitionKey)} · ${t('monitor.instance.versionN', { version: details.definitionVersion })}`],
    ['monitor.instance.provider', localName({ names: details.providerNames }, language, details.provider)],
    ['monitor.instance.startedAt', `${dateTime(details.startedAt)} · ${person(details.startedBy)}`],
    ['monitor.instance.registeredAt', dateTime(details.registeredAt)],
    ['monitor.instance.dueAt', dateTime(details.dueAt)],
    ['monitor.instance.resultAt', dateTime(details.resultAt)],
    ['monitor.instance.endedAt', dateTime(details.endedAt)],
  ];

  return (
    <div className="monitor monitor-instance">
      <p className="monitor-toolbar">
        <Link to="/monitor">← {t('monitor.instance.back')}</Link>
        {details.parentInstanceId && <Link to={`/monitor/${details.parentInstanceId}`}>{t('monitor.instance.callingCase')}</Link>}
        <button type="button" onClick={() => void load()}>
          {t('monitor.instance.refresh')}
        </button>
      </p>
      <div className="monitor-heading">
        <h1>{t('monitor.instance.title', { name: caseName })}</h1>
        <StatusBadge status={details.status} />
        <Flags overdue={overdue} finishedLate={finishedLate} incidents={openIncidents} />
        {admin && running && <CancelCase instanceId={details.id} caseName={caseName} onCanceled={() => void load()} />}
      </div>
      <dl className="monitor-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="monitor-diagram-title">
        <h2 id="monitor-diagram-title">{t('monitor.instance.diagram', { version: details.definitionVersion })}</h2>
        <p className="monitor-legend" aria-hidden="true">
          <span className="monitor-legend-active">{t('monitor.legend.active')}</span>
          <span className="monitor-legend-completed">{t('monitor.legend.completed')}</span>
          <span className="monitor-legend-incident">{t('monitor.legend.incident')}</span>
        </p>
        {drawn ? <DiagramView xml={drawn} marks={marks} label={t('monitor.instance.diagram', { version: details.definitionVersion })} tokensTitle={tokensTitle} failedText={t('monitor.instance.diagramFailed')} wholeText={t('monitor.instance.wholeDiagram')} focusText={t('monitor.instance.focusDiagram')} hintText={t('monitor.instance.diagramHint')} /> : <p className="loading">{t('app.loading')}</p>}
        {details.activities.length > 0 && (
          <>
            <h3>{t('monitor.instance.waiting')}</h3>
            <ul className="monitor-waiting">
              {waits.map((a) => {
                const task = details.tasks.find((x) => x.status === 'open' && x.elementId === a.elementId);
                const reminder = nextReminder(a.elementId);
                return (
                  <li key={`${a.elementId}-${a.since}-${a.instanceId ?? ''}`}>
                    <strong>{localName(a, language, names.get(a.elementId) ?? a.elementId)}</strong> · {t(`monitor.kinds.${a.kind}`, { defaultValue: a.kind })} · {t('monitor.instance.since', { date: dateTime(a.since) })}
                    {task?.dueAt && <> · {marks.due.get(a.elementId)?.text}</>}
                    {task && <> · {task.assignee ? t('monitor.instance.assignee', { name: person(task.assignee) }) : t('monitor.instance.groups', { groups: groupNames(task.candidateGroups) })}</>}
                    {reminder && (
                      <>
                        {' · '}
                        <span className="monitor-reminder" title={reminder.name}>
                          {t('monitor.instance.reminder', { date: dateTime(reminder.dueAt) })}
                        </span>
                      </>
                    )}
                    {a.kind === 'message' && details.businessKey && running && can('instances.start') && xml && awaitedMessage(xml, a.elementId) === recipientArrived && <RecipientArrived businessKey={details.businessKey} onRecorded={loadAfterwards} />}
                    {a.instanceId && (
                      <>
                        {' '}
                        · <Link to={`/monitor/${a.instanceId}`}>{t('monitor.instance.calledCase')}</Link>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      <div className="monitor-columns">
        <Incidents incidents={details.incidents} names={names} canRetry={admin} onRetried={loadAfterwards} />
        <Documents instanceId={details.id} refresh={refresh} processName={processName} />
      </div>
      <Variables instanceId={details.id} variables={details.variables} canEdit={admin} running={running} onSaved={() => void load()} />
      <History rows={details.history} names={names} person={person} processName={processName} />
    </div>
  );
}
