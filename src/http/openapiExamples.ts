/**
 * Examples for the OpenAPI document: one case of a small diagram (a check by the State
 * Corporation operator, then the receipt of refusal), as the server answers it. test/http/openapi.test.ts
 * checks every example against its schema, so they cannot drift from the shapes.
 */

const at = '2026-03-02T04:00:00.000Z';
const instanceId = 'b29a4110-92c1-4a50-bfb3-c9edf1fabcb5';
const definitionId = '13c8b9ff-efdc-4466-8a5c-79b21592e1b7';
const taskId = 'b3bcf615-b1d2-4503-81a8-31e0b4e04b52';
const documentId = 'dc89777c-61ca-415e-bd2c-89f98af8d08f';
const hash = (c: string) => c.repeat(64);

const principal = { username: 'operator', displayName: 'Айгүл Омарова', roles: ['operator'], groups: ['stateCorporation'], permissions: ['tasks.work', 'instances.read', 'instances.start'], provider: 'default' };
const user = { username: 'aigerim', displayName: 'Айгерім Сейітқызы', roles: ['head'], provider: 'almaty-auezov', disabled: false, createdAt: at };
const deployed = { id: definitionId, key: 'receipt', version: 1, name: 'Receipt of refusal', deploymentName: 'receipt.bpmn', effectiveFrom: null, source: 'api', sourceFile: null, deployedBy: 'analyst', formVersions: {} };
const stored = { ...deployed, contentHash: hash('c'), deployedAt: at };
const processNames = { kk: 'Бас тарту туралы қолхат', ru: 'Расписка об отказе', en: 'Receipt of refusal' };
const checkNames = { kk: 'Құжаттарды тексеру', ru: 'Проверка документов', en: 'Check the documents' };
const act = { title: 'Бас тарту туралы қолхат беру тәртібі', titles: { kk: 'Бас тарту туралы қолхат беру тәртібі', ru: 'Порядок выдачи расписки об отказе', en: 'Procedure for issuing a receipt of refusal' }, number: '254', date: '2020-06-08', registration: '20853', abolished: false };
const activity = { elementId: 'check', names: checkNames, kind: 'userTask', executionId: 'check_bb989181b5', since: at };
const summary = {
  id: instanceId,
  definitionId,
  definitionKey: 'receipt',
  definitionVersion: 1,
  businessKey: 'HA-2026-000017',
  status: 'running',
  revision: 0,
  startedAt: at,
  startedBy: 'operator',
  endedAt: null,
  parentInstanceId: null,
  parentExecutionId: null,
  parentElementId: null,
  activities: [activity],
  term: { amount: 8, unit: 'workingDays', schedule: 'provider' },
  registeredAt: '2026-03-02T04:00:00.000Z',
  dueAt: '2026-03-13T13:30:00.000Z',
  resultAt: null,
  provider: 'default',
  historySeq: 5,
  historyHead: hash('e'),
  consentAt: at,
  overdue: false,
  finishedLate: false,
};
const variables = { iin: '750930410421', personalDataConsent: true };
const instance = { ...summary, variables };
const storedTask = { id: taskId, instanceId, executionId: 'check_bb989181b5', elementId: 'check', name: 'Құжаттарды тексеру', names: checkNames, status: 'open', assignee: null, candidateGroups: ['stateCorporation'], candidateUsers: [], formKey: null, dueAt: null, createdAt: at, claimedAt: null, endedAt: null, completedBy: null, provider: 'default' };
const task = { ...storedTask, overdue: false };
const historyEntry = { id: 1, instanceId, definitionId, definitionVersion: 1, type: 'instance.started', elementId: null, names: null, elementType: null, executionId: null, actor: 'operator', at, data: { businessKey: 'HA-2026-000017', variables, parentInstanceId: null }, seq: 1, prevHash: hash('6'), hash: hash('1') };
const job = { id: '6cb8c402-e2a5-483c-89d9-30833cd4b7e2', instanceId, executionId: 'issue_7ac7d42b92', elementId: 'issue', kind: 'service', topic: 'documents.refusalReceipt', status: 'done', dueAt: at, lockOwner: null, lockExpiresAt: null, attempts: 1, maxAttempts: 3, lastError: null, createdAt: at };
const incident = { id: '5f0c6a9e-0c8e-4a57-9a52-5a3b3e1f7d21', instanceId, jobId: job.id, elementId: 'lookup', kind: 'service', message: 'gateway timeout after 3 attempts', status: 'open', createdAt: at, resolvedAt: null };
const document = { id: documentId, instanceId, elementId: 'issue', kind: 'refusalReceipt', fileName: 'refusalReceipt-HA-2026-000017.pdf', mediaType: 'application/pdf', size: 34903, sha256: hash('9'), createdAt: at, url: `/api/documents/${documentId}` };
const title = { kk: 'Өтінішті қарау', ru: 'Рассмотрение заявления на полноту', en: 'Completeness review' };
const form = { key: 'ha-review', schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { packageComplete: { type: 'boolean' } }, required: ['packageComplete'] }, ui: { title, order: ['packageComplete'], fields: { packageComplete: { label: { kk: 'Құжаттар толық', ru: 'Пакет полный', en: 'Package complete' }, widget: 'radio' } } } };
const storedForm = { id: '5d0c1e52-8f0e-4c55-9d8e-3b0f1a6c2e44', ...form, version: 2, checksum: hash('f'), deployedAt: at, deployedBy: 'analyst', source: 'api', sourceFile: null };
const incomeLimit = { tengePerMonthPerMember: 120_000, unit: 'KZT per month per family member', act: 'an example: the act in force that sets the figure, by name, number, date and provision', setAt: at, setBy: 'admin' };
const override = { date: '2026-01-03', kind: 'workingDay', reason: 'Government decree of 2025-12-20 moves the working day from Friday 2 January', updatedAt: at, updatedBy: 'admin' };

