import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type Log = Logger;

/**
 * What the engine and the job executor log through: pino's `info(object, message)` and friends,
 * without tying them to pino.
 */
export interface EventLog {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

/** A 12-digit run not part of a longer number: an IIN or BIN (timestamps in ms have 13 digits). */
const iinPattern = /(?<![0-9])[0-9]{12}(?![0-9])/g;
export const iinMask = '[IIN]';

/** Masks every IIN in a string. */
export function maskIins(text: string): string {
  return text.replace(iinPattern, iinMask);
}

/**
 * Fields that hold a person's name wherever they appear (application forms, the gateway's
 * answers, accounts), and process variables as a whole: a log line says which case and element,
 * never what the citizen declared. Censored before the line is written.
 */
const personalFields = ['applicantLastName', 'applicantFirstName', 'lastName', 'firstName', 'middleName', 'patronymic', 'fullName', 'displayName', 'applicantName', 'personName', 'variables'];
export const redactPaths = personalFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** A copy of a value with IINs masked in every string, errors as { type, message, stack }. */
function maskDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskIins(value);
  if (typeof value === 'bigint') return maskIins(value.toString());
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return { type: value.name, message: maskIins(value.message), stack: value.stack && maskIins(value.stack), ...(cause !== undefined ? { cause: maskDeep(cause, depth + 1, seen) } : {}) };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = maskDeep(v, depth + 1, seen);
  return out;
}

/**
 * The structured log: one JSON line per event, IINs masked in every string (the message too) and
 * names redacted. Why both: redaction knows field names, and an IIN also turns up inside text a
 * gateway or a handler wrote ("no person with IIN 900101300123"), a path, or a business key.
 */
export function createLog(options: { level?: string; destination?: DestinationStream } = {}): Log {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // Errors arrive already masked as { type, message, stack } (formatters.log runs first).
    serializers: { err: (e: unknown) => e },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskDeep(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskIins(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A log that writes nothing (tests, unless QYZMET_TEST_LOG is set). */
export function silentLog(): Log {
  return pino({ level: 'silent' });
}
