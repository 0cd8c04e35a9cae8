/**
 * The shapes the API answers with, as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for
 * `components.schemas` of the OpenAPI document. Each lists every field the server sends and admits
 * no other, so that test/http/openapi.test.ts, which checks real answers against them, fails when
 * the server and the document part.
 */

const instant = { type: 'string', format: 'date-time' } as const;
const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const strict = (properties: Record<string, object>, description?: string, optional: string[] = []) => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
  properties,
});
const text3 = strict({ kk: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } }, 'A text in Kazakh, Russian and English');
const names = { anyOf: [{ type: 'null' }, ref('Names')], description: "the element's name in Kazakh, Russian and English; null when it has none" } as const;

const definitionFields = {
  id: { type: 'string' },
  key: { type: 'string', description: 'the BPMN process id' },
  version: { type: 'integer', minimum: 1 },
  name: nullableString,
  deploymentName: { type: 'string' },
  effectiveFrom: { type: ['string', 'null'], description: 'ISO date (Almaty) from which new cases start on this version; null: at once' },
  source: { enum: ['file', 'api'] },
  sourceFile: nullableString,
  deployedBy: { type: 'string' },
};
const storedDefinitionFields = {
  ...definitionFields,
  contentHash: sha256,
  deployedAt: instant,
  formVersions: { type: ['object', 'null'], additionalProperties: { type: 'integer', minimum: 1 }, description: "the version of each form this version's cases show and validate with (deployment binding: the newest when it was deployed); null for a version deployed before forms were versioned, whose cases use each form's version 1" },
};

const decisionFields = {
  ...definitionFields,
  key: { type: 'string', description: 'the DMN decision id' },
  effectiveFrom: { type: ['string', 'null'], description: 'ISO instant from which this version decides; null: at once' },
  dmnVersion: { enum: ['1.1', '1.2', '1.3', '1.4', '1.5'], description: 'the DMN version the file was written in (read as DMN 1.3)' },
};
const strings = { type: 'array', items: { type: 'string' } } as const;
const decisionTable = strict(
  {
    kind: { const: 'decisionTable' },
    hitPolicy: { enum: ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] },
    aggregation: { enum: ['SUM', 'MIN', 'MAX', 'COUNT'] },
    inputs: { type: 'array', items: strict({ column: { type: 'string' }, expression: { type: 'string', description: 'FEEL' }, inputVariable: { type: 'string' } }) },
    outputs: { type: 'array', items: strict({ column: { type: 'string' }, name: { type: 'string' }, priorities: { type: 'array', description: 'the output values in priority order' }, defaultEntry: { type: 'string' } }, undefined, ['priorities', 'defaultEntry']) },
    rules: { type: 'array', items: strict({ id: { type: 'string' }, inputEntries: { ...strings, description: 'FEEL unary tests, one per input; "-" matches anything' }, outputEntries: { ...strings, description: 'FEEL, one per output' }, annotation: { type: 'string' } }, undefined, ['annotation']) },
  },
  'A decision table, cell by cell',
  ['aggregation']
);
const literalExpression = strict({ kind: { const: 'literalExpression' }, text: { type: 'string', description: 'FEEL' } }, 'A literal expression');

