import { deadlineQuerySchema, overrideSchema } from './routes/calendar.js';
import { clockSchema } from './routes/clock.js';
import { completeSchema, claimSchema, reassignSchema, taskQuerySchema } from './routes/tasks.js';
import { deploymentSchema, validationSchema } from './routes/deployments.js';
import { formBindingsQuerySchema, formDeploymentSchema } from './routes/forms.js';
import { incidentQuerySchema } from './routes/incidents.js';
import { queueQuerySchema } from './routes/queues.js';
import { archivePeriodSchema } from './routes/archive.js';
import { incomeLimitSchema } from './routes/settings.js';
import { instanceQuerySchema, variablesSchema } from './routes/instances.js';
import { statsQuerySchema } from './routes/stats.js';
import { messageSchema } from './routes/messages.js';
import { signalSchema } from './routes/signals.js';
import { startSchema } from './routes/definitions.js';
import { evaluateSchema } from './routes/decisions.js';
import { loginSchema } from './routes/auth.js';
import { newAccountSchema } from './routes/users.js';
import { commissionSchema } from './routes/commissions.js';
import { providerSchema } from './routes/providers.js';
import { sessionCookie } from './auth.js';
import { csrfCookie } from './security.js';
import { responseSchemas } from './openapiSchemas.js';
import { examples as ex } from './openapiExamples.js';

const schema = (name: keyof typeof responseSchemas | 'AuditReport') => ({ $ref: `#/components/schemas/${name}` });
const error = { description: 'failure', content: { 'application/json': { schema: schema('Problem'), example: ex.problem } } };
/** A JSON answer of a component schema (or an array of it: `[Name]`), with its example. */
const json = (description: string, of: keyof typeof responseSchemas | 'AuditReport' | [keyof typeof responseSchemas], example: unknown) => ({
  description,
  content: { 'application/json': { schema: Array.isArray(of) ? { type: 'array', items: schema(of[0]) } : schema(of), example } },
});
const body = (s: object, example: unknown) => ({ required: true, content: { 'application/json': { schema: s, example } } });
const query = (s: { properties: Record<string, object> }) => Object.entries(s.properties).map(([name, p]) => ({ name, in: 'query', required: false, schema: p }));
const path = (name: string, example: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, example });
const id = (example: string) => path('id', example);
const errors = { 400: error, 404: error, 409: error, 422: error, 503: error, 507: error };
const clearedCookies = { 'Set-Cookie': { description: 'the session and CSRF cookies, cleared', schema: { type: 'string' }, example: `${sessionCookie}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict` } };

/** Who may call an operation: anyone (sign-in, the document), or a session by bearer token or cookie; a cookie-signed change also sends the CSRF token. */
const anyone: object[] = [];
const signedIn = [{ bearerToken: [] }, { sessionCookie: [] }];
const signedInChange = [{ bearerToken: [] }, { sessionCookie: [], csrfToken: [] }];

