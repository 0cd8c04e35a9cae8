import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import type { DeployedForm, FormVersion } from './types';
import './strings';

type Part = 'schema' | 'ui';
/** A problem with what was typed, at the part it concerns (`general`: neither, e.g. the key or a 403). */
interface Problem {
  at: Part | 'general';
  text: string;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The part of the form a server's field names: `schema…` or `ui…`; anything else is the form's as a whole. */
function partOf(field: string | undefined): Part | 'general' {
  if (field === 'schema' || field?.startsWith('schema.')) return 'schema';
  if (field === 'ui' || field?.startsWith('ui.')) return 'ui';
  return 'general';
}

interface Props {
  /** The newest version, which the editor starts from and whose successor a deployment makes. */
  newest: FormVersion;
  /** The version shown on the page: the analyst may start from it instead. */
  shown: FormVersion;
  /** After a deployment, with the version that now stands for the form. */
  onDeployed(deployed: DeployedForm): void;
}

/**
 * Deploying a form's next version (`POST /api/forms`): its JSON Schema and UI schema edited as
 * JSON; JSON that does not parse is named before anything is sent, and the server's 400 is shown
 * at the part whose field it names (`schema`, `ui.fields.<name>`), its message as the server words it.
 */
export function DeployEditor({ newest, shown, onDeployed }: Props) {
  const { t } = useTranslation();
  const [base, setBase] = useState(newest.version);
  const [schemaText, setSchemaText] = useState(() => pretty(newest.schema));
  const [uiText, setUiText] = useState(() => pretty(newest.ui));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [outcome, setOutcome] = useState<DeployedForm | null>(null);
  const [busy, setBusy] = useState(false);

  function startFrom(version: FormVersion) {
    setBase(version.version);
    setSchemaText(pretty(version.schema));
    setUiText(pretty(version.ui));
    setProblem(null);
    setOutcome(null);
  }

  function parse(part: Part, text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      setProblem({ at: part, text: t('formsadmin.deploy.badJson', { part: t(`formsadmin.deploy.${part}`), message: (err as Error).message }) });
      return undefined;
    }
  }

  async function deploy(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setOutcome(null);
    const schema = parse('schema', schemaText);
    if (schema === undefined) return;
    const ui = parse('ui', uiText);
    if (ui === undefined) return;
    setBusy(true);
    try {
      const deployed = await api<DeployedForm>('POST', '/forms', { key: newest.key, schema, ui });
      setOutcome(deployed);
      setBase(deployed.version);
      onDeployed(deployed);
    } catch (err) {
      const field = err instanceof ApiError ? err.fields[0] : undefined;
      const message = (err as Error).message;
      setProblem(field ? { at: partOf(field.field), text: t('formsadmin.deploy.refused', { field: field.field, message: field.message }) } : { at: 'general', text: t('formsadmin.deploy.refusedWhole', { message }) });
    } finally {
      setBusy(false);
    }
  }

  const area = (part: Part, value: string, set: (v: string) => void) => {
    const id = `formsadmin-edit-${part}`;
    const wrong = problem?.at === part;
    return (
      <div className="formsadmin-field">
        <label htmlFor={id}>{t(`formsadmin.deploy.${part}`)}</label>
        <textarea
          id={id}
          value={value}
          rows={14}
          spellCheck={false}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? `${id}-problem` : undefined}
          onChange={(e) => {
            set(e.target.value);
            setOutcome(null);
          }}
        />
        {wrong && problem && (
          <p id={`${id}-problem`} role="alert" className="error">
            {problem.text}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="formsadmin-deploy" aria-labelledby="formsadmin-deploy-title">
      <h2 id="formsadmin-deploy-title">{t('formsadmin.deploy.title')}</h2>
      <p className="formsadmin-muted">{t('formsadmin.deploy.intro')}</p>
      {shown.version !== base && (
        <button type="button" onClick={() => startFrom(shown)}>
          {t('formsadmin.deploy.startFrom', { version: shown.version })}
        </button>
      )}
      <form onSubmit={(e) => void deploy(e)}>
        <div className="formsadmin-editors">
          {area('schema', schemaText, setSchemaText)}
          {area('ui', uiText, setUiText)}
        </div>
        {problem?.at === 'general' && (
          <p role="alert" className="error">
            {problem.text}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('formsadmin.deploy.button', { version: newest.version + 1 })}
        </button>
      </form>
      {outcome && (
        <p role="status" className="formsadmin-success">
          {outcome.created ? t('formsadmin.deploy.created', { version: outcome.version }) : t('formsadmin.deploy.unchanged', { version: outcome.version })}
        </p>
      )}
    </section>
  );
}