const instanceFields = {
  id: { type: 'string' },
  definitionId: { type: 'string' },
  definitionKey: { type: 'string' },
  definitionVersion: { type: 'integer' },
  businessKey: nullableString,
  status: { enum: ['running', 'completed', 'canceled', 'failed'] },
  revision: { type: 'integer', description: 'optimistic lock: grows with every change' },
  startedAt: instant,
  startedBy: { type: 'string' },
  endedAt: nullableInstant,
  parentInstanceId: nullableString,
  parentExecutionId: nullableString,
  parentElementId: nullableString,
  activities: { type: 'array', items: ref('Activity'), description: 'where it waits now' },
  term: { oneOf: [{ type: 'null' }, strict({ amount: { type: 'integer' }, unit: { type: 'string' }, schedule: { type: 'string' } })], description: 'the statutory term its definition declares' },
  registeredAt: nullableInstant,
  dueAt: nullableInstant,
  resultAt: { ...nullableInstant, description: 'when its result (or a refusal) went out; null while still owed' },
  provider: { type: 'string' },
  historySeq: { type: 'integer', description: 'rows in its history chain' },
  historyHead: sha256,
  consentAt: { ...nullableInstant, description: "the applicant's consent to personal data processing (Law No. 94-V art. 8)" },
  overdue: { type: 'boolean', description: 'its result is still owed past dueAt' },
  finishedLate: { type: 'boolean', description: 'its result went out after dueAt' },
};
const variables = { type: 'object', description: 'process variables' };

const taskFields = {
  id: { type: 'string' },
  instanceId: { type: 'string' },
  executionId: { type: 'string' },
  elementId: { type: 'string' },
  name: nullableString,
  names,
  status: { enum: ['open', 'completed', 'canceled'] },
  assignee: nullableString,
  candidateGroups: { type: 'array', items: { type: 'string' } },
  candidateUsers: { type: 'array', items: { type: 'string' } },
  formKey: nullableString,
  dueAt: nullableInstant,
  createdAt: instant,
  claimedAt: nullableInstant,
  endedAt: nullableInstant,
  completedBy: nullableString,
  provider: { type: 'string' },
};

const documentFields = {
  id: { type: 'string' },
  instanceId: { type: 'string' },
  elementId: { type: 'string' },
  kind: { type: 'string', description: 'e.g. refusalReceipt, assignmentNotice' },
  fileName: { type: 'string' },
  mediaType: { type: 'string' },
  size: { type: 'integer', description: 'bytes' },
  sha256,
  createdAt: instant,
  url: { type: 'string', description: 'where the file downloads (GET /api/documents/{id})' },
};

const instanceWithParts = {
  ...instanceFields,
  variables,
  history: { type: 'array', items: ref('HistoryEntry') },
  tasks: { type: 'array', items: ref('StoredTask') },
  incidents: { type: 'array', items: ref('Incident') },
};

