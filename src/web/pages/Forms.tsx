import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, query } from '../api';
import { currentLanguage } from '../i18n';
import { Bindings } from '../formsadmin/Bindings';
import { DeployEditor } from '../formsadmin/DeployEditor';
import { FormPreview } from '../formsadmin/FormPreview';
import { VersionTable } from '../formsadmin/VersionTable';
import type { DeployedForm, FormBinding, FormSummary, FormVersion } from '../formsadmin/types';
import '../formsadmin/strings';
import '../inbox/inbox.css';
import '../formsadmin/formsadmin.css';

/** /forms: every task form with its newest version, and how many diagrams use it and wait for a roll-out. */
function FormList() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [bindings, setBindings] = useState<FormBinding[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([api<FormSummary[]>('GET', '/forms'), api<FormBinding[]>('GET', '/form-bindings')]).then(
      ([f, b]) => {
        setForms(f);
        setBindings(b);
      },
      (e: Error) => setError(e.message)
    );
  }, []);
  const using = (key: string) => bindings.filter((b) => b.form === key);
  return (
    <section className="formsadmin-page">
      <h1>{t('formsadmin.title')}</h1>
      <p className="formsadmin-muted formsadmin-intro">{t('formsadmin.intro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {forms === null && !error && <p className="loading">{t('app.loading')}</p>}
      {forms && (
        <table className="formsadmin-list">
          <caption className="visually-hidden">{t('formsadmin.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('formsadmin.list.form')}</th>
              <th scope="col">{t('formsadmin.list.key')}</th>
              <th scope="col">{t('formsadmin.list.newest')}</th>
              <th scope="col">{t('formsadmin.list.diagrams')}</th>
              <th scope="col">{t('formsadmin.list.outdated')}</th>
            </tr>
          </thead>
          <tbody>
            {[...forms]
              .sort((a, b) => a.key.localeCompare(b.key))
              .map((f) => {
                const outdated = using(f.key).filter((b) => b.outdated).length;
                return (
                  <tr key={f.key}>
                    <th scope="row">
                      <Link to={`/forms/${encodeURIComponent(f.key)}`}>{f.title[language] ?? f.key}</Link>
                    </th>
                    <td>
                      <code>{f.key}</code>
                    </td>
                    <td className="formsadmin-number">v{f.version}</td>
                    <td className="formsadmin-number">{using(f.key).length}</td>
                    <td className={`formsadmin-number${outdated ? ' formsadmin-outdated' : ''}`}>{outdated}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** /forms/:key: a form's versions, the one chosen drawn as a clerk sees it with its JSON, the diagrams that use it, and (analysts) a new version. */
function FormPage({ formKey }: { formKey: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [versions, setVersions] = useState<FormVersion[] | null>(null);
  const [bindings, setBindings] = useState<FormBinding[]>([]);
  const [shown, setShown] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [v, b] = await Promise.all([api<FormVersion[]>('GET', `/forms/${encodeURIComponent(formKey)}/versions`), api<FormBinding[]>('GET', `/form-bindings${query({ form: formKey })}`)]);
      setVersions(v);
      setBindings(b);
      return v;
    } catch (e) {
      setError((e as Error).message);
      return null;
    }
  }, [formKey]);
  useEffect(() => {
    void load();
  }, [load]);

  async function deployed(outcome: DeployedForm) {
    if (!outcome.created) return;
    await load();
    setShown(outcome.version);
  }

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!versions) return <p className="loading">{t('app.loading')}</p>;
  const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  const current = versions.find((v) => v.version === shown) ?? newest;
  return (
    <section className="formsadmin-page">
      <p className="formsadmin-breadcrumb">
        <Link to="/forms">{t('formsadmin.title')}</Link>
      </p>
      <h1>
        {newest.ui.title[language] ?? formKey} <code className="formsadmin-muted">{formKey}</code>
      </h1>
      <div className="formsadmin-columns">
        <div>
          <VersionTable versions={versions} shown={current.version} onShow={setShown} />
          <Bindings rows={bindings} />
          <section className="formsadmin-json" aria-labelledby="formsadmin-json-title">
            <h2 id="formsadmin-json-title">{t('formsadmin.json.title', { version: current.version })}</h2>
            <details>
              <summary>{t('formsadmin.json.schema')}</summary>
              <pre tabIndex={0}>{JSON.stringify(current.schema, null, 2)}</pre>
            </details>
            <details>
              <summary>{t('formsadmin.json.ui')}</summary>
              <pre tabIndex={0}>{JSON.stringify(current.ui, null, 2)}</pre>
            </details>
          </section>
        </div>
        <FormPreview form={current} />
      </div>
      <DeployEditor newest={newest} shown={current} onDeployed={(d) => void deployed(d)} />
    </section>
  );
}

export default function Forms() {
  const { key } = useParams();
  return key ? <FormPage key={key} formKey={key} /> : <FormList />;
}
