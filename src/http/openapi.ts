import { deadlineQuerySchema, overrideSchema } from './routes/calendar.js';
import { clockSchema } from './routes/clock.js';
import { completeSchema, claimSchema, taskQuerySchema } from './routes/tasks.js';
import { deploymentSchema, validationSchema } from './routes/deployments.js';
import { incidentQuerySchema } from './routes/incidents.js';
import { instanceQuerySchema, variablesSchema } from './routes/instances.js';
import { messageSchema } from './routes/messages.js';
import { signalSchema } from './routes/signals.js';
import { startSchema } from './routes/definitions.js';
import { loginSchema } from './routes/auth.js';
import { newAccountSchema } from './routes/users.js';

const error = { description: 'failure', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const query = (schema: { properties: Record<string, object> }) =>
  Object.entries(schema.properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const errors = { 400: error, 404: error, 409: error, 422: error };

/** The REST API as OpenAPI 3.1; request schemas are the same objects the validators use. */
export const openapi = {
  openapi: '3.1.0',
  info: { title: 'Qyzmet', version: '0.1.0', description: 'Government public services as executable BPMN 2.0 processes.' },
  components: {
    schemas: {
      Error: { type: 'object', required: ['error', 'details'], properties: { error: { type: 'string' }, details: {} }, description: 'Every failure. A 5xx says only "internal error". 400 names the field or the body (malformed JSON), 413 a body over the route\'s limit (`details.limit` in bytes), 415 a body that is not JSON, 403 also a cookie-signed change without X-CSRF-Token, 409 a business key already numbering a running case of the definition' },
      AuditReport: {
        type: 'object',
        required: ['instanceId', 'intact', 'rows'],
        properties: {
          instanceId: { type: 'string' },
          intact: { type: 'boolean', description: 'every history row is in place, linked to the one before it, hashes to what it holds, and the last is the head on the instance row; every document recorded is still the file recorded' },
          rows: { type: 'integer', description: 'history rows of the instance checked' },
          brokenAt: {
            type: 'object',
            description: 'where the chain first breaks (absent when intact)',
            required: ['historyId', 'type', 'at', 'seq', 'reason', 'detail'],
            properties: {
              historyId: { type: ['integer', 'null'], description: 'the history row where the break shows (the row after a gap; the last row left when rows after it are gone; null when none is left)' },
              type: { type: ['string', 'null'] },
              at: { type: ['string', 'null'] },
              seq: { type: 'integer', description: 'the place in the chain (1 = first row)' },
              reason: { enum: ['hash mismatch', 'previous-hash mismatch', 'missing row', 'document mismatch'] },
              detail: { type: 'string' },
            },
          },
        },
      },
    },
  },
  paths: {
    '/api/auth/login': {
      post: {
        summary: 'Sign in: { token, csrfToken, expiresAt, user }, and the same token as the HTTP-only session cookie qyzmet_session (the csrfToken also in the readable cookie qyzmet_csrf); send the token as `Authorization: Bearer TOKEN`, or, signed in by the cookie, the csrfToken as `X-CSRF-Token` on every request that changes something. Failed sign-ins are throttled per username and per address: 429 with Retry-After',
        requestBody: body(loginSchema),
        responses: { 200: json('session'), 400: error, 401: error, 413: error, 429: { ...error, headers: { 'Retry-After': { description: 'seconds until another try is taken', schema: { type: 'integer' } } } } },
      },
    },
    '/api/auth/logout': { post: { summary: 'End the session of the token or cookie sent, and clear the cookie', responses: { 204: { description: 'signed out' } } } },
    '/api/auth/me': { get: { summary: 'Who is signed in: username, displayName, roles, groups, permissions, provider', responses: { 200: json('principal'), 401: error } } },
    '/api/users': {
      get: { summary: 'Accounts (admins)', responses: { 200: json('accounts'), 401: error, 403: error } },
      post: { summary: 'Add an account (admins)', requestBody: body(newAccountSchema), responses: { 201: json('account'), 401: error, 403: error, ...errors } },
    },
    '/api/users/{username}/disable': { post: { summary: 'Disable an account and end its sessions (admins)', parameters: [path('username')], responses: { 200: json('account'), 401: error, 403: error, ...errors } } },
    '/api/users/{username}/enable': { post: { summary: 'Enable an account again (admins)', parameters: [path('username')], responses: { 200: json('account'), 401: error, 403: error, ...errors } } },
    '/api/subjects/{iin}/export': {
      get: {
        summary: 'Subject access (admins, accounts.manage): everything held about one person as JSON — { subject: { iin }, exportedAt, exportedBy, instances: [case with variables, activities, history, tasks, incidents, documents (metadata; the files at their url)] } for every case whose variables hold the IIN. Recorded first as subject.exported on each case with the admin as actor. 400 for a malformed IIN',
        parameters: [{ name: 'iin', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{12}$' } }],
        responses: { 200: json('export'), 400: error, 401: error, 403: error },
      },
    },
    '/api/deployments': { post: { summary: 'Deploy BPMN; identical content is a no-op, changed content a new version. bpmnlint errors (recommended rules) refuse it, naming each element and rule; its warnings come back as `warnings`', requestBody: body(deploymentSchema), responses: { 201: json('definitions created'), 200: json('nothing changed'), ...errors } } },
    '/api/deployments/validate': { post: { summary: 'Validate and lint BPMN without deploying: 400 with the problems (bpmnlint errors among them), else the processes and the bpmnlint `warnings`', requestBody: body(validationSchema), responses: { 200: json('valid'), ...errors } } },
    '/api/definitions': { get: { summary: 'Latest version of each definition, each with the act it carries out (act: number, date, registration, inForce, abolishedBy, abolishedOn, abolished) or null', responses: { 200: json('definitions') } } },
    '/api/definitions/{key}': { get: { summary: 'Every version of a definition, with XML, its act and its cases (`instances: { running, total }`, of the providers the caller sees)', parameters: [path('key')], responses: { 200: json('versions'), ...errors } } },
    '/api/definitions/{key}/instances': { post: { summary: 'Start an instance on the version effective now; 409 naming the business key when a running case of the definition already has it; consentAt records the applicant\'s consent to personal data processing (personalDataConsent in the application)', parameters: [path('key')], requestBody: body(startSchema), responses: { 201: json('instance'), ...errors } } },
    '/api/instances': { get: { summary: 'List instances, each with registeredAt, dueAt, resultAt (when its result went out), overdue (result still owed past dueAt) and finishedLate (result went out after dueAt)', parameters: query(instanceQuerySchema), responses: { 200: json('instances'), ...errors } } },
    '/api/instances/{id}': { get: { summary: 'An instance: current activities, variables, tasks, jobs, incidents, history', parameters: [path('id')], responses: { 200: json('instance'), ...errors } } },
    '/api/instances/{id}/audit': {
      get: {
        summary: "Verify the instance's audit trail: each history row carries the hash of the one before it (documents' SHA-256 included); whether the chain is intact, and where it first breaks",
        parameters: [path('id')],
        responses: { 200: { description: 'the verification', content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditReport' } } } }, ...errors },
      },
    },
    '/api/instances/{id}/documents': { get: { summary: 'Documents the instance produced, with SHA-256', parameters: [path('id')], responses: { 200: json('documents'), ...errors } } },
    '/api/documents/{id}': { get: { summary: 'Download a document (application/pdf)', parameters: [path('id')], responses: { 200: { description: 'the file' }, ...errors } } },
    '/api/instances/{id}/variables': {
      put: {
        summary: 'Set (merge) process variables of a running instance, e.g. to repair it before retrying an incident; recorded in history as variables.set with the acting user',
        parameters: [path('id')],
        requestBody: body(variablesSchema),
        responses: { 200: json('instance'), ...errors },
      },
    },
    '/api/instances/{id}/cancel': { post: { summary: 'Cancel a running instance', parameters: [path('id')], responses: { 200: json('instance'), ...errors } } },
    '/api/tasks': { get: { summary: 'List user tasks (open by default)', parameters: query(taskQuerySchema), responses: { 200: json('tasks'), ...errors } } },
    '/api/forms': { get: { summary: 'Task forms: key and title in kk/ru/en', responses: { 200: json('forms') } } },
    '/api/forms/{key}': { get: { summary: 'A form: JSON Schema (2020-12) and UI schema', parameters: [path('key')], responses: { 200: json('form'), ...errors } } },
    '/api/tasks/{id}/form': { get: { summary: "A task's form with its read-only data filled from the process", parameters: [path('id')], responses: { 200: json('form with data'), ...errors } } },
    '/api/tasks/{id}': { get: { summary: 'A user task', parameters: [path('id')], responses: { 200: json('task'), ...errors } } },
    '/api/tasks/{id}/claim': { post: { summary: 'Claim a task', parameters: [path('id')], requestBody: body(claimSchema), responses: { 200: json('task'), ...errors } } },
    '/api/tasks/{id}/unclaim': { post: { summary: 'Give a task back', parameters: [path('id')], responses: { 200: json('task'), ...errors } } },
    '/api/tasks/{id}/complete': { post: { summary: 'Complete a task with variables', parameters: [path('id')], requestBody: body(completeSchema), responses: { 200: json('instance'), ...errors } } },
    '/api/messages': { post: { summary: 'Correlate a message by name and business key', requestBody: body(messageSchema), responses: { 200: json('instance'), ...errors } } },
    '/api/signals': { post: { summary: 'Broadcast a signal to every instance waiting for it', requestBody: body(signalSchema), responses: { 200: { description: '{ name, instanceIds }: the instances it reached' }, ...errors } } },
    '/api/incidents': { get: { summary: 'List incidents (open by default)', parameters: query(incidentQuerySchema), responses: { 200: json('incidents'), ...errors } } },
    '/api/incidents/{id}/retry': { post: { summary: 'Resolve an incident and run its job again', parameters: [path('id')], responses: { 200: json('incident'), ...errors } } },
    '/api/calendar/deadline': { get: { summary: 'When a statutory term that starts at `start` ends: { registeredAt, dueAt } with Almaty offset', parameters: query(deadlineQuerySchema), responses: { 200: json('deadline'), ...errors } } },
    '/api/calendar/{year}': { get: { summary: 'Every date of a year with its kind: working, weekend, holiday (named), substitute, decreed', parameters: [path('year')], responses: { 200: json('days'), ...errors } } },
    '/api/calendar/overrides': { get: { summary: 'Decrees that move days off', responses: { 200: json('overrides') } } },
    '/api/calendar/overrides/{date}': {
      put: { summary: 'Record a decree: the date becomes a working day or a day off', parameters: [path('date')], requestBody: body(overrideSchema), responses: { 200: json('override'), ...errors } },
      delete: { summary: 'Remove a decree', parameters: [path('date')], responses: { 204: { description: 'removed' }, ...errors } },
    },
    '/api/clock': {
      get: { summary: 'The server clock', responses: { 200: json('clock') } },
      post: { summary: 'Move the clock forward (only with QYZMET_CLOCK=manual; 400 for an instant before now); the instant is stored, so a restart resumes there; due jobs run before the answer', requestBody: body(clockSchema), responses: { 200: json('clock'), 403: error, 400: error } },
    },
  },
} as const;
