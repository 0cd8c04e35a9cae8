/** A deployed version of one DMN decision: `key` is the decision's id, `xml` the whole DMN file. */
export interface DecisionRow extends DefinitionRow {
  /** The DMN version the file was written in (1.1 to 1.5); it is read as DMN 1.3. */
  dmnVersion: string;
}

export interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string | null;
  deploymentName: string;
  xml: string;
  contentHash: string;
  deployedAt: string;
  deployedBy: string;
  /** ISO date (YYYY-MM-DD) from which new instances may start on this version; null = at once. */
  effectiveFrom: string | null;
  /** `file`: read from a BPMN file (`qyzmet serve`, `qyzmet deploy`); `api`: POST /api/deployments. */
  source: DefinitionSource;
  /** The name of the file it was read from; null for `api`. */
  sourceFile: string | null;
  /**
   * A diagram version's form bindings: the version of each form it uses, current when it was
   * deployed (`{ "ha-review": 2 }`); null when deployed before forms were versioned (each form's
   * version 1 then). Decisions have none.
   */
  formVersions?: Record<string, number> | null;
}

/** One version of a task form (JSON Schema + UI schema), as deployed from forms/ or the API. */
export interface FormVersionRow {
  id: string;
  key: string;
  version: number;
  schema: Record<string, unknown>;
  ui: { title: Record<string, string>; order?: string[]; fields: Record<string, unknown> };
  /** SHA-256 of schema and UI schema (src/forms formChecksum): an unchanged form makes no version. */
  checksum: string;
  deployedAt: string;
  deployedBy: string;
  source: DefinitionSource;
  sourceFile: string | null;
}

export type DefinitionSource = 'file' | 'api';

export type InstanceStatus = 'running' | 'completed' | 'canceled' | 'failed';

/** One place an instance waits in, kept on its row so that lists and details need no joins. */
export interface InstanceActivity {
  elementId: string;
  kind: 'userTask' | 'timer' | 'service' | 'message' | 'signal' | 'call' | 'error';
  executionId: string;
  since: string;
  /** A call activity: the instance it started. */
  instanceId?: string;
}

export interface InstanceRow {
  id: string;
  definitionId: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  status: InstanceStatus;
  /** bpmn-engine's own `getState()`, without the definition source. */
  state: string;
  /** Optimistic lock: every write must name the revision it read. */
  revision: number;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  /** Set on an instance started by a call activity: the caller and its call's execution. */
  parentInstanceId: string | null;
  parentExecutionId: string | null;
  parentElementId: string | null;
  /** Where it waits now. */
  activities: InstanceActivity[];
  /** The statutory term its definition declares, e.g. 8 working days; null if none. */
  term: { amount: number; unit: string; schedule: string } | null;
  /** When the application counts as registered (after hours → the next working morning), and when the term ends. */
  registeredAt: string | null;
  dueAt: string | null;
  /**
   * When the result (or a refusal) went out: the first element marked `resultIssued` reached, or
   * the end of a case that completed without one. Null while the service is still owed.
   */
  resultAt: string | null;
  /** The provider the case belongs to (a district department); its tasks inherit it. */
  provider: string;
  /** The history chain's length and the hash of its last row (genesis when empty): see store/chain.ts. */
  historySeq: number;
  historyHead: string;
  /**
   * When the applicant consented to the collection and processing of their personal data (Law
   * No. 94-V, art. 8): the filing of an application whose `personalDataConsent` is true. Null if none.
   */
  consentAt: string | null;
}

export type TaskStatus = 'open' | 'completed' | 'canceled';

export interface TaskRow {
  id: string;
  instanceId: string;
  executionId: string;
  elementId: string;
  name: string | null;
  status: TaskStatus;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formKey: string | null;
  dueAt: string | null;
  createdAt: string;
  claimedAt: string | null;
  endedAt: string | null;
  completedBy: string | null;
  /** The provider of its case (src/http/access.ts: who sees it). */
  provider: string;
}

/** `call`: a called instance ended and its caller's call activity is to continue. */
/** `error`: the anchor of an incident for a BPMN error nothing caught; it never runs. */
/** monitoring: a case's stage for the monitoring system (src/engine/monitoring.ts), outliving the case's waits. */
export type JobKind = 'timer' | 'service' | 'call' | 'error' | 'monitoring';
export type JobStatus = 'waiting' | 'done' | 'canceled' | 'failed';

export interface JobRow {
  id: string;
  instanceId: string;
  executionId: string;
  elementId: string;
  kind: JobKind;
  /** Service jobs: the handler's topic. */
  topic: string | null;
  status: JobStatus;
  dueAt: string;
  lockOwner: string | null;
  lockExpiresAt: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
}

export type IncidentStatus = 'open' | 'resolved';

export interface IncidentRow {
  id: string;
  instanceId: string;
  jobId: string;
  elementId: string;
  kind: string;
  message: string;
  status: IncidentStatus;
  createdAt: string;
  resolvedAt: string | null;
}

