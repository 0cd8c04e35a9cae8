import { randomUUID } from 'node:crypto';
import { formatLocal } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { actServiceKeys, documentKinds, fromChecklist, serviceBody, listed, queueDocument, queueLists, regulationOf, renderDocument, type CommissionDecisionData, type DocumentData, type InstalmentScheduleData, type DocumentKind, type ListedDocument, type PrivatizationData, type ServiceBodies } from '../../documents/index.js';
import { toTiyn } from '../../instalments/index.js';
import type { DocumentRow, InstanceRow, Store } from '../../store/index.js';
import { hearingNoticeData } from './hearing.js';
import type { ServiceHandler, ServiceInput } from './index.js';

/**
 * `documents.<kind>` service tasks render a document from the process variables, store it with
 * the instance, and record its SHA-256 in history (the audit trail's hash chain). A retried step finds the document it already
 * made (by the step's idempotency key) instead of making a second one. Reads: `applicant` (or
 * `applicantName`), `iin`, `addresses.current.address` (or `address`), `providerName`, `checklist`
 * (the receipts), `missingDocuments` (the refusal for an incomplete package), `refusalGround` +
 * `refusalReason`, `assistanceAmount` + `assistanceFrom` + `assistanceMonths` + `amountBasis`,
 * `signedBy`, `office` + `employeeName` + `executorName` + `employeePhone` (the State Corporation),
 * and `regulation` (else the definition key decides which act is cited); the hearing's notice reads
 * `act`, `preliminaryGrounds`, `preliminaryReasoning`, `hearingAt`, `hearingPlace`,
 * `objectionsCloseAt` and `hearingDueAt` (see services/hearing.ts). Writes `<kind>: { documentId, sha256 }`.
 */
