import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import Form from '@rjsf/core';
import { englishStringTranslator, type TranslatableString } from '@rjsf/utils';
import { currentLanguage } from '../i18n';
import { toRjsf } from '../inbox/rjsfForm';
import { rjsfWords } from '../inbox/TaskPanel';
import { formValidator } from '../forms/validator';
import { formFields, formWidgets } from '../forms/widgets';
import type { FormVersion } from './types';
import './strings';

/**
 * One form version drawn as a clerk's inbox draws it (the same react-jsonschema-form rendering,
 * in the chosen language), read-only and with no case behind it: the fields a case fills in
 * (read-only, `from` the process) are named under it, since only a task has their values.
 */
export function FormPreview({ form }: { form: FormVersion }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const rjsf = useMemo(() => toRjsf({ key: form.key, schema: form.schema, ui: form.ui, data: {} }, language, t), [form, language, t, i18n.resolvedLanguage]);
  const translateString = useMemo(() => (key: TranslatableString, params?: string[]) => (rjsfWords[key] ? t(`inbox.rjsf.${rjsfWords[key]}`) : englishStringTranslator(key, params)), [t, i18n.resolvedLanguage]);
  const filled = Object.entries(form.ui.fields)
    .filter(([, field]) => field.readOnly)
    .map(([name, field]) => field.label?.[language] ?? name);
  const heading = `formsadmin-preview-${form.version}`;
  return (
    <section className="formsadmin-preview" aria-labelledby={heading}>
      <h2 id={heading}>{t('formsadmin.preview.title', { version: form.version })}</h2>
      <p className="formsadmin-muted">
        {t('formsadmin.preview.note')} {filled.length > 0 && t('formsadmin.preview.filled', { fields: filled.join('; ') })}
      </p>
      <div className="formsadmin-paper">
        <h3>{form.ui.title[language]}</h3>
        <Form
          key={`${form.id}-${language}`}
          className="inbox-form"
          idPrefix={`preview${form.version}`}
          schema={rjsf.schema}
          uiSchema={rjsf.uiSchema}
          formData={{}}
          validator={formValidator(rjsf.schema)}
          widgets={formWidgets}
          fields={formFields}
          translateString={translateString}
          showErrorList={false}
          noValidate
          noHtml5Validate
          readonly
          experimental_defaultFormStateBehavior={{ requiredBooleanDefault: 'skip', constAsDefaults: 'never' }}
        >
          <></>
        </Form>
      </div>
    </section>
  );
}
