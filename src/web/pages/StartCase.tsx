import Form from '@rjsf/core';
import type { IconButtonProps, RJSFSchema, RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { addStrings, currentLanguage } from '../i18n';
import { timeZone } from '../format';
import en from '../locales/start/en.json';
import kk from '../locales/start/kk.json';
import ru from '../locales/start/ru.json';
import { uncheckedBoxes } from '../forms/checkboxes';
import { ApplicantLookup } from '../start/ApplicantLookup';
import { complaintProcess, nextComplaintNumber } from '../start/complaintNumber';
import { CaseRegistered, type StartedCase } from '../start/CaseRegistered';
import { ServicePicker, type Service } from '../start/ServicePicker';
import { counterValues, prefill, serverErrors, serverMessage, startVariables, toRjsf, translateErrors, type Applicant, type FormDefinition } from '../start/applicationForm';
import { formValidator } from '../forms/validator';
import { inDroppedSection, withoutEmptySections } from '../forms/sections';
import { formFields, formWidgets } from '../forms/widgets';
import { rjsfSchema } from '../forms/schema';
import '../start/start.css';

addStrings({ en, kk, ru });

/**
 * The browser checks the application with the build's precompiled functions for its schema
 * (../forms/validator.ts: JSON Schema 2020-12, as the server checks it), except that an optional
 * group nobody filled in (the representative) is absent, not an empty one with its own required fields.
 */
function applicationValidator(schema: RJSFSchema): ValidatorType {
  const checks = formValidator(schema);
  return Object.assign(Object.create(checks) as ValidatorType, {
    validateFormData: (data: unknown, ...rest: unknown[]) => (checks.validateFormData as (...args: unknown[]) => ReturnType<ValidatorType['validateFormData']>).call(checks, data && typeof data === 'object' ? withoutEmpty(data as Record<string, unknown>) : data, ...rest),
  });
}

/** Today's date in Almaty by the server's clock (the application's date), as YYYY-MM-DD. */
function almatyDate(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** Empty nested objects (an optional representative nobody filled in) are left out rather than sent half-made. */
function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  const empty = (v: unknown): boolean => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(empty));
  return Object.fromEntries(Object.entries(data).filter(([, v]) => !empty(v)));
}

/** The array's add and remove buttons, said in words (rjsf's default shows an icon font the app does not load). */
function RowButton(label: string) {
  return function Button({ icon: _icon, iconType: _type, uiSchema: _ui, registry: _registry, className, ...props }: IconButtonProps) {
    const { t } = useTranslation();
    return (
      <button type="button" {...props} className={className} title={t(label)}>
        {t(label)}
      </button>
    );
  };
}

const templates = { ButtonTemplates: { AddButton: RowButton('start.addRow'), RemoveButton: RowButton('start.removeRow') } };

/**
 * Start a case (instances.start): the State Corporation operator chooses the service, finds the
 * applicant in the register by IIN (their data read-only), fills in the application — the start
 * event's form — and registers it; the case's number, registration moment and statutory due date
 * show at once, then the receipt of acceptance to print.
 */