export function documentServices(store: Store, clock: Clock): Record<string, ServiceHandler> {
  // The `document.created` event, with the file's SHA-256, goes into the history of the step that
  // completes the task, so the document is in the instance's hash chain under its revision guard
  // like every other row. Recorded again when a retried step finds the document made before: that
  // step's history was never written (a step that commits ends the job).
  const recordCreated = (input: ServiceInput, document: Pick<DocumentRow, 'id' | 'kind' | 'fileName' | 'sha256' | 'size'>) =>
    input.record?.({ type: 'document.created', data: { documentId: document.id, kind: document.kind, fileName: document.fileName, sha256: document.sha256, size: document.size } });
  const handler =
    (kind: DocumentKind): ServiceHandler =>
    async (input) => {
      const existing = await store.documents.byIdempotencyKey(input.idempotencyKey);
      if (existing) {
        recordCreated(input, existing);
        return { [kind]: { documentId: existing.id, sha256: existing.sha256 } };
      }

      const instance = (await store.instances.get(input.instanceId))!;
      const directory = (await store.providers.get(instance.provider))?.services;
      const data = dataOf(kind, input, instance, clock.now(), directory);
      if (kind === 'privatizationAgreement' && data.privatization) data.privatization.consents = await familyConsentsOf(store, input);
      const rendered = await renderDocument(kind, data);
      const document: DocumentRow = { id: randomUUID(), instanceId: input.instanceId, elementId: input.elementId, kind, fileName: rendered.fileName, mediaType: rendered.mediaType, content: rendered.content, size: rendered.content.length, sha256: rendered.sha256, idempotencyKey: input.idempotencyKey, createdAt: clock.now().toISOString() };
      await store.documents.insert(document);
      recordCreated(input, document);
      return { [kind]: { documentId: document.id, sha256: rendered.sha256 } };
    };
  return Object.fromEntries(documentKinds.map((kind) => [`documents.${kind}`, handler(kind)]));
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * What a document lists. The receipts take their list from the completeness checklist only, so a
 * receipt can never name a document the checklist marked present (seed 000 para 7); the refusal
 * for an incomplete package lists what the reviewer found missing (seed 000 para 9.2).
 */
function documentsOf(kind: DocumentKind, v: Record<string, any>): ListedDocument[] | undefined {
  const checklist = v.checklist && typeof v.checklist === 'object' ? (v.checklist as Record<string, unknown>) : undefined;
  if (kind === 'refusalReceipt') {
    const missing = checklist ? fromChecklist(checklist, ['missing', 'expired']) : [];
    if (!missing.length) throw new Error('the receipt of refusal lists what the completeness checklist ("checklist") marked missing or expired, and it marks nothing so');
    return missing;
  }
  if (kind === 'acceptanceReceipt') return checklist ? fromChecklist(checklist, ['present']) : [];
  if (kind === 'reasonedRefusal' && Array.isArray(v.missingDocuments)) return v.missingDocuments.map((c: unknown) => listed(String(c)));
  return undefined;
}

/**
 * The service a document is issued in, which decides the body its header names: the hearing's
 * notice that of the act its caller runs under, the commission's decision and the privatization's
 * papers privatization's, the waiting list's letters the waiting list's; any other its own process's
 * (which falls back to the regulation's body).
 */
function serviceKeyOf(kind: DocumentKind, definitionKey: string, act: keyof typeof actServiceKeys | undefined): string {
  if (act) return actServiceKeys[act];
  if (kind === 'housingCenterDenial') return actServiceKeys.housingProvisionCenter;
  if (kind === 'housingCommissionDecision' || kind === 'instalmentSchedule' || privatizationKinds.includes(kind)) return actServiceKeys.privatization;
  if (queueKinds.includes(kind)) return actServiceKeys.stateHousingQueue;
  return definitionKey;
}

function dataOf(kind: DocumentKind, input: ServiceInput, instance: InstanceRow, now: Date, directory?: ServiceBodies): DocumentData {
  const v = input.variables as Record<string, any>;
  const regulation = regulationOf(instance.definitionKey, v.regulation);
  const person = v.applicant && typeof v.applicant === 'object' ? [v.applicant.lastName, v.applicant.firstName, v.applicant.middleName].filter(Boolean).join(' ') : undefined;
  const provider = text(v.providerName);
  const office = v.office && typeof v.office === 'object' ? (v.office as Record<string, unknown>) : {};
  const basis = v.amountBasis && typeof v.amountBasis === 'object' ? v.amountBasis : undefined;
  // The hearing's notice cites the act its caller runs under (`act`), and that act's provider.
  const hearing = kind === 'hearingNotice' ? hearingNoticeData(v) : undefined;
  return {
    hearing,
    caseNumber: input.businessKey ?? input.instanceId,
    date: formatLocal(now).slice(0, 10),
    regulation,
    applicant: { name: person || String(v.applicantName ?? '—'), iin: String(v.iin ?? '—'), address: addressText(v.addresses?.current) ?? text(v.address) },
    // `providerName` names the body for this case alone; else the provider's directory, else the act.
    provider: provider ? { kk: provider, ru: provider } : serviceBody(directory, serviceKeyOf(kind, instance.definitionKey, hearing?.act), regulation),
    documents: documentsOf(kind, v),
    refusal: kind === 'reasonedRefusal' ? { ground: v.refusalGround === undefined ? 0 : Number(v.refusalGround), reason: String(v.refusalReason ?? '') } : undefined,
    assignment:
      v.assistanceAmount !== undefined
        ? { monthlyAmount: Number(v.assistanceAmount), from: String(v.assistanceFrom ?? ''), months: Number(v.assistanceMonths ?? 6), basis: basis && { monthlyHousingCosts: Number(basis.monthlyHousingCosts), familyMonthlyIncome: Number(basis.familyMonthlyIncome), allowedSharePercent: Number(basis.allowedSharePercent) } }
        : undefined,
    signedBy: text(v.signedBy),
    stateCorporation: { department: text(office.department), branch: text(office.branch), address: text(office.address), employeeName: text(v.employeeName), executorName: text(v.executorName) ?? text(v.employeeName), executorPhone: text(v.employeePhone) },
    // Seed 003: the grounds the decision table matched (denialGrounds) and the hearing's reasoning.
    housingCenterDenial: kind === 'housingCenterDenial' ? housingCenterDenialOf(v) : undefined,
    commission: kind === 'housingCommissionDecision' ? commissionDecisionOf(v) : undefined,
    instalments: kind === 'instalmentSchedule' ? instalmentScheduleOf(v) : undefined,
    // Seed 001: the waiting list's notices, the queue number and the grounds of the refusal.
    housingQueue: queueKinds.includes(kind) ? housingQueueOf(v) : undefined,
    privatization: privatizationKinds.includes(kind) ? privatizationOf(kind, v) : undefined,
    acceptance: kind === 'acceptanceReceipt' ? { acceptedAt: now.toISOString(), resultReadyAt: instance.dueAt } : undefined,
  };
}

/**
 * The commission's decision from the vote's variables (services/commission.ts): `decisionNumber`,
 * `subject` { kk, ru }, `commissionDecision`, `commissionDecidedBy`, `commissionVotes` (with names
 * and times), `commissionMembers`, `commissionNames` and `commissionChair`.
 */
function commissionDecisionOf(v: Record<string, any>): CommissionDecisionData {
  const votes = Array.isArray(v.commissionVotes) ? (v.commissionVotes as Record<string, any>[]) : [];
  if (!votes.length) throw new Error('the process has no variable "commissionVotes" (run commission.tally first)');
  if (v.commissionDecision !== 'approved' && v.commissionDecision !== 'refused') throw new Error(`commissionDecision "${String(v.commissionDecision)}" is not approved or refused`);
  const members: string[] = Array.isArray(v.commissionMembers) ? v.commissionMembers.map(String) : [];
  const named = v.commissionNames && typeof v.commissionNames === 'object' ? (v.commissionNames as Record<string, unknown>) : {};
  const names = new Map<string, string>([...Object.entries(named).map(([k, n]) => [k, String(n)] as [string, string]), ...votes.map((x) => [String(x.member), String(x.name ?? x.member)] as [string, string])]);
  const chair = String(v.commissionChair ?? '');
  return {
    number: text(v.decisionNumber) ?? '—',
    subject: { kk: String(v.subject?.kk ?? '—'), ru: String(v.subject?.ru ?? '—') },
    decision: v.commissionDecision,
    decidedBy: v.commissionDecidedBy === 'chair' || v.commissionDecidedBy === 'noMajority' ? v.commissionDecidedBy : 'majority',
    chair: names.get(chair) ?? chair,
    votes: votes.map((x) => ({ name: String(x.name ?? x.member), vote: x.vote, reason: text(x.reason) ?? null, at: typeof x.at === 'string' ? x.at : null, chair: x.member === chair })),
    notVoted: members.filter((m) => !votes.some((x) => x.member === m)).map((m) => names.get(m) ?? m),
  };
}

/** The schedule `privatization.paymentTerms` wrote (`paymentSchedule`), with `agreementNumber` and `agreementDate`. */
function instalmentScheduleOf(v: Record<string, any>): InstalmentScheduleData {
  const s = v.paymentSchedule;
  if (!s || typeof s !== 'object' || !Array.isArray(s.instalments)) throw new Error('the process has no variable "paymentSchedule" (run privatization.paymentTerms first)');
  if (typeof v.agreementNumber !== 'string' || typeof v.agreementDate !== 'string') throw new Error('the process has no variables "agreementNumber" and "agreementDate" (the privatization agreement)');
  return { agreementNumber: v.agreementNumber, agreementDate: v.agreementDate, priceTiyn: s.priceTiyn, downPaymentTiyn: s.downPaymentTiyn, downPaymentDue: s.downPaymentDue, restTiyn: s.restTiyn, years: s.years, instalments: s.instalments };
}

const privatizationKinds: readonly DocumentKind[] = ['privatizationAgreement', 'transferDeed', 'privatizationRefusal'];

/** Row 8's documents by the codes of the form pr-completeness. */
const privatizationDocuments: Record<string, { kk: string; ru: string }> = {
  application: { kk: 'Отбасының кәмелетке толған барлық мүшелері қол қойған өтініш', ru: 'Заявление, подписанное всеми совершеннолетними членами семьи' },
  civilStatusCertificates: { kk: 'Неке (оның бұзылуы), отбасы мүшелерінің қайтыс болуы, балалардың тууы туралы куәліктердің көшірмелері', ru: 'Копии свидетельств о заключении (расторжении) брака, смерти членов семьи, рождении детей' },
  tenancyAgreement: { kk: 'Тұрғын үйді жалдау шарты немесе тұрғын үйге ордер', ru: 'Договор найма жилища или ордер на жилище' },
  courtDecisionOnFamily: { kk: 'Басқа адамдарды отбасы мүшелері деп тану туралы сот шешімінің көшірмесі', ru: 'Копия решения суда о признании других лиц членами семьи' },
  sociallyVulnerableProof: { kk: 'Халықтың әлеуметтік осал топтарына жататынын растайтын құжаттың көшірмесі', ru: 'Копия документа, подтверждающего принадлежность к социально уязвимым слоям населения' },
  workplaceCertificate: { kk: 'Жұмыс (қызмет) орнынан анықтаманың көшірмесі', ru: 'Копия справки с места работы (службы)' },
  cosmonautStatus: { kk: 'Ғарышкер мәртебесін растайтын құжаттың көшірмесі', ru: 'Копия документа, подтверждающего статус космонавта' },
  noRentDebt: { kk: 'Тұрғын үйді жалдау шарты бойынша берешектің жоқтығын растайтын құжат', ru: 'Документ, подтверждающий отсутствие задолженности по договору найма жилища' },
  gratuitousRightProof: { kk: 'Тұрғын үйді тегін алу құқығы бар азаматтар санатына жататынын растайтын құжаттың көшірмесі', ru: 'Копия документа, подтверждающего принадлежность к категории граждан, имеющих право на безвозмездное получение жилища' },
};

const relationships: Record<string, string> = { spouse: 'жұбайы / супруг(а)', son: 'ұлы / сын', daughter: 'қызы / дочь', parent: 'ата-анасы / родитель', sibling: 'бауыры / брат (сестра)', other: 'отбасы мүшесі / член семьи' };

/**
 * Seed 002's documents read the application (`address`, `tenancyAgreementNumber`, `tenancyAgreementDate`,
 * `privatizationMethod`, `gratuitousGround`, `residualValue`, `downPayment`, `instalmentYears`),
 * `paymentDueDate`, `decisionNumber` (the commission's), `agreementNumber` + `agreementDate`, the
 * deed's forms (`deedNumber`, `deedDate`, `transferringParty`, `receivingParty`, `deedApprovedBy`,
 * `titleRegisteredOn`, `dwelling` (gateway.dwelling), `petitionNumber`, `petitionDate`, `statePropertyDecisionNumber`,
 * `statePropertyDecisionDate`, `sectorBody`) and, for a refusal, `refusalKind` with
 * `missingDocuments`/`expiredDocuments`, `privatizationGrounds` + `refusalReasoning`,
 * `commissionVotes` (the reasons against) or `familyConsentRefusal`.
 */
function privatizationOf(kind: DocumentKind, v: Record<string, any>): PrivatizationData {
  const money = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? toTiyn(value) : undefined);
  const method = v.privatizationMethod === 'gratuitous' || v.privatizationMethod === 'instalments' ? v.privatizationMethod : 'redemption';
  const codes = (value: unknown) => (Array.isArray(value) ? value.map((c) => privatizationDocuments[String(c)] ?? { kk: String(c), ru: String(c) }) : []);
  const refusalKind = v.refusalKind;
  const refusal =
    kind !== 'privatizationRefusal'
      ? undefined
      : refusalKind === 'incomplete'
        ? { kind: refusalKind, missing: codes(v.missingDocuments), expired: codes(v.expiredDocuments), grounds: [] }
        : refusalKind === 'consent'
          ? { kind: refusalKind, missing: [], expired: [], grounds: [], consent: { name: String(v.familyConsentRefusal?.name ?? '—'), relationship: relationships[String(v.familyConsentRefusal?.relationship)] ?? String(v.familyConsentRefusal?.relationship ?? '—'), reason: String(v.familyConsentRefusal?.reason ?? '—') } }
          : refusalKind === 'hearing'
            ? { kind: refusalKind, missing: [], expired: [], grounds: Array.isArray(v.privatizationGrounds) ? v.privatizationGrounds.map((g: Record<string, unknown>) => ({ kk: String(g.kk ?? ''), ru: String(g.ru ?? '') })) : [], reasoning: text(v.refusalReasoning) }
            : refusalKind === 'commission'
              ? { kind: refusalKind, missing: [], expired: [], grounds: (Array.isArray(v.commissionVotes) ? (v.commissionVotes as Record<string, unknown>[]) : []).filter((x) => x.vote === 'against').map((x) => ({ kk: `${String(x.name ?? x.member)}: ${String(x.reason ?? '')}`, ru: `${String(x.name ?? x.member)}: ${String(x.reason ?? '')}` })), reasoning: `Тұрғын үй комиссиясының № ${String(v.decisionNumber ?? '—')} шешімі / Решение жилищной комиссии № ${String(v.decisionNumber ?? '—')}` }
              : (() => {
                  throw new Error(`refusalKind "${String(refusalKind)}" is not incomplete, hearing, commission or consent`);
                })();
  return {
    address: String(v.address ?? '—'),
    tenancy: { number: String(v.tenancyAgreementNumber ?? '—'), date: String(v.tenancyAgreementDate ?? '') },
    method,
    gratuitousGround: text(v.gratuitousGround),
    ...(v.paymentExemption && typeof v.paymentExemption === 'object' ? { paymentExemption: { subparagraph: Number(v.paymentExemption.subparagraph), document: { kind: String(v.paymentExemption.document?.kind ?? '—'), number: String(v.paymentExemption.document?.number ?? '—'), date: String(v.paymentExemption.document?.date ?? '') } } } : {}),
    priceTiyn: money(v.residualValue),
    downPaymentTiyn: money(v.downPayment),
    years: typeof v.instalmentYears === 'number' ? v.instalmentYears : undefined,
    paymentDueDate: text(v.paymentDueDate) ?? null,
    commissionDecisionNumber: text(v.decisionNumber),
    agreement: kind === 'privatizationAgreement' ? { number: String(v.agreementNumber ?? ''), date: String(v.agreementDate ?? '') } : undefined,
    dwelling:
      v.dwelling && typeof v.dwelling === 'object' && v.dwelling.technical
        ? { cadastral: String(v.dwelling.cadastral), totalArea: Number(v.dwelling.technical.totalArea), livingArea: Number(v.dwelling.technical.livingArea), rooms: Number(v.dwelling.technical.rooms), encumbrances: Array.isArray(v.dwelling.encumbrances) ? v.dwelling.encumbrances.map((e: Record<string, unknown>) => `${String(e.kind)} (${String(e.by ?? '')}, ${String(e.registeredOn ?? '')})`) : [] }
        : undefined,
    deed:
      kind === 'transferDeed'
        ? {
            number: String(v.deedNumber ?? '—'),
            date: String(v.deedDate ?? ''),
            transferringParty: String(v.transferringParty ?? '—'),
            receivingParty: String(v.receivingParty ?? '—'),
            approvedBy: String(v.deedApprovedBy ?? '—'),
            titleRegisteredOn: String(v.titleRegisteredOn ?? ''),
            petition: { number: String(v.petitionNumber ?? '—'), date: String(v.petitionDate ?? '') },
            statePropertyDecision: { number: String(v.statePropertyDecisionNumber ?? '—'), date: String(v.statePropertyDecisionDate ?? ''), sectorBody: String(v.sectorBody ?? '—') },
          }
        : undefined,
    refusal,
  };
}