export const responseSchemas = {
  Problem: strict(
    { error: { type: 'string', description: 'what went wrong, naming the field, element or limit' }, details: { description: 'e.g. { field }, { fields: [{ field, message }] }, { problems: [{ elementId, line, message }] }, { limit }; null when there is nothing more' } },
    'Every failure. A 500 says only "internal error"; 503 (the database read-only or not answering) and 507 (its disk full) name that cause in `details.cause` (`read-only`, `unreachable`, `io-error`, `disk-full`) and nothing of the step was written. 400 names the field or the body (malformed JSON, a path segment that is not UTF-8, NUL or a lone surrogate, nesting past 64 levels), 401 no session, 403 a role without the permission or a cookie-signed change without X-CSRF-Token, 404 unknown (or hidden) resource, 409 a lost race or a business key already numbering a running case, 413 a body over the route\'s limit (`details.limit` in bytes), 415 a body that is not JSON, 422 the process itself failed, 429 sign-in throttled'
  ),
  Principal: strict({
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { enum: ['operator', 'executor', 'head', 'commission', 'analyst', 'admin', 'auditor'] } },
    groups: { type: 'array', items: { type: 'string' }, description: 'the BPMN candidate groups whose tasks they work' },
    permissions: { type: 'array', items: { type: 'string' } },
    provider: { type: 'string' },
  }),
  Session: strict({ token: { type: 'string', description: 'send as Authorization: Bearer TOKEN' }, csrfToken: { type: 'string', description: 'send as X-CSRF-Token with the cookie' }, expiresAt: instant, user: ref('Principal') }),
  Assignee: strict({ username: { type: 'string' }, displayName: { type: 'string' }, provider: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, groups: { type: 'array', items: { type: 'string' } } }, 'An account a head may hand tasks to, with the candidate groups its roles work'),
  Commission: strict(
    {
      provider: { type: 'string' },
      members: { type: 'array', minItems: 1, items: strict({ username: { type: 'string' }, displayName: { type: 'string' } }) },
      chair: { type: 'string', description: 'one of the members; presides and signs, and decides a tie' },
      updatedAt: instant,
      updatedBy: { type: 'string' },
      changes: { type: 'array', description: 'every composition set, newest first', items: strict({ members: strings, chair: { type: 'string' }, changedAt: instant, changedBy: { type: 'string' } }) },
    },
    "A provider's housing commission (seed 002 para 9(1))"
  ),
  Provider: strict(
    {
      id: { type: 'string', description: 'the provider id accounts and cases carry' },
      names: text3,
      bin: { type: ['string', 'null'], pattern: '^[0-9]{12}$', description: 'business identification number; null when not entered' },
      address: nullableString,
      services: { type: 'object', additionalProperties: text3, description: 'service key (definition key or regulation) → the body that provides it' },
      updatedAt: instant,
      updatedBy: { type: 'string' },
    },
    "A provider's directory entry"
  ),
  User: strict({ username: { type: 'string' }, displayName: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, provider: { type: 'string' }, disabled: { type: 'boolean' }, createdAt: instant }, 'An account (the password hash never leaves the server)'),
  DeployedDefinition: strict(
    {
      ...definitionFields,
      formVersions: storedDefinitionFields.formVersions,
      created: { type: 'boolean', description: 'false: identical content was deployed already, nothing stored' },
      newer: strict({ version: { type: 'integer' }, source: { enum: ['file', 'api'] }, sourceFile: nullableString, deployedBy: { type: 'string' } }, 'a newer version of the key that stays the latest'),
    },
    undefined,
    ['newer']
  ),
  LintFinding: strict({ elementId: { type: 'string' }, line: { type: 'integer' }, message: { type: 'string' }, rule: { type: 'string', description: 'the bpmnlint rule' } }, 'A bpmnlint finding', ['elementId', 'line']),
  DeployedDecision: strict(
    {
      ...decisionFields,
      created: { type: 'boolean', description: 'false: identical content was deployed already, nothing stored' },
      newer: strict({ version: { type: 'integer' }, source: { enum: ['file', 'api'] }, sourceFile: nullableString, deployedBy: { type: 'string' } }, 'a newer version of the key that stays the latest'),
    },
    undefined,
    ['newer']
  ),
  Deployment: strict(
    { definitions: { type: 'array', items: ref('DeployedDefinition') }, decisions: { type: 'array', items: ref('DeployedDecision'), description: 'for a DMN file: one version per decision' }, warnings: { type: 'array', items: ref('LintFinding'), description: "bpmnlint's warnings (its errors refuse the deployment)" } },
    undefined,
    ['decisions']
  ),
  Validation: strict({ processes: { type: 'array', items: strict({ id: { type: 'string' }, name: nullableString }) }, decisions: { type: 'array', items: strict({ id: { type: 'string' }, name: { type: 'string' } }), description: 'for a DMN file' }, warnings: { type: 'array', items: ref('LintFinding') } }, undefined, ['decisions']),
  Decision: strict({ ...decisionFields, deployedAt: instant, versions: { type: 'integer', description: 'how many versions the key has' } }, 'The latest version of a decision'),
  DecisionVersions: strict({
    key: { type: 'string' },
    versions: { type: 'array', items: strict({ ...decisionFields, deployedAt: instant, requiredDecisions: { ...strings, description: 'ids of the decisions it requires, evaluated first' }, logic: { oneOf: [decisionTable, literalExpression] } }) },
  }),
  DecisionOutcome: strict(
    {
      decisionId: { type: 'string' },
      decisionName: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      matchedRules: { ...strings, description: 'ids of the rules the result comes from (for FIRST and PRIORITY, the one chosen)' },
      result: { description: 'the DMN decision value: an output value, a context of outputs, a list of those (RULE ORDER, OUTPUT ORDER, COLLECT), an aggregate, or null' },
      resultList: { type: 'array', items: { type: 'object' }, description: "Camunda 7's result list: one output map per matched rule" },
      requiredDecisions: { type: 'array', items: strict({ decisionId: { type: 'string' }, matchedRules: strings }), description: 'the decisions it requires, in the order they were evaluated' },
    },
    'One evaluation of a decision'
  ),
  Names: strict(
    { kk: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } },
    "An element's name in each language: kk is its `name` (or a `name:kk` property), ru and en its `name:ru` and `name:en` camunda:properties; a language without one repeats the Kazakh name"
  ),
  Act: { type: ['object', 'null'], description: 'the regulation the definition carries out (act.* properties of its process), or null', properties: { title: { type: 'string', description: 'in the state language' }, titles: { ...ref('Names'), description: 'the title in Kazakh, Russian and English (act.title, act.title:ru, act.title:en)' }, number: { type: 'string' }, date: { type: 'string' }, issuedBy: { type: 'string' }, registration: { type: 'string' }, inForce: { type: 'string' }, abolishedBy: { type: 'string' }, abolishedByTitles: { ...ref('Names'), description: 'the act that abolished it, in Kazakh, Russian and English as each language names it (act.abolishedBy:kk, :ru, :en)' }, abolishedOn: { type: 'string' }, abolishedFrom: { type: 'string' }, abolished: { type: 'boolean' } }, required: ['abolished'], additionalProperties: false },
  Definition: strict(
    { ...storedDefinitionFields, names, act: ref('Act'), versions: { type: 'integer', description: 'how many versions the key has' }, applicationForm: { type: ['string', 'null'], description: 'the key of the application form a case starts with (GET /api/forms/{key}), or null' }, startableInTasklist: { type: 'boolean', description: "false when the process says camunda:isStartableInTasklist=\"false\": only a call activity starts it, so the start page does not offer it" }, documents: { type: 'array', items: { type: 'string' }, description: 'the kinds of document its cases may issue, by its tasks\' camunda:topic documents.<kind> (acceptanceReceipt, refusalReceipt, …), in diagram order; empty when it issues none' } },
    'The latest version of a definition'
  ),
  Applicant: strict(
    {
      iin: { type: 'string', pattern: '^[0-9]{12}$' },
      lastName: { type: 'string' },
      firstName: { type: 'string' },
      middleName: { type: 'string' },
      birthDate: { type: 'string', format: 'date' },
      birthYear: { type: 'integer' },
      document: strict({ type: { type: 'string' }, number: { type: 'string' }, issuedBy: { type: 'string' }, issuedAt: { type: 'string' }, validUntil: { type: 'string' } }),
      address: { type: ['string', 'null'], description: 'the current registered address, or null when the register has none' },
    },
    'An applicant as the individuals register knows them: only what the application form shows'
  ),
  DefinitionVersions: strict({ key: { type: 'string' }, versions: { type: 'array', items: strict({ ...storedDefinitionFields, names, xml: { type: 'string', description: 'the BPMN 2.0 XML' }, act: ref('Act'), instances: strict({ running: { type: 'integer' }, total: { type: 'integer' } }, 'the cases on this version, of the providers the caller sees') }) } }),
  Activity: strict({ elementId: { type: 'string' }, names, kind: { enum: ['userTask', 'timer', 'service', 'message', 'signal', 'call', 'error'] }, executionId: { type: 'string' }, since: instant, instanceId: { type: 'string', description: 'a call activity: the case it started' } }, 'A place a case waits in', ['instanceId']),
  InstanceSummary: strict({ ...instanceFields, openIncidents: { type: 'integer', minimum: 0, description: 'how many of its incidents are open' }, archived: { type: 'boolean', description: 'true: a finished case moved out of the hot tables after the archive period (GET /api/settings/archive-period); it reads, downloads and verifies as before, and nothing of it changes any more' } }, 'A case as listed'),
  Stats: strict({
    at: instant,
    byProcess: { type: 'array', items: strict({ definitionKey: { type: 'string' }, names: { ...names, description: "the process's names, as the latest version of its definition gives them" }, running: { type: 'integer' }, overdue: { type: 'integer' } }) },
    byStep: { type: 'array', items: strict({ definitionKey: { type: 'string' }, elementId: { type: 'string' }, kind: { enum: ['userTask', 'service'] }, name: nullableString, names: { ...names, description: "the step's names, as the latest version of its definition gives them (service calls too)" }, count: { type: 'integer' }, overdue: { type: 'integer' } }), description: 'running cases by where they wait' },
    perDay: { type: 'array', items: strict({ date: { type: 'string', format: 'date' }, started: { type: 'integer' }, finished: { type: 'integer' } }), description: 'every Almaty date from…to' },
  }),
  Instance: strict({ ...instanceFields, variables }, 'A case with its variables, as a change to it answers'),
  InstanceDetails: strict(
    {
      ...instanceWithParts,
      jobs: { type: 'array', items: ref('Job') },
      providerNames: { ...names, description: "the body that provides this case's service, in Kazakh, Russian and English, as its documents name it: the provider's directory entry (GET /api/providers/{provider}) for the top caller's definition key or regulation, else the body the act names" },
      people: { type: 'object', additionalProperties: { type: 'string' }, description: 'username → display name of the accounts the case names (startedBy, history actors, task assignees); system actors such as jobs are absent' },
      takenFlows: { type: 'array', items: { type: 'string' }, description: "ids of the sequence flows the case took, each once (from history: data.taken of each flow source's activity.left)" },
      archived: { type: 'boolean', description: 'true: a finished case moved out of the hot tables after the archive period (GET /api/settings/archive-period); it reads, downloads and verifies as before, and nothing of it changes any more' },
    },
    'A case with everything about it'
  ),
  HistoryEntry: strict({
    id: { type: 'integer' },
    instanceId: { type: 'string' },
    definitionId: { type: 'string' },
    definitionVersion: { type: 'integer' },
    type: { type: 'string', description: 'instance.started, activity.entered, task.completed, document.created, subject.exported, …' },
    elementId: nullableString,
    names,
    elementType: nullableString,
    executionId: nullableString,
    actor: { type: 'string' },
    at: instant,
    data: { type: ['object', 'null'] },
    seq: { type: 'integer', description: 'its place in the hash chain' },
    prevHash: sha256,
    hash: sha256,
  }),
  StoredTask: strict(taskFields, 'A user task as kept with its case'),
  Task: strict({ ...taskFields, overdue: { type: 'boolean', description: 'open past its dueAt' } }, 'A user task'),
  InboxTask: strict(
    {
      ...taskFields,
      overdue: { type: 'boolean', description: 'open past its dueAt' },
      businessKey: nullableString,
      definitionKey: { type: 'string' },
      definitionId: { type: 'string' },
      lane: { type: ['string', 'null'], description: "the name of the diagram's lane the step stands in" },
      laneNames: { ...names, description: "the lane's name in Kazakh, Russian and English" },
      assigneeName: { type: ['string', 'null'], description: "the display name of the account holding the task; null when unclaimed" },
      applicant: {
        anyOf: [{ type: 'null' }, strict({ name: { type: ['string', 'null'], description: 'last name and initials' }, iin: { type: ['string', 'null'], description: 'masked but the last four digits' } })],
      },
      dueIn: {
        anyOf: [
          { type: 'null' },
          strict({ overdue: { type: 'boolean' }, workingDays: { type: 'integer', description: 'working days left (or overdue by), by the Kazakh calendar' }, hours: { type: 'integer', description: 'whole hours of clock time' } }),
        ],
      },
    },
    'A row of the inbox: the task with its case, lane, masked applicant and time left'
  ),
  Job: strict({
    id: { type: 'string' },
    instanceId: { type: 'string' },
    executionId: { type: 'string' },
    elementId: { type: 'string' },
    kind: { enum: ['timer', 'service', 'call', 'error', 'monitoring'] },
    topic: nullableString,
    status: { enum: ['waiting', 'done', 'canceled', 'failed'] },
    dueAt: instant,
    lockOwner: nullableString,
    lockExpiresAt: nullableInstant,
    attempts: { type: 'integer' },
    maxAttempts: { type: 'integer' },
    lastError: nullableString,
    createdAt: instant,
  }),
  Queue: strict(
    {
      list: { type: 'string', description: 'the list: sociallyVulnerable, publicSector or emergencyHousing' },
      locality: { ...nullableString, description: 'the locality asked for, or null for every one' },
      entries: {
        type: 'array',
        items: strict(
          {
            number: { type: 'integer', minimum: 1, description: 'the serial number of the queue in its list and locality' },
            locality: { type: 'string' },
            registeredAt: instant,
            applicant: strict({ name: { type: 'string', description: 'last name and initials' }, iin: { type: 'string', description: 'masked but the last four digits' } }),
            caseId: { type: 'string', description: 'the case that registered the family' },
            updatedAt: { ...nullableInstant, description: 'when the family\'s data was last updated (Appendix 3), or null' },
          },
          'A registered family in queue order'
        ),
      },
      nextCursor: { ...nullableString, description: 'pass as cursor for the next page; null on the last' },
    },
    'A housing waiting list in queue order (seed 001)'
  ),
  Incident: strict({ id: { type: 'string' }, instanceId: { type: 'string' }, jobId: { type: 'string' }, elementId: { type: 'string' }, kind: { type: 'string' }, message: { type: 'string' }, status: { enum: ['open', 'resolved'] }, createdAt: instant, resolvedAt: nullableInstant }),
  Document: strict(documentFields, 'A document a case produced; the file itself downloads from url'),
  ListedDocument: strict(
    {
      ...documentFields,
      number: { ...nullableString, description: 'what the document is registered under: the act\'s own number (the commission\'s decision, the agreement, the deed), else the case number it prints' },
      issuedBy: strict({ instanceId: { type: 'string' }, definitionKey: { type: 'string' }, businessKey: nullableString, elementId: { type: 'string' }, names }, 'the case (this one or a case it called about the same applicant) and the step that issued it'),
    },
    'A document of a case or of a case it called for the same applicant'
  ),
  SubjectExport: strict({
    subject: strict({ iin: { type: 'string' } }),
    exportedAt: instant,
    exportedBy: { type: 'string' },
    instances: { type: 'array', items: strict({ ...instanceWithParts, documents: { type: 'array', items: ref('Document') }, archived: { const: true, description: 'present on an archived case (retention): exported as well, though the export is recorded on the hot cases only' } }, undefined, ['archived']) },
  }),
  SignalResult: strict({ name: { type: 'string' }, instanceIds: { type: 'array', items: { type: 'string' }, description: 'the cases it reached' } }),
  FormSummary: strict({ key: { type: 'string' }, version: { type: 'integer', minimum: 1, description: 'the newest version' }, title: text3 }),
  Form: strict({
    id: { type: 'string' },
    key: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    schema: { type: 'object', description: 'JSON Schema 2020-12 of the submission' },
    ui: { type: 'object', description: 'title, field order, labels, widgets, where read-only fields come from' },
    checksum: { ...sha256, description: 'SHA-256 of schema and UI schema: an unchanged form makes no version' },
    deployedAt: instant,
    deployedBy: { type: 'string' },
    source: { enum: ['file', 'api'], description: 'file: forms/ at start; api: POST /api/forms' },
    sourceFile: nullableString,
  }),
  DeployedForm: strict(
    {
      id: { type: 'string' },
      key: { type: 'string' },
      version: { type: 'integer', minimum: 1 },
      checksum: sha256,
      deployedAt: instant,
      deployedBy: { type: 'string' },
      source: { enum: ['file', 'api'] },
      sourceFile: nullableString,
      created: { type: 'boolean', description: 'false: the form equals its latest version, nothing was stored' },
      newer: strict({ version: { type: 'integer' }, source: { enum: ['file', 'api'] }, sourceFile: nullableString, deployedBy: { type: 'string' } }),
    },
    undefined,
    ['newer']
  ),
  FormBinding: strict({
    definition: { type: 'string', description: 'the diagram (process id)' },
    definitionVersion: { type: 'integer', minimum: 1, description: "the diagram's newest version, which a deployment compares against" },
    name: nullableString,
    names,
    form: { type: 'string', description: 'the form key' },
    formTitle: text3,
    bound: { type: 'integer', minimum: 1, description: 'the form version that diagram version binds' },
    newest: { type: 'integer', minimum: 1, description: "the form's newest version" },
    outdated: { type: 'boolean', description: 'bound is older than newest: deploying the diagram again, unchanged, binds the newest' },
  }),
  StartForm: strict({ key: { type: 'string' }, version: { type: 'integer', minimum: 1, description: "the version the definition's effective version is bound to" }, schema: { type: 'object' }, ui: { type: 'object' } }),
  TaskForm: strict({ key: { type: 'string' }, version: { type: 'integer', minimum: 1, description: "the version its case's diagram version is bound to" }, schema: { type: 'object' }, ui: { type: 'object' }, data: { type: 'object', description: "the form's read-only fields, filled from the case" } }),
  Deadline: strict({ registeredAt: { ...instant, description: 'with the Almaty offset' }, dueAt: { ...instant, description: 'with the Almaty offset' } }),
  CalendarDay: strict({ date: { type: 'string', format: 'date' }, kind: { enum: ['working', 'weekend', 'holiday', 'substitute', 'decreedWorkingDay', 'decreedDayOff'] }, working: { type: 'boolean' }, name: text3, reason: { type: 'string' } }, undefined, ['name', 'reason']),
  CalendarOverride: strict({ date: { type: 'string', format: 'date' }, kind: { enum: ['workingDay', 'dayOff'] }, reason: { type: 'string' }, updatedAt: instant, updatedBy: { type: 'string' } }),
  ArchivePeriodSetting: strict(
    {
      days: { type: ['integer', 'null'], description: 'calendar days after a case ended before it moves to the archive; null: none is set, and nothing is archived' },
      act: { ...nullableString, description: 'the act or decision the period follows, as the admin gave it' },
      setAt: nullableInstant,
      setBy: nullableString,
    },
    'The archive period (retention): finished cases move out of the hot tables this long after they ended; nothing is deleted'
  ),
  ArchivePass: strict(
    {
      endedBefore: { ...instant, description: 'the cases that ended before this instant (now minus the period) were archived' },
      archived: { type: 'integer', minimum: 0, description: 'cases moved to the archive by this pass (those their call activities started included)' },
      batches: { type: 'integer', minimum: 0, description: 'transactions it took: each moves a bounded batch of cases, all or nothing' },
    },
    'What an archive pass did'
  ),
  IncomeLimitSetting: strict(
    {
      tengePerMonthPerMember: { type: ['integer', 'null'], description: 'null: none is set, and the employee finds on the income' },
      unit: { const: 'KZT per month per family member' },
      act: { ...nullableString, description: 'the act that sets the figure' },
      setAt: nullableInstant,
      setBy: nullableString,
    },
    "The waiting list's income limit for the socially vulnerable list (seed 001 para 11 gives no figure)"
  ),
  Clock: strict({ now: instant, movable: { type: 'boolean', description: 'QYZMET_CLOCK=manual: POST /api/clock moves it' } }),
} as const;
