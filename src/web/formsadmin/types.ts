import type { Labels, TaskForm } from '../inbox/types';
import type { Names } from '../names';

/** A form's newest version as `GET /api/forms` lists it. */
export interface FormSummary {
  key: string;
  version: number;
  title: Labels;
}

/** One stored version of a form (`GET /api/forms/:key/versions`). */
export interface FormVersion {
  id: string;
  key: string;
  version: number;
  schema: Record<string, unknown>;
  ui: TaskForm['ui'];
  checksum: string;
  deployedAt: string;
  deployedBy: string;
  source: 'file' | 'api';
  sourceFile: string | null;
}

/**
 * One form the newest version of a diagram uses (`GET /api/form-bindings`): the form version it
 * binds and the form's newest; `outdated` when deploying the diagram again would bind a newer one.
 */
export interface FormBinding {
  definition: string;
  definitionVersion: number;
  name: string | null;
  names: Names | null;
  form: string;
  formTitle: Labels;
  bound: number;
  newest: number;
  outdated: boolean;
}

/** What `POST /api/forms` answers: the version that now stands for the form, and whether it is new. */
export interface DeployedForm {
  key: string;
  version: number;
  created: boolean;
}
