import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Form from '@rjsf/core';
import { englishStringTranslator, TranslatableString, type ErrorSchema } from '@rjsf/utils';
import type { IChangeEvent } from '@rjsf/core';
import { api, ApiError } from '../api';
import { currentLanguage } from '../i18n';
import { localName } from '../names';
import { dateTime } from '../format';
import { useSession } from '../session';
import { Deadline } from './TaskTable';
import { Documents } from './Documents';
import { serverErrors, toRjsf } from './rjsfForm';
import { uncheckedBoxes } from '../forms/checkboxes';
import { formValidator } from '../forms/validator';
import { formFields, formWidgets } from '../forms/widgets';
import type { InboxTask, TaskForm } from './types';

// The server checks every submission against the form (src/forms) and names each field at fault;
// the form shows those answers where they belong, in the clerk's language, so there is one judge
// of what is valid. rjsf still needs a validator to build defaults and pick conditional branches:
// the build's precompiled one (../forms/validator.ts).

/** react-jsonschema-form's own words (Yes/No of a boolean, array buttons) in the chosen language. */
export const rjsfWords: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.YesLabel]: 'yes',
  [TranslatableString.NoLabel]: 'no',
  [TranslatableString.AddItemButton]: 'addItem',
  [TranslatableString.AddButton]: 'addItem',
  [TranslatableString.RemoveButton]: 'remove',
  [TranslatableString.MoveUpButton]: 'moveUp',
  [TranslatableString.MoveDownButton]: 'moveDown',
  [TranslatableString.EmptyArray]: 'emptyArray',
  [TranslatableString.ArrayItemTitle]: 'item',
};

interface Props {
  task: InboxTask;
  onClose(): void;
  /** Called after the task was claimed or given back (with the task as it is now), or completed, so the list is read again. */
  onChanged(change: { task?: Partial<InboxTask>; completed?: boolean }): void;
}

