import type { RegistryFieldsType, RegistryWidgetsType } from '@rjsf/utils';
import { ReadOnlyTable } from './ReadOnlyTable';
import { DateWidget } from './DateWidget';
import { DateTimeWidget } from './DateTimeWidget';
import { OptionalSection } from './OptionalSection';

/** The widgets every Qyzmet form uses in place of rjsf's defaults (`<Form widgets={formWidgets}>`). */
export const formWidgets: RegistryWidgetsType = { DateWidget, DateTimeWidget };

/** The fields Qyzmet forms add to rjsf's (`<Form fields={formFields}>`): a read-only list as a table; an optional section, its fields marked required once it is used. */
export const formFields: RegistryFieldsType = { ReadOnlyTable, OptionalSection, Nothing: () => null };
