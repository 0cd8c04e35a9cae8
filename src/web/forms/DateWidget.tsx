import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { DateInput } from './DateInput';

/**
 * react-jsonschema-form's date widget for Qyzmet (`widgets={{ DateWidget }}`, see ./widgets.ts):
 * the dd.mm.yyyy field of ./DateInput, labelled by rjsf's label (`for` this input), described by
 * rjsf's help and errors; the form data gets ISO `YYYY-MM-DD`. While rjsf shows an error at the
 * field, the widget does not say its own as well.
 */
export function DateWidget({ id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, rawErrors }: WidgetProps) {
  return (
    <DateInput
      id={id}
      name={htmlName || id}
      value={typeof value === 'string' ? value : undefined}
      onChange={onChange}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      autoFocus={autofocus}
      invalid={!!rawErrors?.length}
      describedBy={ariaDescribedByIds(id)}
    />
  );
}