/**
 * Seed 002 Appendices 1–2: who of the adult family members consented, each with the date of their
 * EDS answer — `familyConsents` (processes/family-consent.bpmn), each member's date the last
 * `FamilyConsent-<iin>` message the called consent case received; an empty list when the family has
 * no other adult member (the called case asked nobody).
 */
async function familyConsentsOf(store: Store, input: ServiceInput): Promise<{ name: string; relationship: string; at: string | null }[]> {
  const consents = Array.isArray(input.variables.familyConsents) ? (input.variables.familyConsents as Record<string, unknown>[]).filter((c) => c.consent === true) : [];
  if (!consents.length) return [];
  const answered = new Map<string, string>();
  for (const called of await store.instances.calledBy(input.instanceId)) {
    if (called.definitionKey !== 'family-consent') continue;
    for (const event of await store.history.byInstance(called.id)) {
      const name = event.type === 'message.correlated' ? String(event.data?.name ?? '') : '';
      if (name.startsWith('FamilyConsent-')) answered.set(name.slice('FamilyConsent-'.length), event.at);
    }
  }
  return consents.map((c) => ({ name: String(c.name ?? '—'), relationship: relationships[String(c.relationship)] ?? String(c.relationship ?? '—'), at: answered.get(String(c.iin)) ?? null }));
}