/** One task opened: its case, its form rendered in the chosen language, the case's documents. */
export function TaskPanel({ task, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [form, setForm] = useState<TaskForm | null>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<Form>(null);
  const mine = task.assignee === me?.username;

  useEffect(() => {
    let current = true;
    setForm(null);
    setProblem(null);
    setExtraErrors(undefined);
    heading.current?.focus();
    if (!task.formKey) return;
    api<TaskForm>('GET', `/tasks/${encodeURIComponent(task.id)}/form`).then(
      (f) => {
        if (!current) return;
        setForm(f);
        setData({ ...uncheckedBoxes(f.schema, f.ui.fields), ...f.data });
      },
      (err: Error) => current && setProblem(t('app.failed', { message: err.message }))
    );
    return () => {
      current = false;
    };
  }, [task.id, task.formKey, t]);

  const language = currentLanguage();
  const rjsf = useMemo(() => (form ? toRjsf(form, language, t) : null), [form, language, t, i18n.resolvedLanguage]);
  const translateString = useMemo(() => (key: TranslatableString, params?: string[]) => (rjsfWords[key] ? t(`inbox.rjsf.${rjsfWords[key]}`) : englishStringTranslator(key, params)), [t, i18n.resolvedLanguage]);

  async function act(action: 'claim' | 'unclaim') {
    setBusy(true);
    setProblem(null);
    try {
      onChanged({ task: await api<Partial<InboxTask>>('POST', `/tasks/${encodeURIComponent(task.id)}/${action}`, {}) });
    } catch (err) {
      setProblem(t('app.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  async function complete(variables: Record<string, unknown>) {
    setBusy(true);
    setProblem(null);
    setExtraErrors(undefined);
    try {
      await api('POST', `/tasks/${encodeURIComponent(task.id)}/complete`, { variables });
      onChanged({ completed: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const { errorSchema, unplaced } = serverErrors(err.details, t);
        setExtraErrors(errorSchema);
        setProblem(unplaced.length ? unplaced.join(' ') : t('inbox.form.fix'));
      } else {
        setProblem(t('app.failed', { message: (err as Error).message }));
      }
    } finally {
      setBusy(false);
    }
  }

  /** Only what the clerk entered goes to the server: read-only fields are the state's. */
  function submit({ formData }: IChangeEvent) {
    const entered = Object.fromEntries(Object.entries((formData ?? {}) as Record<string, unknown>).filter(([name, value]) => value !== undefined && !rjsf?.readOnly.includes(name)));
    void complete(entered);
  }

  function completeWithoutForm(e: FormEvent) {
    e.preventDefault();
    void complete({});
  }

  const title = form ? form.ui.title[language] : localName(task, language, task.elementId);
  return (
    <section className="inbox-task" aria-labelledby="inbox-task-title">
      <header className="inbox-task-head">
        <div>
          <h2 id="inbox-task-title" ref={heading} tabIndex={-1}>
            {title}
          </h2>
          <p className="muted">
            {task.businessKey ?? '—'} · {localName(task, language, task.elementId)}
          </p>
        </div>
        <button type="button" onClick={onClose}>
          {t('inbox.task.close')}
        </button>
      </header>
      <dl className="inbox-facts">
        <dt>{t('inbox.column.applicant')}</dt>
        <dd>{[task.applicant?.name, task.applicant?.iin].filter(Boolean).join(', ') || '—'}</dd>
        <dt>{t('inbox.column.lane')}</dt>
        <dd>{localName({ name: task.lane, names: task.laneNames }, language, '—')}</dd>
        <dt>{t('inbox.column.due')}</dt>
        <dd>
          <Deadline task={task} /> <span className="muted">({dateTime(task.dueAt)})</span>
        </dd>
        <dt>{t('inbox.column.assignee')}</dt>
        <dd>{task.assignee ? task.assigneeName || task.assignee : t('inbox.task.nobody')}</dd>
      </dl>
      <div className="inbox-task-actions">
        {!task.assignee && (
          <button type="button" className="primary" disabled={busy} onClick={() => void act('claim')}>
            {t('inbox.action.claim')}
          </button>
        )}
        {task.assignee && (mine || me?.permissions.includes('tasks.reassign')) && (
          <button type="button" disabled={busy} onClick={() => void act('unclaim')}>
            {t('inbox.action.unclaim')}
          </button>
        )}
      </div>
      {!mine && <p className="inbox-hint">{task.assignee ? t('inbox.task.heldBy', { user: task.assigneeName || task.assignee }) : t('inbox.task.claimFirst')}</p>}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {task.formKey && !form && !problem && <p className="loading">{t('app.loading')}</p>}
      {rjsf && form && (
        <Form
          ref={formRef}
          key={`${task.id}-${language}`}
          className="inbox-form"
          idPrefix="task"
          schema={rjsf.schema}
          uiSchema={rjsf.uiSchema}
          formData={data}
          validator={formValidator(rjsf.schema)}
          widgets={formWidgets}
          fields={formFields}
          translateString={translateString}
          extraErrors={extraErrors}
          showErrorList={false}
          noValidate
          noHtml5Validate
          // The clerk decides: a yes/no (documents reliable, income within the limit) starts unanswered, never "no".
          experimental_defaultFormStateBehavior={{ requiredBooleanDefault: 'skip', constAsDefaults: 'never' }}
          disabled={!mine || busy}
          onChange={(e) => {
            setData(e.formData as Record<string, unknown>);
            if (extraErrors) setExtraErrors(undefined);
          }}
          onSubmit={submit}
        >
          <button type="submit" disabled={!mine || busy}>
            {t('inbox.action.complete')}
          </button>
        </Form>
      )}
      {!task.formKey && (
        <form onSubmit={completeWithoutForm}>
          <button type="submit" disabled={!mine || busy}>
            {t('inbox.action.complete')}
          </button>
        </form>
      )}
      <Documents instanceId={task.instanceId} />
    </section>
  );
}
