import type { Names } from '../names';

/** A row of the inbox as GET /api/tasks gives it (src/http/routes/tasks.ts). */
export interface InboxTask {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  /** The step's name in each language (the diagram's name:ru / name:en properties). */
  names?: Names | null;
  status: 'open' | 'completed' | 'canceled';
  assignee: string | null;
  candidateGroups: string[];
  formKey: string | null;
  dueAt: string | null;
  createdAt: string;
  overdue: boolean;
  businessKey: string | null;
  definitionKey: string;
  lane: string | null;
  laneNames?: Names | null;
  /** Last name and initials; the IIN with all but its last four digits masked. */
  applicant: { name: string | null; iin: string | null } | null;
  /** The display name of whoever holds the task; null when unclaimed (or an older server). */
  assigneeName?: string | null;
  /** Relative to the server's clock; working days by the Kazakh calendar. */
  dueIn: DueIn | null;
}

export interface DueIn {
  overdue: boolean;
  workingDays: number;
  hours: number;
}

/** Who holds the tasks shown: anyone, the signed-in clerk, or nobody yet. */
export type Assignment = 'any' | 'mine' | 'unassigned';

/** What the clerk narrowed the inbox to; kept per user between visits. */
export interface Filters {
  process: string;
  step: string;
  overdue: boolean;
  assignment: Assignment;
  sort: 'dueAt' | '-dueAt';
}

export type Labels = Record<'kk' | 'ru' | 'en', string>;

/** A task form as GET /api/tasks/:id/form gives it (src/forms). */
export interface TaskForm {
  key: string;
  schema: Record<string, unknown>;
  ui: {
    title: Labels;
    order?: string[];
    fields: Record<string, { label: Labels; help?: Labels; readOnly?: boolean; from?: string; widget?: string; options?: Record<string, Labels> }>;
  };
  data: Record<string, unknown>;
}

/** A document a case produced (GET /api/instances/:id/documents). */
export interface CaseDocument {
  id: string;
  kind: string;
  fileName: string;
  mediaType: string;
  createdAt: string;
  url: string;
}

/** Someone a head may hand tasks to, as GET /api/tasks/assignees gives them. */
export interface Assignee {
  username: string;
  displayName: string;
  provider: string;
  roles: string[];
  groups: string[];
}