const queueKinds: readonly DocumentKind[] = ['nonComplianceNotice', 'refusalToConsider', 'queueNotification', 'queueRefusal'];

/**
 * Seed 001's documents read `missingDocuments` (codes of row 8), `fixDue` and `noticeReceivedAt`
 * (the fix window), `queueNumber`, `queueList`, `addresses.current.locality` and
 * `queueRegisteredAt` (the registration), `refusalGrounds` (the decision's result list) and
 * `refusalReasoning` (the hearing's).
 */
function housingQueueOf(v: Record<string, any>) {
  const list = queueLists[String(v.queueList)] ?? { kk: String(v.queueList ?? '—'), ru: String(v.queueList ?? '—') };
  const registeredAt = text(v.queueRegisteredAt);
  return {
    missing: Array.isArray(v.missingDocuments) ? v.missingDocuments.map((c: unknown) => queueDocument(String(c))) : undefined,
    fixDueText: text(v.fixDue?.text),
    noticeDate: text(v.noticeReceivedAt) ? formatLocal(new Date(v.noticeReceivedAt)).slice(0, 10) : undefined,
    queue: v.queueNumber !== undefined && v.queueNumber !== null ? { number: Number(v.queueNumber), list, locality: String(v.addresses?.current?.locality ?? v.locality ?? '—'), localityName: localityNameOf(v.addresses?.current?.localityName), registeredOn: registeredAt ? formatLocal(new Date(registeredAt)).slice(0, 10) : '' } : undefined,
    grounds: Array.isArray(v.refusalGrounds) ? (v.refusalGrounds as Record<string, unknown>[]).map((g) => ({ paragraph: String(g.paragraph ?? ''), ground: Number(g.ground ?? 2), kk: String(g.kk ?? ''), ru: String(g.ru ?? '') })) : undefined,
    reasoning: text(v.refusalReasoning),
  };
}

