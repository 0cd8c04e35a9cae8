import type { RegistryWidgetsType } from '@rjsf/utils';
import { DateWidget } from './DateWidget';

/** The widgets every Qyzmet form uses in place of rjsf's defaults (`<Form widgets={formWidgets}>`). */
export const formWidgets: RegistryWidgetsType = { DateWidget };