/**
 * Every kind of history row, so that whoever shows history (the web app's case page) can be held to
 * a label for each. `decision.evaluated`: a business rule task's decision — decision id, version and
 * the matched rule ids. `subject.exported`: everything held about a person was exported (subject
 * access); the actor is who exported it. `term.extended`: the instance's statutory term was extended
 * as its act allows (seed 002 para 14): `{ dueAt, previousDueAt, reason }`; the row's `dueAt` follows
 * it. `complaint.forwarded`: a complaint the provider received for another body was sent to it (seed
 * 002 para 12): `{ to, letterNumber, forwardedOn, registeredAt, dueAt, previousDueAt }`.
 * `complaint.notForwarded`: such a complaint was not sent on, a favourable act satisfied it in full
 * (seed 002 para 12): `{ to, actNumber, actDate, summary }`.
 */
export const historyTypes = [
  'instance.started',
  'instance.ended',
  'instance.canceled',
  'instance.failed',
  'activity.entered',
  'activity.left',
  'task.created',
  'task.claimed',
  'task.unclaimed',
  'task.completed',
  'task.canceled',
  'timer.fired',
  'message.correlated',
  'signal.received',
  'call.started',
  'call.returned',
  'service.completed',
  'decision.evaluated',
  'incident.raised',
  'incident.resolved',
  'variables.set',
  'document.created',
  'subject.exported',
  'term.extended',
  'complaint.forwarded',
  'complaint.notForwarded',
] as const;

export type HistoryType = (typeof historyTypes)[number];

export interface HistoryEvent {
  id?: number;
  instanceId: string;
  definitionId: string;
  definitionVersion: number;
  type: HistoryType;
  elementId: string | null;
  elementType: string | null;
  executionId: string | null;
  actor: string;
  at: string;
  data: Record<string, unknown> | null;
  /** The audit trail, set when the row is written: its place in the instance's chain, the hash before it, its own. */
  seq?: number;
  prevHash?: string;
  hash?: string;
}

export interface SubscriptionRow {
  id: string;
  instanceId: string;
  executionId: string;
  elementId: string;
  kind: 'message' | 'signal';
  /** The message or signal name it waits for. */
  messageName: string;
  status: 'waiting' | 'done' | 'canceled';
  createdAt: string;
}

export interface CalendarOverrideRow {
  /** YYYY-MM-DD */
  date: string;
  kind: 'workingDay' | 'dayOff';
  reason: string;
  updatedAt: string;
  updatedBy: string;
}

export interface DocumentRow {
  id: string;
  instanceId: string;
  elementId: string;
  kind: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
  size: number;
  sha256: string;
  idempotencyKey: string;
  createdAt: string;
}

/** An account (src/auth keeps its rules; the store only keeps the row). */
export interface AccountRow {
  username: string;
  displayName: string;
  /** Role names, e.g. ["operator"]. */
  roles: string[];
  provider: string;
  disabled: boolean;
  createdAt: string;
  /** `scrypt$N$r$p$salt$key`. */
  passwordHash: string;
}

/** Names in Kazakh, Russian and English. */
export interface ProviderNames {
  kk: string;
  ru: string;
  en: string;
}

/** A provider's directory entry (migration 20261206000300). */
export interface ProviderRow {
  /** The provider id accounts and cases carry. */
  id: string;
  names: ProviderNames;
  /** Business identification number, 12 digits; null when not entered. */
  bin: string | null;
  address: string | null;
  /** Service key (definition key, or regulation `national`/`almaty`) → the body that provides it. */
  services: Record<string, ProviderNames>;
  updatedAt: string;
  updatedBy: string;
}

/** A provider's housing commission (seed 002 para 9(1)): account usernames, the chair among them. */
export interface CommissionRow {
  provider: string;
  members: string[];
  chair: string;
  updatedAt: string;
  updatedBy: string;
}

/** One composition an admin set, kept for the record. */
export interface CommissionChangeRow {
  id: number;
  provider: string;
  members: string[];
  chair: string;
  changedAt: string;
  changedBy: string;
}

export interface SessionRow {
  /** SHA-256 of the session token, hex. */
  tokenHash: string;
  username: string;
  createdAt: string;
  expiresAt: string;
}

/** A family member as the waiting-list application names them (seed 001 Appendix 1 item 3). */
export interface QueueFamilyMember {
  iin: string;
  relationship: string;
  name?: string;
}

/**
 * A family registered on a housing waiting list (seed 001 para 12: the serial number of the queue),
 * numbered from 1 in its list and locality.
 */
export interface QueueEntryRow {
  id: string;
  /** The list's id (see engine/services/queues.ts for the ids and where they come from). */
  list: string;
  locality: string;
  number: number;
  /** The case that registered the family. */
  instanceId: string;
  /** The idempotency key of the step that took the number: a retried step finds its entry by it. */
  stepKey: string;
  iin: string;
  applicant: string;
  family: QueueFamilyMember[];
  registeredAt: string;
  status: 'registered';
  /** When the family's data was last updated (seed 001 Appendix 3), null if never. */
  updatedAt: string | null;
}

/** One update of a registered family's data (seed 001 para 11, Appendix 3), recorded on its entry. */
export interface QueueEntryUpdateRow {
  id: string;
  entryId: string;
  /** The update's own case. */
  instanceId: string;
  /** The family member whose data changed (Appendix 3 item 2); null for the applicant's own. */
  memberIin: string | null;
  /** Appendix 3 item 3: the reason and the supporting document. */
  reason: string;
  /** What changed, as the employee recorded it. */
  changes: Record<string, unknown>;
  /** When the application for the update was received. */
  receivedAt: string;
  recordedAt: string;
}