const paths: Record<string, Record<string, Record<string, unknown>>> = {
  '/api/openapi.json': { get: { summary: 'This document', security: anyone, responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'info', 'paths'] }, example: { openapi: '3.1.0', info: { title: 'Qyzmet', version: '0.1.0' }, paths: {} } } } } } } },
  '/api/auth/login': {
    post: {
      summary: `Sign in: { token, csrfToken, expiresAt, user }, and the same token as the HTTP-only session cookie ${sessionCookie} (the csrfToken also in the readable cookie ${csrfCookie}); send the token as \`Authorization: Bearer TOKEN\`, or, signed in by the cookie, the csrfToken as \`X-CSRF-Token\` on every request that changes something. Failed sign-ins are throttled per username and per address: 429 with Retry-After`,
      security: anyone,
      requestBody: body(loginSchema, ex.login),
      responses: {
        200: { ...json('session', 'Session', ex.session), headers: { 'Set-Cookie': { description: `${sessionCookie} (HttpOnly) and ${csrfCookie}`, schema: { type: 'string' }, example: `${sessionCookie}=u72X2tNqI0aYtqsUSqOMwLB5eIDuV6jv0R6g4idYm-c; Path=/; Expires=Mon, 02 Mar 2026 16:00:00 GMT; HttpOnly; SameSite=Strict` } } },
        400: error,
        401: error,
        413: error,
        429: { ...error, headers: { 'Retry-After': { description: 'seconds until another try is taken', schema: { type: 'integer' }, example: 900 } } },
      },
    },
  },
  '/api/auth/logout': { post: { summary: 'End the session of the token or cookie sent (if any), and clear the cookies', security: [{}, ...signedInChange], responses: { 204: { description: 'signed out', headers: clearedCookies } } } },
  '/api/auth/me': { get: { summary: 'Who is signed in: username, displayName, roles, groups, permissions, provider', responses: { 200: json('principal', 'Principal', ex.principal) } } },
  '/api/users': {
    get: { summary: 'Accounts (admins)', responses: { 200: json('accounts', ['User'], ex.users) } },
    post: { summary: 'Add an account (admins)', requestBody: body(newAccountSchema, ex.newUser), responses: { 201: json('account', 'User', ex.user), ...errors } },
  },
  '/api/users/{username}/disable': { post: { summary: 'Disable an account and end its sessions (admins)', parameters: [path('username', 'aigerim')], responses: { 200: json('account', 'User', { ...ex.user, disabled: true }), ...errors } } },
  '/api/users/{username}/enable': { post: { summary: 'Enable an account again (admins)', parameters: [path('username', 'aigerim')], responses: { 200: json('account', 'User', ex.user), ...errors } } },
  '/api/providers/{provider}/commission': {
    get: { summary: "The provider's housing commission (admins): members, chair, and every composition set, newest first; 404 when none was set", parameters: [path('provider', 'default')], responses: { 200: json('commission', 'Commission', ex.commission), ...errors } },
    put: {
      summary: "Set the provider's housing commission (admins; seed 002 para 9(1)): members are usernames of enabled accounts of this provider, the chair one of them. 400 naming each bad one (members[i], chair) and for an empty list; the change is kept in `changes`. Cases already voting keep the members they started with",
      parameters: [path('provider', 'default')],
      requestBody: body(commissionSchema, ex.newCommission),
      responses: { 200: json('commission', 'Commission', ex.commission), ...errors },
    },
  },
  '/api/providers': { get: { summary: 'The providers directory (anyone signed in): each provider with a directory entry, by id', responses: { 200: json('providers', ['Provider'], [ex.provider]) } } },
  '/api/providers/{provider}': {
    get: { summary: "A provider's directory entry (anyone signed in); 404 when it has none (its cases then name the bodies the acts name)", parameters: [path('provider', 'default')], responses: { 200: json('provider', 'Provider', ex.provider), ...errors } },
    put: {
      summary: "Set a provider's directory entry whole (admins): names, BIN, address, and the body that provides each service — by definition key, else by regulation (national, almaty) — which its cases' documents and pages name from then on. 400 naming the bad field (names.en, bin, services.privatization.ru)",
      parameters: [path('provider', 'default')],
      requestBody: body(providerSchema, ex.newProvider),
      responses: { 200: json('provider', 'Provider', ex.provider), ...errors },
    },
  },
  '/api/applicants/{iin}': {
    get: {
      summary: 'An applicant as the individuals register knows them, for the application form before the case exists (instances.start): { iin, lastName, firstName, middleName, birthDate, birthYear, document, address }. 400 naming iin for a malformed IIN, 404 for a person no register knows, 502 when the gateway fails; each lookup is logged (IIN masked)',
      parameters: [{ name: 'iin', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{12}$' }, example: '750930410421' }],
      responses: { 200: json('applicant', 'Applicant', ex.applicant), 400: error, 404: error, 502: error },
    },
  },
  '/api/subjects/{iin}/export': {
    get: {
      summary: 'Subject access (admins, accounts.manage): everything held about one person as JSON — { subject: { iin }, exportedAt, exportedBy, instances: [case with variables, activities, history, tasks, incidents, documents (metadata; the files at their url)] } for every case whose variables hold the IIN. Recorded first as subject.exported on each case with the admin as actor. 400 for a malformed IIN',
      parameters: [{ name: 'iin', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{12}$' }, example: '750930410421' }],
      responses: { 200: json('export', 'SubjectExport', ex.subjectExport), 400: error },
    },
  },
  '/api/deployments': { post: { summary: 'Deploy BPMN or DMN; identical content is a no-op, changed content a new version. bpmnlint errors refuse BPMN (400 naming each element and rule); its warnings come back as `warnings`. A DMN file (1.1 to 1.5, read as DMN 1.3) deploys each decision as a version of its id (`decisions`); a FEEL syntax error in any cell refuses it (400, `details.problems` naming decisionId, ruleId and column)', requestBody: { required: true, content: { 'application/json': { schema: deploymentSchema, examples: { bpmn: { value: ex.deployment }, dmn: { value: ex.decisionDeployment } } } } }, responses: { 201: { description: 'definitions or decisions created', content: { 'application/json': { schema: schema('Deployment'), examples: { bpmn: { value: ex.deployed }, dmn: { value: ex.decisionDeployed } } } } }, 200: json('nothing changed', 'Deployment', { definitions: [{ ...ex.deployed.definitions[0], created: false }], warnings: [] }), 413: error, ...errors } } },
  '/api/deployments/validate': { post: { summary: 'Validate and lint BPMN without deploying; 400 lists the problems (elementId, line, message, and rule for bpmnlint errors), else the processes and the bpmnlint `warnings`', requestBody: body(validationSchema, { xml: ex.deployment.xml }), responses: { 200: json('valid', 'Validation', ex.validation), 413: error, ...errors } } },
  '/api/definitions': { get: { summary: 'Latest version of each definition, each with the act it carries out (act: number, date, registration, inForce, abolishedBy, abolishedOn, abolished) or null, applicationForm: the key of its application form (GET /api/forms/{key}) or null, and documents: the kinds of document its cases may issue', responses: { 200: json('definitions', ['Definition'], ex.definitions) } } },
  '/api/definitions/{key}': { get: { summary: 'Every version of a definition, with XML, its act and its cases (`instances: { running, total }`, of the providers the caller sees)', parameters: [path('key', 'receipt')], responses: { 200: json('versions', 'DefinitionVersions', ex.versions), ...errors } } },
  '/api/decisions': { get: { summary: 'Latest version of each deployed decision (DMN)', responses: { 200: json('decisions', ['Decision'], ex.decisions) } } },
  '/api/decisions/{key}': { get: { summary: 'Every version of a decision, each with its table (hit policy, inputs, outputs, rules with their annotations) or literal expression as deployed', parameters: [path('key', 'housingCenterDenial')], responses: { 200: json('versions', 'DecisionVersions', ex.decisionVersions), ...errors } } },
  '/api/decisions/{key}/evaluate': { post: { summary: 'Evaluate a decision on given variables, to try a table: the version in effect now, or `version`. The required decisions are evaluated first. 422 naming the rules when a UNIQUE table matches several (or ANY rules disagree); 404 for an unknown key or version', parameters: [path('key', 'housingCenterDenial')], requestBody: body(evaluateSchema, ex.evaluate), responses: { 200: json('outcome', 'DecisionOutcome', ex.decisionOutcome), ...errors } } },
  '/api/definitions/{key}/instances': { post: { summary: "Start an instance on the version effective now; 409 naming the business key when a running case of the definition already has it; consentAt records the applicant's consent to personal data processing (personalDataConsent in the application)", parameters: [path('key', 'receipt')], requestBody: body(startSchema, ex.start), responses: { 201: json('instance', 'Instance', ex.instance), ...errors } } },
  '/api/instances': {
    get: {
      summary: 'List instances, newest first, each with registeredAt, dueAt, resultAt (when its result went out), overdue (result still owed past dueAt), finishedLate (result went out after dueAt) and openIncidents (how many of its incidents are open); paged by limit and offset or by the cursor after, with the header X-Total-Count (and X-Next-Cursor when the page is full)',
      parameters: query(instanceQuerySchema),
      responses: {
        200: {
          ...json('instances', ['InstanceSummary'], ex.instances),
          headers: {
            'X-Total-Count': { description: 'how many cases match, whatever limit and offset', schema: { type: 'integer' }, example: 1 },
            'X-Next-Cursor': { description: 'when the page is full: the value of `after` for the next page', schema: { type: 'string' } },
          },
        },
        ...errors,
      },
    },
  },
  '/api/stats': {
    get: {
      summary: "The dashboard's numbers: running cases by process and by the step they wait in, how many overdue, cases started and finished per Almaty date from…to; non-admins see their provider's cases only",
      parameters: query(statsQuerySchema),
      responses: { 200: json('statistics', 'Stats', ex.stats), ...errors },
    },
  },
  '/api/instances/{id}': { get: { summary: 'An instance: current activities, variables, tasks, jobs, incidents, history', parameters: [id(ex.instanceId)], responses: { 200: json('instance', 'InstanceDetails', ex.details), ...errors } } },
  '/api/instances/{id}/audit': {
    get: {
      summary: "Verify the instance's audit trail: each history row carries the hash of the one before it (documents' SHA-256 included); whether the chain is intact, and where it first breaks",
      parameters: [id(ex.instanceId)],
      responses: { 200: { description: 'the verification', content: { 'application/json': { schema: schema('AuditReport'), examples: { intact: { value: ex.audit }, broken: { value: ex.brokenAudit } } } } }, ...errors },
    },
  },
  '/api/instances/{id}/documents': { get: { summary: 'Documents the instance and the cases it called for the same applicant produced, with SHA-256, each with the step that issued it and its number, oldest first', parameters: [id(ex.instanceId)], responses: { 200: json('documents', ['ListedDocument'], ex.documents), ...errors } } },
  '/api/documents/{id}': {
    get: {
      summary: 'Download a document: the file itself (a PDF), as an attachment',
      parameters: [id(ex.documentId)],
      responses: {
        200: {
          description: 'the file',
          headers: {
            'Content-Disposition': { description: "attachment, with an ASCII filename and, for a name that is not ASCII, filename*=UTF-8''… (RFC 6266, RFC 5987)", schema: { type: 'string' }, example: "attachment; filename=\"refusalReceipt-???-2026-000017.pdf\"; filename*=UTF-8''refusalReceipt-%D0%A6%D0%9E%D0%9D-2026-000017.pdf" },
            'X-Content-SHA256': { description: 'the SHA-256 recorded in the audit trail', schema: { type: 'string' }, example: '9'.repeat(64) },
            ETag: { schema: { type: 'string' }, example: `"${'9'.repeat(64)}"` },
          },
          content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf', contentEncoding: 'binary' } } },
        },
        ...errors,
      },
    },
  },
  '/api/instances/{id}/variables': {
    put: {
      summary: 'Set (merge) process variables of a running instance, e.g. to repair it before retrying an incident; recorded in history as variables.set with the acting user',
      parameters: [id(ex.instanceId)],
      requestBody: body(variablesSchema, ex.setVariables),
      responses: { 200: json('instance', 'Instance', { ...ex.instance, variables: { ...ex.instance.variables, ...ex.setVariables.variables } }), ...errors },
    },
  },
  '/api/instances/{id}/cancel': { post: { summary: 'Cancel a running instance', parameters: [id(ex.instanceId)], responses: { 200: json('instance', 'Instance', { ...ex.instance, status: 'canceled', endedAt: '2026-03-02T05:00:00.000Z', activities: [] }), ...errors } } },
  '/api/tasks': {
    get: {
      summary: "List user tasks (open by default) the caller may see: their groups and provider, all of the provider for a head, every provider for an admin. Due first on top (nulls last), paged by limit and offset or, sorted by dueAt, by the cursor after, with the header X-Total-Count (and X-Next-Cursor when the page is full); each with its case's businessKey and definitionKey, its lane, the applicant (last name and initials, the IIN masked but its last four digits) and dueIn { overdue, workingDays, hours } by the Kazakh calendar, relative to the server clock",
      parameters: query(taskQuerySchema),
      responses: {
        200: {
          ...json('tasks', ['InboxTask'], ex.tasks),
          headers: {
            'X-Total-Count': { description: 'how many tasks the filters select, whatever limit, offset and after', schema: { type: 'integer' }, example: 1 },
            'X-Next-Cursor': { description: 'when the page is full and sorted by dueAt: the value of `after` for the next page', schema: { type: 'string' } },
          },
        },
        ...errors,
      },
    },
  },
  '/api/tasks/assignees': {
    get: {
      summary: "Whom a head may reassign tasks to (heads and admins, tasks.reassign): the enabled accounts of the caller's provider (every provider's for an admin) that work tasks, with the candidate groups their roles work",
      responses: { 200: json('people', ['Assignee'], ex.assignees), ...errors },
    },
  },
  '/api/tasks/reassign': {
    post: {
      summary: "Reassign open tasks in bulk to another clerk (heads and admins, tasks.reassign): each claimed for the assignee, history naming both; 400 naming assignee when it is no enabled account of the tasks' provider that works tasks, 404 for a task not seen, 409 for one already closed (nothing changed)",
      requestBody: body(reassignSchema, ex.reassign),
      responses: { 200: json('the reassigned tasks', ['Task'], ex.reassigned), ...errors },
    },
  },
  '/api/forms': {
    get: { summary: 'Task forms: key, newest version and title in kk/ru/en', responses: { 200: json('forms', ['FormSummary'], ex.forms) } },
    post: {
      summary: "Deploy a task form (definitions.deploy) as its key's next version; one equal to the latest version (same checksum) stores nothing (200, created false). A diagram version binds the versions current when it is deployed, so a new form version reaches new cases once the diagrams that use it are deployed again. 400 naming the field: schema (ajv cannot compile it), ui.title or ui.fields.<name> (a field without labels, or labels of a field the schema lacks), schema.x-qyzmet-rules (a rule nobody registered)",
      requestBody: body(formDeploymentSchema, ex.formDeployment),
      responses: { 201: json('a new version', 'DeployedForm', ex.formDeployed), 200: json('nothing changed', 'DeployedForm', { ...ex.formDeployed, created: false }), ...errors },
    },
  },
  '/api/forms/{key}': { get: { summary: 'The newest version of a form: JSON Schema (2020-12), UI schema, version, checksum and where it came from', parameters: [path('key', 'ha-review')], responses: { 200: json('form', 'Form', ex.form), ...errors } } },
  '/api/forms/{key}/versions': { get: { summary: 'Every version of a form, oldest first', parameters: [path('key', 'ha-review')], responses: { 200: json('versions', ['Form'], ex.formVersions), ...errors } } },
  '/api/form-bindings': { get: { summary: "The forms the newest version of each diagram uses, each with the version it binds and the form's newest; outdated: deploying the diagram again, unchanged, makes a version bound to the newest (how a form change reaches new cases). 404 for an unknown form or definition", parameters: query(formBindingsQuerySchema), responses: { 200: json('bindings', ['FormBinding'], ex.formBindings), ...errors } } },
  '/api/definitions/{key}/start-form': { get: { summary: 'The application form a case of the definition started now is checked against: the form version its effective version is bound to', parameters: [path('key', 'housing-assistance')], responses: { 200: json('form', 'StartForm', ex.startForm), ...errors } } },
  '/api/tasks/{id}/form': { get: { summary: "A task's form, at the version its case's diagram version is bound to, with its read-only data filled from the process", parameters: [id(ex.taskId)], responses: { 200: json('form with data', 'TaskForm', ex.taskForm), ...errors } } },
  '/api/tasks/{id}': { get: { summary: 'A user task', parameters: [id(ex.taskId)], responses: { 200: json('task', 'Task', ex.task), ...errors } } },
  '/api/tasks/{id}/claim': { post: { summary: 'Claim a task (for oneself; a head or admin also for someone else)', parameters: [id(ex.taskId)], requestBody: { ...body(claimSchema, ex.claim), required: false }, responses: { 200: json('task', 'Task', { ...ex.task, assignee: 'executor', claimedAt: '2026-03-02T04:10:00.000Z' }), ...errors } } },
  '/api/tasks/{id}/unclaim': { post: { summary: 'Give a task back', parameters: [id(ex.taskId)], responses: { 200: json('task', 'Task', ex.task), ...errors } } },
  '/api/tasks/{id}/complete': { post: { summary: 'Complete a task with variables; 403 when someone else holds it', parameters: [id(ex.taskId)], requestBody: { ...body(completeSchema, ex.complete), required: false }, responses: { 200: json('instance', 'Instance', { ...ex.instance, variables: { ...ex.instance.variables, ...ex.complete.variables }, activities: [{ elementId: 'issue', names: { kk: 'Бас тарту туралы қолхат (PDF)', ru: 'Расписка об отказе (PDF)', en: 'Receipt of refusal (PDF)' }, kind: 'service', executionId: 'issue_7ac7d42b92', since: '2026-03-02T04:20:00.000Z' }] }), ...errors } } },
  '/api/messages': { post: { summary: 'Correlate a message by name and business key', requestBody: body(messageSchema, ex.message), responses: { 200: json('instance', 'Instance', ex.instance), ...errors } } },
  '/api/signals': { post: { summary: 'Broadcast a signal to every instance waiting for it', requestBody: body(signalSchema, ex.signal), responses: { 200: json('the instances it reached', 'SignalResult', ex.signalResult), ...errors } } },
  '/api/incidents': { get: { summary: 'List incidents (open by default)', parameters: query(incidentQuerySchema), responses: { 200: json('incidents', ['Incident'], ex.incidents), ...errors } } },
  '/api/incidents/{id}/retry': { post: { summary: 'Resolve an incident and run its job again', parameters: [id(ex.incidents[0]!.id)], responses: { 200: json('incident', 'Incident', ex.incident), ...errors } } },
  '/api/queues/{list}': {
    get: {
      summary:
        'A housing waiting list (seed 001) in queue order — by locality, then serial number — paged by limit and cursor: { list, locality, entries: [{ number, locality, registeredAt, applicant (last name and initials, the IIN masked but its last four digits), caseId, updatedAt }], nextCursor }. The lists: sociallyVulnerable, publicSector, emergencyHousing; another is a 400 naming list. Staff who keep the lists (executor, head), auditors and admins (queues.read); all but admins see the families their provider\'s cases registered',
      parameters: [path('list', 'sociallyVulnerable'), ...query(queueQuerySchema)],
      responses: { 200: json('the list', 'Queue', ex.queue), ...errors },
    },
  },
  '/api/calendar/deadline': { get: { summary: 'When a statutory term that starts at `start` ends: { registeredAt, dueAt } with Almaty offset', parameters: query(deadlineQuerySchema), responses: { 200: json('deadline', 'Deadline', ex.deadline), ...errors } } },
  '/api/calendar/{year}': { get: { summary: 'Every date of a year with its kind: working, weekend, holiday (named), substitute, decreed', parameters: [path('year', '2026')], responses: { 200: json('days', ['CalendarDay'], ex.days), ...errors } } },
  '/api/calendar/overrides': { get: { summary: 'Decrees that move days off', responses: { 200: json('overrides', ['CalendarOverride'], ex.overrides) } } },
  '/api/calendar/overrides/{date}': {
    put: { summary: 'Record a decree: the date becomes a working day or a day off', parameters: [path('date', '2026-01-03')], requestBody: body(overrideSchema, ex.newOverride), responses: { 200: json('override', 'CalendarOverride', ex.override), ...errors } },
    delete: { summary: 'Remove a decree', parameters: [path('date', '2026-01-03')], responses: { 204: { description: 'removed' }, ...errors } },
  },
  '/api/settings/waiting-list-income-limit': {
    get: { summary: "The waiting list's income limit for the socially vulnerable list (seed 001 para 11 checks the income and gives no figure): the average monthly income per family member over 12 months, tenge, and the act that sets it; nulls when none is set, and then the employee finds on the income", responses: { 200: json('the limit', 'IncomeLimitSetting', ex.incomeLimit) } },
    put: { summary: 'Set the income limit with the act that sets it (settings.edit); it decides the cases registered from now on, a case keeps the limit it read', requestBody: body(incomeLimitSchema, ex.newIncomeLimit), responses: { 200: json('the limit', 'IncomeLimitSetting', ex.incomeLimit), ...errors } },
    delete: { summary: 'Remove the income limit: the employee finds on the income of the cases registered from now on', responses: { 204: { description: 'removed' }, ...errors } },
  },
  '/api/settings/archive-period': {
    get: { summary: 'The archive period (retention): finished cases (completed, canceled, failed without an open incident) move out of the hot tables this many days after they ended, by a daily pass on one node; nulls when none is set, and then nothing is archived. Archiving is not deletion', responses: { 200: json('the period', 'ArchivePeriodSetting', ex.archivePeriod) } },
    put: { summary: 'Set the archive period in days, with the act it follows (settings.edit); 400 naming days outside 1..36500', requestBody: body(archivePeriodSchema, { days: ex.archivePeriod.days, act: ex.archivePeriod.act }), responses: { 200: json('the period', 'ArchivePeriodSetting', ex.archivePeriod), ...errors } },
    delete: { summary: 'Remove the archive period: nothing more is archived (archived cases stay archived)', responses: { 204: { description: 'removed' }, ...errors } },
  },
  '/api/archive/run': {
    post: { summary: 'Run an archive pass now (admins, instances.manage): every finished case that ended more than the period ago moves to the archive, a bounded batch per transaction; 409 when no period is set. An archived case still reads (GET /api/instances/{id} with archived: true, its documents, its audit); GET /api/instances?archived=true lists them', responses: { 200: json('what the pass did', 'ArchivePass', ex.archivePass), ...errors } },
  },
  '/api/clock': {
    get: { summary: 'The server clock', responses: { 200: json('clock', 'Clock', ex.clock) } },
    post: { summary: 'Move the clock forward (only with QYZMET_CLOCK=manual; 400 for an instant before now or from 9000-01-01 on); the instant is stored, so a restart resumes there; due jobs run before the answer', requestBody: body(clockSchema, ex.moveClock), responses: { 200: json('clock', 'Clock', { ...ex.clock, now: ex.moveClock.now }), 400: error } },
  },
};

const changes = new Set(['post', 'put', 'patch', 'delete']);
// Every operation but the public ones needs a session (401 without one) and the permission its
// role grants (403; a cookie-signed change without X-CSRF-Token also 403); every body may be too
// large (413) or not JSON (415).
for (const operations of Object.values(paths)) {
  for (const [method, op] of Object.entries(operations)) {
    const responses = op.responses as Record<string, unknown>;
    if (!op.security) {
      op.security = changes.has(method) ? signedInChange : signedIn;
      responses[401] ??= error;
      responses[403] ??= error;
    }
    if (op.requestBody) {
      responses[413] ??= error;
      responses[415] ??= error;
    }
  }
}

/**
 * The REST API as OpenAPI 3.1. Request schemas are the same objects the validators use; response
 * schemas (./openapiSchemas.ts) are checked against real answers by test/http/openapi.test.ts.
 */
export const openapi = {
  openapi: '3.1.0',
  info: { title: 'Qyzmet', version: '0.1.0', description: 'Government public services as executable BPMN 2.0 processes. Sign in at POST /api/auth/login; every other route needs the session, as a bearer token (API clients) or the session cookie (the browser, which also sends X-CSRF-Token on changes).' },
  servers: [{ url: '/', description: 'this server' }],
  security: signedIn,
  components: {
    securitySchemes: {
      bearerToken: { type: 'http', scheme: 'bearer', description: 'the token of POST /api/auth/login' },
      sessionCookie: { type: 'apiKey', in: 'cookie', name: sessionCookie, description: 'the HTTP-only session cookie POST /api/auth/login sets (the browser)' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: `with the session cookie, on every request that changes something: the csrfToken of the sign-in answer (also the readable ${csrfCookie} cookie)` },
    },
    schemas: {
      ...responseSchemas,
      AuditReport: {
        type: 'object',
        required: ['instanceId', 'intact', 'rows'],
        additionalProperties: false,
        properties: {
          instanceId: { type: 'string' },
          intact: { type: 'boolean', description: 'every history row is in place, linked to the one before it, hashes to what it holds, and the last is the head on the instance row; every document recorded is still the file recorded' },
          rows: { type: 'integer', description: 'history rows of the instance checked' },
          brokenAt: {
            type: 'object',
            description: 'where the chain first breaks (absent when intact)',
            required: ['historyId', 'type', 'at', 'seq', 'reason', 'detail'],
            additionalProperties: false,
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
  paths,
};
