/** The shapes the monitor reads from the REST API (README, `GET /api/instances`, `/api/stats`). */
import type { Names } from '../names';

export type InstanceStatus = 'running' | 'completed' | 'canceled' | 'failed';

/** Where a case waits: `GET /api/instances` and `GET /api/instances/:id` give them. */
export interface Activity {
  elementId: string;
  names?: Names | null;
  kind: string;
  since: string;
  /** A call activity: the instance it started. */
  instanceId?: string;
}

/** One row of `GET /api/instances`. */
export interface InstanceSummary {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  status: InstanceStatus;
  startedAt: string;
  endedAt: string | null;
  registeredAt: string | null;
  dueAt: string | null;
  resultAt: string | null;
  overdue: boolean;
  finishedLate: boolean;
  openIncidents: number;
  provider: string;
  activities: Activity[];
}

export interface Task {
  id: string;
  elementId: string;
  name: string | null;
  names?: Names | null;
  status: 'open' | 'completed' | 'canceled';
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
  createdAt: string;
  completedBy: string | null;
}

/** One job of a case (`GET /api/instances/:id`'s `jobs`): a timer's is due when it fires. */
export interface Job {
  elementId: string;
  kind: string;
  status: 'waiting' | 'done' | 'canceled' | 'failed';
  dueAt: string;
}

export interface Incident {
  id: string;
  elementId: string;
  kind: string;
  message: string;
  status: 'open' | 'resolved';
  createdAt: string;
  resolvedAt: string | null;
}

export interface HistoryRow {
  id: number;
  type: string;
  elementId: string | null;
  names?: Names | null;
  elementType: string | null;
  actor: string;
  at: string;
  data: Record<string, unknown> | null;
}

/** `GET /api/instances/:id`. */
export interface InstanceDetails extends Omit<InstanceSummary, 'overdue' | 'finishedLate' | 'openIncidents'> {
  startedBy: string;
  parentInstanceId: string | null;
  variables: Record<string, unknown>;
  tasks: Task[];
  incidents: Incident[];
  history: HistoryRow[];
  /** The provider's name in kk/ru/en; null when the server knows it only by id. */
  providerNames: Names | null;
  /** username → display name of the people the case names. */
  people: Record<string, string>;
  /** The case's jobs: its armed timers with the moment each fires, its service calls. */
  jobs: Job[];
  /** Ids of the sequence flows the case took, as its steps recorded them. */
  takenFlows: string[];
}

/** One version of `GET /api/definitions/:key`. */
export interface DefinitionVersion {
  key: string;
  version: number;
  name: string | null;
  names?: Names | null;
  xml: string;
}

/** One row of `GET /api/definitions` (the latest version of each key). */
export interface DefinitionSummary {
  key: string;
  version: number;
  name: string | null;
  names?: Names | null;
  versions: number;
}

export interface DocumentInfo {
  id: string;
  kind: string;
  fileName: string;
  mediaType: string;
  createdAt: string;
  /** What it is registered under: the act's own number, else the case number. */
  number?: string | null;
  /** The case (this one or one it called for the same applicant) and the step that issued it. */
  issuedBy?: { instanceId: string; definitionKey: string; businessKey: string | null; elementId: string; names: Names | null };
}

/** `GET /api/stats`. */
export interface Stats {
  at: string;
  byProcess: { definitionKey: string; names: Names | null; running: number; overdue: number }[];
  byStep: { definitionKey: string; elementId: string; kind: 'userTask' | 'service'; name: string | null; names: Names | null; count: number; overdue: number }[];
  perDay: { date: string; started: number; finished: number }[];
}
