import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, query } from '../api';
import { date } from '../format';
import { addStrings } from '../i18n';
import en from '../locales/modeler/en.json';
import kk from '../locales/modeler/kk.json';
import ru from '../locales/modeler/ru.json';
import { ChangeList, LintList } from '../modeler/ChangeList';
import type { Change } from '../modeler/diff';
import { Editor, type EditorApi, type LintIssue } from '../modeler/Editor';
import { Versions, type VersionRow } from '../modeler/Versions';
import { useLocalName, type Names } from '../names';
import { DateInput } from '../forms/DateInput';
import { readTypedDate } from '../forms/dates';
import { RollOutNotice } from '../formsadmin/RollOutNotice';
import type { FormBinding } from '../formsadmin/types';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import '../modeler/modeler.css';

addStrings({ en, kk, ru });

interface DefinitionSummary {
  key: string;
  name: string | null;
  names?: Names | null;
  version: number;
  versions: number;
  deployedAt: string;
  effectiveFrom: string | null;
}

interface Problem {
  elementId?: string;
  message: string;
  rule?: string;
}

/** A moment's date in Almaty (YYYY-MM-DD): a bare effective date means Almaty's midnight on the server. */
function almatyDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** /modeler: the deployed definitions, each opening in the editor. */
function DefinitionList() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [rows, setRows] = useState<DefinitionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<DefinitionSummary[]>('GET', '/definitions').then(setRows, (e: Error) => setError(e.message));
  }, []);
  return (
    <section className="modeler-list">
      <h1>{t('modeler.title')}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {rows === null && !error && <p className="loading">{t('app.loading')}</p>}
      {rows && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('modeler.list.name')}</th>
              <th scope="col">{t('modeler.list.key')}</th>
              <th scope="col">{t('modeler.list.latest')}</th>
              <th scope="col">{t('modeler.list.versions')}</th>
              <th scope="col">{t('modeler.list.deployedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.key}>
                <td>
                  <Link to={`/modeler/${encodeURIComponent(d.key)}`}>{localName(d, d.key)}</Link>
                </td>
                <td>
                  <code>{d.key}</code>
                </td>
                <td className="number">v{d.version}</td>
                <td className="number">{d.versions}</td>
                <td>{date(d.deployedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** /modeler/:key: the newest version in the editor, the diff, lint, deploy and the versions. */
function DefinitionEditor({ definitionKey }: { definitionKey: string }) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [versions, setVersions] = useState<VersionRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editor, setEditor] = useState<EditorApi | null>(null);
  const [changes, setChanges] = useState<Change[]>([]);
  const [issues, setIssues] = useState<LintIssue[]>([]);
  const [effectiveFrom, setEffectiveFrom] = useState(() => almatyDate(new Date()));
  // The server's clock decides which version is in force (a training installation's manual clock
  // may stand far from the browser's): today and "current" are its.
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    api<{ now: string }>('GET', '/clock').then(
      (c) => {
        setNow(c.now);
        setEffectiveFrom((typed) => (typed === almatyDate(new Date()) ? almatyDate(new Date(c.now)) : typed));
      },
      () => undefined
    );
  }, []);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [deployError, setDeployError] = useState<string | null>(null);
  const [deployed, setDeployed] = useState<{ version: number; effectiveFrom: string | null; warnings: number } | null>(null);

  // The forms the newest version binds: one with a newer version makes the unchanged diagram deployable (a roll-out).
  const [bindings, setBindings] = useState<FormBinding[]>([]);
  const load = useCallback(async () => {
    try {
      const answer = await api<{ versions: VersionRow[] }>('GET', `/definitions/${encodeURIComponent(definitionKey)}`);
      setVersions(answer.versions);
      // An installation without task forms has no bindings (404): nothing to roll out.
      setBindings(await api<FormBinding[]>('GET', `/form-bindings${query({ definition: definitionKey })}`).catch(() => []));
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, [definitionKey]);
  useEffect(() => {
    void load();
  }, [load]);

  const latest = versions ? versions.reduce((a, b) => (b.version > a.version ? b : a)) : null;
  const errors = issues.filter((i) => i.category === 'error');
  const outdated = bindings.filter((b) => b.outdated);
  const onReady = useCallback((api: EditorApi) => setEditor(api), []);

  async function deploy(e: FormEvent) {
    e.preventDefault();
    if (!editor || !latest) return;
    setBusy(true);
    setProblems([]);
    setDeployError(null);
    setDeployed(null);
    try {
      const xml = await editor.xml();
      const answer = await api<{ definitions: { key: string; version: number; effectiveFrom: string | null; created: boolean }[]; warnings: Problem[] }>('POST', '/deployments', {
        name: `${definitionKey}.bpmn`,
        xml,
        effectiveFrom,
      });
      const mine = answer.definitions.find((d) => d.key === definitionKey) ?? answer.definitions[0]!;
      setDeployed({ version: mine.version, effectiveFrom: mine.effectiveFrom, warnings: answer.warnings.length });
      setChanges([]);
      await load();
    } catch (err) {
      if (err instanceof ApiError) {
        const listed = (err.details as { problems?: Problem[] } | null)?.problems;
        if (listed?.length) setProblems(listed);
        else setDeployError(err.fields.length ? `${err.fields[0]!.field}: ${err.message}` : err.message);
      } else setDeployError(String(err));
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <p role="alert" className="error">{loadError}</p>;
  if (!versions || !latest) return <p className="loading">{t('app.loading')}</p>;
  const name = (id: string) => editor?.name(id) ?? id;
  const select = (id: string) => editor?.select(id);

  return (
    <section className="modeler-page">
      <header className="modeler-header">
        <div>
          <p className="breadcrumb">
            <Link to="/modeler">{t('modeler.title')}</Link>
          </p>
          <h1>
            {localName(latest, definitionKey)}{' '}
            <span className="muted">
              · {t('modeler.editing', { version: latest.version })}
            </span>
          </h1>
        </div>
        <form className="modeler-deploy" onSubmit={(e) => void deploy(e)}>
          <div className="modeler-effective">
            <label htmlFor="modeler-effective-from">{t('modeler.deploy.effectiveFrom')}</label>
            <DateInput id="modeler-effective-from" required value={effectiveFrom} onChange={(value) => setEffectiveFrom(value ?? '')} />
          </div>
          <button type="submit" className="primary" disabled={busy || !editor || errors.length > 0 || (changes.length === 0 && outdated.length === 0) || readTypedDate(effectiveFrom).kind !== 'date'}>
            {t('modeler.deploy.button', { version: Math.max(...versions.map((v) => v.version)) + 1 })}
          </button>
          <p className="hint" id="modeler-deploy-hint">
            {errors.length > 0 ? t('modeler.deploy.blocked', { count: errors.length }) : changes.length === 0 ? t(outdated.length ? 'formsadmin.rollout.deployHint' : 'modeler.deploy.unchanged') : t('modeler.deploy.ready')}
          </p>
        </form>
      </header>
      <RollOutNotice outdated={outdated} />
      {deployed && (
        <p role="status" className="success">
          {t('modeler.deploy.done', { version: deployed.version, date: deployed.effectiveFrom ? date(deployed.effectiveFrom) : '—' })}
          {deployed.warnings > 0 && ` ${t('modeler.deploy.withWarnings', { count: deployed.warnings })}`}
        </p>
      )}
      {deployError && <p role="alert" className="error">{t('modeler.deploy.failed', { message: deployError })}</p>}
      {problems.length > 0 && (
        <div role="alert" className="error modeler-problems">
          <p>{t('modeler.deploy.refused')}</p>
          <ul>
            {problems.map((p, n) => (
              <li key={n}>
                {p.elementId ? (
                  <button type="button" className="link" onClick={() => select(p.elementId!)}>
                    {name(p.elementId)}
                  </button>
                ) : null}
                {p.elementId ? ': ' : ''}
                {p.rule ? t(`modeler.rules.${p.rule}`, { defaultValue: p.message }) : p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Editor key={latest.id} deployedXml={latest.xml} onChanges={setChanges} onLint={setIssues} onReady={onReady} />
      <div className="modeler-sidebar">
        <ChangeList changes={changes} onSelect={select} />
        <LintList issues={issues} names={name} onSelect={select} />
        <Versions versions={versions} now={now} />
      </div>
    </section>
  );
}

export default function Modeler() {
  const { key } = useParams();
  return key ? <DefinitionEditor key={key} definitionKey={key} /> : <DefinitionList />;
}