/** The register's full name of a locality ({ kk: "Алматы қаласы", ru: "город Алматы" }), when it gave one. */
function localityNameOf(value: unknown): { kk: string; ru: string } | undefined {
  const v = value as { kk?: unknown; ru?: unknown } | null | undefined;
  return v && typeof v.kk === 'string' && typeof v.ru === 'string' && v.kk && v.ru ? { kk: v.kk, ru: v.ru } : undefined;
}

/** The applicant's registered address as a bilingual document prints it: Kazakh / Russian when the register gives both. */
function addressText(current: { address?: unknown; addressKk?: unknown } | null | undefined): string | undefined {
  const ru = text(current?.address);
  const kk = text(current?.addressKk);
  return kk && ru ? `${kk} / ${ru}` : ru;
}

/** The denial's grounds: the entries of `denialGrounds`, the decision's result list (rule, paragraph, kk, ru). */
function housingCenterDenialOf(v: Record<string, any>) {
  const grounds = Array.isArray(v.denialGrounds) ? (v.denialGrounds as Record<string, unknown>[]) : [];
  return {
    grounds: grounds.map((g) => ({ rule: String(g.rule ?? ''), paragraph: String(g.paragraph ?? ''), kk: String(g.kk ?? ''), ru: String(g.ru ?? '') })),
    reasoning: text(v.refusalReasoning) ?? '',
  };
}