export default function StartCase() {
  const { t, i18n } = useTranslation();
  const [services, setServices] = useState<Service[] | null>(null);
  const [key, setKey] = useState('');
  const [form, setForm] = useState<FormDefinition | null>(null);
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [today, setToday] = useState<string | undefined>();
  const [businessKey, setBusinessKey] = useState('');
  const [businessKeyError, setBusinessKeyError] = useState<string | null>(null);
  const [extraErrors, setExtraErrors] = useState<Record<string, unknown> | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<StartedCase | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    api<Service[]>('GET', '/definitions').then(
      (list) => setServices(list.filter((s) => s.applicationForm && s.startableInTasklist)),
      (err: Error) => setFailure(t('app.failed', { message: err.message }))
    );
    api<{ now: string }>('GET', '/clock').then((c) => setToday(almatyDate(c.now)), () => undefined);
  }, [t]);

  const service = services?.find((s) => s.key === key);
  useEffect(() => {
    setForm(null);
    if (!service?.applicationForm) return;
    // The version a case started now is checked against (the diagram's binding), not the newest.
    api<FormDefinition>('GET', `/definitions/${encodeURIComponent(service.key)}/start-form`).then(setForm, (err: Error) => setFailure(t('app.failed', { message: err.message })));
  }, [service?.key, service?.applicationForm, t]);

  // A new applicant or service starts a fresh application, with the register's data filled in.
  useEffect(() => {
    setExtraErrors(undefined);
    if (!form || !applicant) return;
    // The counter's defaults only where the service's form has such a field (another form refuses unknown ones).
    const known = (form.schema.properties ?? {}) as Record<string, unknown>;
    const defaults = Object.entries({ ...counterValues, familyMembers: [], ...(today ? { applicationDate: today } : {}) }).filter(([name]) => name in known);
    setData({ ...uncheckedBoxes(form.schema, form.ui.fields), ...Object.fromEntries(defaults), ...prefill(form, applicant) });
  }, [form, applicant, today]);

  // A complaint's number is its own, `<case number>/<n>`: proposed as the next free one once the
  // complained case's number is in the form, and again when that number changes, unless the clerk
  // has typed a number of their own (Camunda's way: the business key is the starter's, never made
  // up by the engine, so the client proposes it and the clerk sees it before registering).
  const complaint = service?.key === complaintProcess;
  const caseNumber = complaint && typeof data.caseNumber === 'string' ? data.caseNumber.trim() : '';
  const proposedKey = useRef('');
  const typedKey = useRef(businessKey);
  useEffect(() => {
    typedKey.current = businessKey;
  }, [businessKey]);
  useEffect(() => {
    if (!caseNumber) return;
    let stale = false;
    // After a pause in typing, not at every key.
    const timer = setTimeout(() => {
      nextComplaintNumber(caseNumber).then(
        (next) => {
          if (stale || (typedKey.current.trim() !== '' && typedKey.current !== proposedKey.current)) return;
          proposedKey.current = next;
          setBusinessKey(next);
          setBusinessKeyError(null);
        },
        () => undefined
      );
    }, 400);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [caseNumber]);

  const lang = currentLanguage();
  const rjsf = useMemo(
    () =>
      form &&
      toRjsf(form, lang, {
        field: (name) => (i18n.exists(`start.fields.${name}`) ? t(`start.fields.${name}`) : undefined),
        value: (value) => (i18n.exists(`start.values.${value}`) ? t(`start.values.${value}`) : undefined),
      }, applicant ? prefill(form, applicant) : {}),
    [form, lang, t, i18n, applicant]
  );
  // The schema is the same in every language: one validator per form.
  const validator = useMemo(() => (form ? applicationValidator(rjsfSchema(form.schema)) : null), [form]);

  const say = (keyword: string, params: Record<string, unknown>) => (i18n.exists(`start.errors.${keyword}`) ? t(`start.errors.${keyword}`, { limit: params.limit }) : undefined);
  const transformErrors = (errors: RJSFValidationError[]) =>
    translateErrors(
      // "must match the then schema" repeats the field's own error (an owner's missing document).
      // An optional section nobody filled in (the representative) asks for nothing.
      errors.filter((e) => e.name !== 'if' && !inDroppedSection(rjsf!.schema, data, e.property)),
      (keyword, params) => {
        if (keyword === 'pattern' && errors.some((e) => e.name === 'pattern' && e.property === '.bankAccount' && e.params === params)) return t('start.errors.patternIban');
        if (keyword === 'format' && params.format === 'date') return t('forms.date.invalid');
        return say(keyword, params);
      }
    );

  async function submit(formData: Record<string, unknown>) {
    if (!form || !applicant || !service) return;
    setFailure(null);
    setBusinessKeyError(null);
    setExtraErrors(undefined);
    if (!businessKey.trim()) {
      setBusinessKeyError(t('start.errors.required'));
      return;
    }
    setBusy(true);
    try {
      const variables = startVariables(form, withoutEmpty(formData), applicant.iin);
      setStarted(await api<StartedCase>('POST', `/definitions/${encodeURIComponent(service.key)}/instances`, { businessKey: businessKey.trim(), variables }));
    } catch (err) {
      const e = err as ApiError;
      const fields = (e.details as { fields?: { field: string; message: string }[] } | null)?.fields ?? [];
      const words = (m: string) => serverMessage(m, say);
      if (e.status === 409 && (e.details as { field?: string } | null)?.field === 'businessKey') setBusinessKeyError(t(complaint ? 'start.complaintKeyDuplicate' : 'start.businessKeyDuplicate', { key: businessKey.trim() }));
      else if (e.status === 400 && fields.length) {
        // Each at its field: the case number above the form, the application's own in it.
        const atKey = fields.find((f) => f.field === 'businessKey');
        if (atKey) setBusinessKeyError(words(atKey.message));
        const inForm = fields.filter((f) => f.field.startsWith('variables'));
        if (inForm.length) setExtraErrors(serverErrors(inForm.map((f) => ({ ...f, message: words(f.message) }))));
        const elsewhere = fields.filter((f) => f !== atKey && !inForm.includes(f));
        setFailure(elsewhere.length ? t('app.failed', { message: e.message }) : inForm.length ? t('start.fixErrors') : null);
      } else setFailure(t('app.failed', { message: e.message }));
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setStarted(null);
    setApplicant(null);
    setBusinessKey('');
    proposedKey.current = '';
    setData({});
    setAttempt((n) => n + 1);
  }

  if (started) {
    return (
      <div className="start-page">
        <h1>{t('start.title')}</h1>
        <CaseRegistered started={started} issues={service?.documents ?? []} onAnother={another} />
      </div>
    );
  }

  return (
    <div className="start-page">
      <h1>{t('start.title')}</h1>
      <p className="start-muted">{t('start.intro')}</p>
      {services === null ? <p className="loading">{t('app.loading')}</p> : <ServicePicker services={services} value={key} onChange={setKey} />}
      {service && (
        <>
          <ApplicantLookup key={attempt} onFound={setApplicant} />
          {!applicant && <p className="start-muted">{t('start.findFirst')}</p>}
        </>
      )}
      {form && applicant && rjsf && (
        <section className="start-application" aria-labelledby="start-application-title">
          <h2 id="start-application-title">{form.ui.title[lang]}</h2>
          <p className="start-muted">{t('start.readOnlyNote')}</p>
          <div className="start-business-key">
            <label>
              <span>
                {t(complaint ? 'start.complaintKey' : 'start.businessKey')}
                {/* Marked as rjsf marks the form's required fields; to a screen reader the input says its name (without the star) and aria-required. */}
                <span className="required" aria-hidden="true">
                  *
                </span>
              </span>
              <input
                name="businessKey"
                aria-label={t(complaint ? 'start.complaintKey' : 'start.businessKey')}
                aria-required="true"
                form="start-application"
                autoComplete="off"
                value={businessKey}
                onChange={(e) => {
                  setBusinessKey(e.target.value);
                  setBusinessKeyError(null);
                }}
                aria-invalid={businessKeyError ? true : undefined}
                aria-describedby={businessKeyError ? 'start-business-key-error' : 'start-business-key-help'}
              />
            </label>
            {businessKeyError ? (
              <p id="start-business-key-error" className="error" role="alert">
                {businessKeyError}
              </p>
            ) : (
              <p id="start-business-key-help" className="start-muted">
                {t(complaint ? 'start.complaintKeyHelp' : 'start.businessKeyHelp')}
              </p>
            )}
          </div>
          <Form
            id="start-application"
            schema={rjsf.schema}
            uiSchema={rjsf.uiSchema}
            formData={data}
            validator={validator!}
            onChange={(e) => setData(e.formData as Record<string, unknown>)}
            onSubmit={(e) => void submit(withoutEmptySections(rjsf.schema, e.formData as Record<string, unknown>))}
            onError={() => setFailure(t('start.fixErrors'))}
            transformErrors={transformErrors}
            extraErrors={extraErrors as never}
            showErrorList={false}
            noHtml5Validate
            templates={templates}
            widgets={formWidgets}
            fields={formFields}
            // Nothing is filled in for the operator: no half-made representative, no consent ticked or choice made in advance.
            experimental_defaultFormStateBehavior={{ emptyObjectFields: 'skipEmptyDefaults', constAsDefaults: 'never', requiredBooleanDefault: 'skip' }}
          >
            {failure && (
              <p className="error" role="alert">
                {failure}
              </p>
            )}
            <button type="submit" disabled={busy}>
              {busy ? t('start.submitting') : t('start.submit')}
            </button>
          </Form>
        </section>
      )}
      {failure && !(form && applicant) && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
