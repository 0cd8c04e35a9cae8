/** Typed failures that every layer may throw; `http` maps them to status codes in one place. */
export class QyzmetError extends Error {
  readonly status: number = 500;
  readonly details: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Input broke a rule: a field, a variable, a BPMN element. `details` names what. */
export class ValidationError extends QyzmetError {
  override readonly status = 400;
}

/** A referenced thing (definition key, instance id, task id, …) does not exist. */
export class NotFoundError extends QyzmetError {
  override readonly status = 404;
}

/** The state changed under the caller: a task already completed, an instance already advanced. */
export class ConflictError extends QyzmetError {
  override readonly status = 409;
}

/** No valid session: not signed in, the session expired or was ended, or the credentials are wrong. */
export class UnauthorizedError extends QyzmetError {
  override readonly status = 401;
}

/** The caller may not do this in the current mode or role. */
export class ForbiddenError extends QyzmetError {
  override readonly status = 403;
}

/** A process could not advance: a BPMN error nobody caught, a script error, a bad expression, a definition that no longer loads. */
export class StepFailedError extends QyzmetError {
  override readonly status = 422;
  declare readonly details: { elementId?: string };

  constructor(message: string, details: { elementId?: string }) {
    super(message, details);
  }
}

/** One problem found in a BPMN diagram, located as precisely as the parser allows. */
export interface DiagramProblem {
  elementId?: string;
  line?: number;
  message: string;
  /** Set when the diagram calls a definition that is not deployed (yet). */
  calls?: string;
  /** The bpmnlint rule that reported it, for a lint finding. */
  rule?: string;
}

/** A diagram could not be deployed; nothing was stored. */
export class DeploymentError extends ValidationError {
  declare readonly details: { problems: DiagramProblem[] };

  constructor(problems: DiagramProblem[]) {
    super(
      `deployment rejected: ${problems.map((p) => (p.elementId ? `${p.elementId}: ${p.message}` : p.message)).join('; ')}`,
      { problems }
    );
  }
}

/** Why the database refused: its disk is full, it is read-only, it does not answer, or its disk failed. */
export type StorageCause = 'disk-full' | 'read-only' | 'unreachable' | 'io-error';

/**
 * The database could not take the request (a fault of the server's storage, not of the request):
 * 503, or 507 for a full disk. Unlike other 5xx answers its message reaches the client, because it
 * names only the cause (no file, table or query) and tells the client what to do. A step refused
 * so wrote nothing of itself: a step is one transaction.
 */
export class StorageError extends QyzmetError {
  override readonly status: number = 503;
  declare readonly details: { cause: StorageCause };

  constructor(message: string, cause: StorageCause) {
    super(message, { cause });
  }
}

/** The database's disk is full (SQLITE_FULL, PostgreSQL disk_full): 507 Insufficient Storage. */
export class StorageFullError extends StorageError {
  override readonly status = 507;
}