const decision = { id: '6c1f1c2e-3c1e-4d55-9a43-0d7f3e0f6a11', key: 'housingCenterDenial', version: 1, name: 'Denial grounds', deploymentName: 'housing-center-denial.dmn', effectiveFrom: null, source: 'api', sourceFile: null, deployedBy: 'analyst', dmnVersion: '1.3' };
const denialTable = {
  kind: 'decisionTable',
  hitPolicy: 'FIRST',
  inputs: [{ column: 'input "Owns housing"', expression: 'ownsHousing', inputVariable: 'cellInput' }],
  outputs: [{ column: 'output "Ground"', name: 'ground' }],
  rules: [{ id: 'owns-housing', inputEntries: ['true'], outputEntries: ['"para 15.1"'], annotation: 'Rules para 15 sub-para 1' }],
};

export const examples = {
  decisionDeployment: { name: 'housing-center-denial.dmn', xml: '<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" …</definitions>' },
  decisionDeployed: { definitions: [], decisions: [{ ...decision, created: true }], warnings: [] },
  decisions: [{ ...decision, deployedAt: at, versions: 1 }],
  decisionVersions: { key: 'housingCenterDenial', versions: [{ ...decision, deployedAt: at, requiredDecisions: [], logic: denialTable }] },
  evaluate: { variables: { ownsHousing: true } },
  decisionOutcome: { decisionId: 'housingCenterDenial', decisionName: 'Denial grounds', version: 1, matchedRules: ['owns-housing'], result: 'para 15.1', resultList: [{ ground: 'para 15.1' }], requiredDecisions: [] },
  instanceId,
  taskId,
  documentId,
  login: { username: 'operator', password: 'qyzmet-demo' },
  session: { token: 'u72X2tNqI0aYtqsUSqOMwLB5eIDuV6jv0R6g4idYm-c', csrfToken: 'JWSKkDx0AVDw-epwhrAsBLYyF2ErjBuX5YCq3MPJzpQ', expiresAt: '2026-03-02T16:00:00.000Z', user: principal },
  principal,
  users: [user],
  assignees: [
    { username: 'executor', displayName: 'Данияр Омаров', provider: 'almaty-auezov', roles: ['executor'], groups: ['executors', 'specialists'] },
    { username: 'aigerim', displayName: 'Айгерім Сейітқызы', provider: 'almaty-auezov', roles: ['head'], groups: ['heads'] },
  ],
  user,
  newUser: { username: 'aigerim', password: 'correct horse battery', displayName: 'Айгерім Сейітқызы', roles: ['head'], provider: 'almaty-auezov' },
  deployment: { name: 'receipt.bpmn', xml: '<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" …</definitions>' },
  deployed: { definitions: [{ ...deployed, created: true }], warnings: [{ elementId: 'check', line: 12, message: 'Element is missing label/name', rule: 'label-required' }] },
  validation: { processes: [{ id: 'receipt', name: 'Receipt of refusal' }], warnings: [] },
  definitions: [{ ...stored, names: processNames, act, versions: 1, applicationForm: null, startableInTasklist: true, documents: [] }],
  applicant: { iin: '750930410421', lastName: 'Ахметов', firstName: 'Даулет', middleName: 'Серикович', birthDate: '1975-09-30', birthYear: 1975, document: { type: 'identity card', number: '045612378', issuedBy: 'MIA RK', issuedAt: '2018-04-12', validUntil: '2028-04-11' }, address: 'Almaty, Dostyk avenue 14, apt. 14' },
  versions: { key: 'receipt', versions: [{ ...stored, names: processNames, xml: '<?xml version="1.0" encoding="UTF-8"?><definitions …</definitions>', act, instances: { running: 1, total: 3 } }] },
  start: { businessKey: 'HA-2026-000017', variables, provider: 'default' },
  instances: [{ ...summary, openIncidents: 0, archived: false }],
  stats: { at, byProcess: [{ definitionKey: 'receipt', names: processNames, running: 1, overdue: 0 }], byStep: [{ definitionKey: 'receipt', elementId: 'check', kind: 'userTask', name: 'Құжаттарды тексеру', names: checkNames, count: 1, overdue: 0 }], perDay: [{ date: '2026-03-01', started: 0, finished: 0 }, { date: '2026-03-02', started: 1, finished: 0 }] },
  instance,
  details: { ...instance, tasks: [storedTask], jobs: [job], incidents: [], history: [historyEntry], providerNames: { kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі', ru: 'Отдел занятости и социальных программ', en: 'Department of Employment and Social Programmes' }, people: { operator: 'Серікова Әсел Қайратқызы' }, takenFlows: ['Flow_0k2z9xq'], archived: false },
  audit: { instanceId, intact: true, rows: 16 },
  brokenAudit: { instanceId, intact: false, rows: 16, brokenAt: { historyId: 7, type: 'task.completed', at, seq: 7, reason: 'hash mismatch', detail: 'the row does not hash to what it holds' } },
  documents: [{ ...document, number: 'HA-2026-000017', issuedBy: { instanceId: document.instanceId, definitionKey: 'housing-assistance', businessKey: 'HA-2026-000017', elementId: document.elementId, names: { kk: 'Бас тарту туралы қолхат', ru: 'Расписка об отказе', en: 'Receipt of refusal' } } }],
  setVariables: { variables: { familySize: 3 } },
  tasks: [{ ...task, dueAt: '2026-03-12T13:30:00.000Z', businessKey: 'HA-2026-000017', definitionKey: 'receipt', definitionId: 'receipt:1', lane: 'Мемлекеттік корпорация қызметкері', laneNames: { kk: 'Мемлекеттік корпорация қызметкері', ru: 'Работник Государственной корпорации', en: 'State Corporation employee' }, applicant: { name: 'Ахметов Д. С.', iin: '********0421' }, assigneeName: null, dueIn: { overdue: false, workingDays: 2, hours: 57 } }],
  reassigned: [{ ...task, assignee: 'executor', claimedAt: at }],
  task,
  claim: { user: 'executor' },
  newProvider: {
    names: { kk: 'Алматы қаласы Медеу ауданының әкімдігі', ru: 'Акимат Медеуского района города Алматы', en: 'Akimat of the Medeu District of Almaty' },
    bin: '040540000123',
    address: 'г. Алматы, ул. Наурызбай батыра, 12',
    services: {
      almaty: { kk: 'Медеу ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі', ru: 'Отдел занятости и социальных программ Медеуского района', en: 'Medeu District Department of Employment and Social Programmes' },
      privatization: { kk: 'Медеу ауданының тұрғын үй қатынастары бөлімі', ru: 'Отдел жилищных отношений Медеуского района', en: 'Medeu District Housing Relations Department' },
    },
  },
  get provider() {
    return { id: 'almaty-medeu', ...this.newProvider, updatedAt: at, updatedBy: 'admin' };
  },
  newCommission: { members: ['commission', 'head', 'aigerim'], chair: 'head' },
  commission: {
    provider: 'default',
    members: [
      { username: 'commission', displayName: 'Бауыржан Тілеуов' },
      { username: 'head', displayName: 'Гүлнар Әбенова' },
      { username: 'aigerim', displayName: 'Айгерім Сейітқызы' },
    ],
    chair: 'head',
    updatedAt: at,
    updatedBy: 'admin',
    changes: [{ members: ['commission', 'head', 'aigerim'], chair: 'head', changedAt: at, changedBy: 'admin' }],
  },
  reassign: { taskIds: [taskId], assignee: 'executor' },
  complete: { variables: { checklist: { identityDocument: 'present', familyIncome: 'missing' } } },
  forms: [{ key: 'ha-review', version: 2, title }],
  form: storedForm,
  formVersions: [{ ...storedForm, id: '0b6f5a9e-77c1-4f7e-a1c4-2a3f7cbd0d11', version: 1, checksum: hash('e'), source: 'file', sourceFile: 'ha-review.schema.json', deployedBy: 'qyzmet serve' }, storedForm],
  formDeployment: { key: form.key, schema: form.schema, ui: form.ui },
  formDeployed: { id: storedForm.id, key: form.key, version: 2, checksum: storedForm.checksum, deployedAt: at, deployedBy: 'analyst', source: 'api', sourceFile: null, created: true },
  formBindings: [{ definition: 'housing-assistance', definitionVersion: 3, name: 'Тұрғын үй көмегін тағайындау', names: { kk: 'Тұрғын үй көмегін тағайындау', ru: 'Назначение жилищной помощи', en: 'Assignment of housing assistance' }, form: 'ha-review', formTitle: title, bound: 1, newest: 2, outdated: true }],
  startForm: { ...form, key: 'ha-application', version: 1 },
  taskForm: { ...form, version: 1, data: { iin: '750930410421' } },
  message: { name: 'documentsReceived', businessKey: 'HA-2026-000017', variables: { documentsReceivedAt: at } },
  signal: { name: 'regulationChanged', variables: {} },
  signalResult: { name: 'regulationChanged', instanceIds: [instanceId] },
  incidents: [incident],
  incident: { ...incident, status: 'resolved', resolvedAt: '2026-03-02T05:00:00.000Z' },
  queue: {
    list: 'sociallyVulnerable',
    locality: 'Almaty',
    entries: [
      { number: 1, locality: 'Almaty', registeredAt: '2026-12-07T05:30:00.000Z', applicant: { name: 'Есенова М. Б.', iin: '********0915' }, caseId: '7d1f4a52-0c3e-4f7a-9a51-3b1f0e2c9d11', updatedAt: null },
      { number: 2, locality: 'Almaty', registeredAt: '2026-12-08T06:10:00.000Z', applicant: { name: 'Смагулова З. Е.', iin: '********1267' }, caseId: '0b6e2f0a-5d7c-4c1e-8f3a-2a9d4e7b6c55', updatedAt: '2026-12-21T04:00:00.000Z' },
    ],
    nextCursor: 'WyJBbG1hdHkiLDJd',
  },
  deadline: { registeredAt: '2026-03-02T09:00:00+05:00', dueAt: '2026-03-13T18:30:00+05:00' },
  days: [{ date: '2026-01-01', kind: 'holiday', working: false, name: { kk: 'Жаңа жыл', ru: 'Новый год', en: "New Year's Day" } }, { date: '2026-01-05', kind: 'working', working: true }],
  overrides: [override],
  override,
  newOverride: { kind: override.kind, reason: override.reason },
  incomeLimit,
  archivePeriod: { days: 1826, act: 'an example: the act in force that sets the retention period, by name, number, date and article', setAt: at, setBy: 'admin' },
  archivePass: { endedBefore: '2021-03-02T04:00:00.000Z', archived: 120, batches: 2 },
  newIncomeLimit: { tengePerMonthPerMember: incomeLimit.tengePerMonthPerMember, act: incomeLimit.act },
  clock: { now: at, movable: true },
  moveClock: { now: '2026-03-03T04:00:00.000Z' },
  subjectExport: { subject: { iin: '750930410421' }, exportedAt: at, exportedBy: 'admin', instances: [{ ...instance, tasks: [storedTask], incidents: [], history: [historyEntry], documents: [document] }] },
  problem: { error: 'invalid body: variables must be object', details: { fields: [{ field: 'variables', message: 'must be object' }] } },
};
