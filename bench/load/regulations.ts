/**
 * What the synthetic population files and what the clerks enter, per deployed regulation: the
 * happy paths of test/scenarios/*.test.ts, on the gateway simulator's citizens of each
 * (src/gateway/simulator/citizens.ts). A citizen files as often as the population needs: the
 * registers answer the same every time, and nothing in these regulations refuses a second case.
 */

/** What a filing or a task script may depend on: the manual clock's day in Almaty and a serial number. */
export interface Moment {
  /** yyyy-MM-dd in Almaty (UTC+5). */
  date: string;
  serial: number;
}

/** One kind of application of the population. */
export interface Filing {
  /** The definition key it starts. */
  key: string;
  /** A short label for the report. */
  label: string;
  variables(at: Moment): Record<string, unknown>;
  /** Needs a family already on the waiting list (the update of its data). */
  needsQueueEntry?: boolean;
}

const office = { department: '3', branch: 'Алматы қаласы бойынша филиалы / филиал по городу Алматы', address: 'Алматы, Абай даңғылы 10' };
const allDocumentsPresent = { identityDocument: 'present', familyIncome: 'present', employmentCertificate: 'present', alimony: 'notRequired', bankAccount: 'present', maintenanceInvoice: 'present', utilityBills: 'present', telecomBill: 'present', rentInvoice: 'notRequired' };

/** Appendix 1 of seed 000 (test/support/cases.ts `application`), dated the day it is filed. */
const housingAssistanceApplication = (date: string) => ({
  addresseeDepartment: 'Алматы қаласы Алмалы ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  housingTenure: 'owner',
  ownershipDocument: 'KZ-AL-2011-004512',
  familySize: 2,
  familyMembers: [{ fullName: 'Ахметова Гүлнара Серікқызы', birthDate: '1986-02-11', relationship: 'spouse', socialStatus: 'employed' }],
  bankAccount: 'KZ86125KZT5004100100',
  bankName: 'Halyk Bank',
  applicationDate: date,
  consent: true,
  personalDataConsent: true,
});

/** Seed 001 Appendix 1, as test/scenarios/housing-queue.test.ts files it for a large family. */
const queueApplication = (iin: string) => ({
  iin,
  certificateSerial: `EDS-${iin}`,
  rooms: 4,
  queueList: 'sociallyVulnerable',
  category: 'large family',
  familyMembers: [],
  acceptsNonMatchingHousing: false,
  housingConditions: [],
  attachedDocuments: [],
  mobilePhone: '+7 701 555 0101',
  housingCheckConsent: true,
  secretDataConsent: true,
});

/** The family the waiting-list filings register, and whose data the updates change. */
export const queueFamily = '850214410915';

const centerApplication = (iin: string) => ({ iin, certificateSerial: `EDS-${iin}`, housingStock: 'general', emergencyHousing: false, housingCheckConsent: true, personalDataConsent: true, publicationConsent: true, noCategoryConsent: true });

/** The communal-stock tenant of test/scenarios/privatization.test.ts (variant 1, redemption at the residual value). */
export const privatizer = { iin: '600308412595', residualValue: 12_500_000 };

/** Every regulation served (processes/), each with its happy path; the rotation files them in this order. */
export const filings: readonly Filing[] = [
  { key: 'housing-assistance', label: 'HA portal', variables: (at) => ({ iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075', ...housingAssistanceApplication(at.date) }) },
  { key: 'housing-assistance', label: 'HA State Corporation', variables: (at) => ({ iin: '510203410142', channel: 'stateCorporation', ...housingAssistanceApplication(at.date) }) },
  { key: 'housing-assistance-almaty', label: 'HA Almaty portal', variables: (at) => ({ iin: '840512310075', channel: 'portal', authenticated: true, certificateSerial: 'EDS-840512310075', ...housingAssistanceApplication(at.date) }) },
  { key: 'housing-queue-registration', label: 'waiting list', variables: () => queueApplication(queueFamily) },
  { key: 'housing-center-registration', label: 'HPC at once', variables: () => centerApplication('950606311542') },
  { key: 'housing-center-registration', label: 'HPC emergency home', variables: () => ({ ...centerApplication('810808411618'), emergencyHousing: true, technicalReport: 'ТЗ № 17-04/2024 от 12.02.2024, эксперт Сейтказин А.' }) },
  {
    key: 'privatization',
    label: 'privatization',
    variables: () => ({ iin: privatizer.iin, channel: 'portal', certificateSerial: `EDS-${privatizer.iin}`, provider: 'default', address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер', tenancyAgreementNumber: 'KZh-2004/55', tenancyAgreementDate: '2004-05-20', privatizationMethod: 'redemption', residualValue: privatizer.residualValue }),
  },
  {
    key: 'waiting-list-update',
    label: 'waiting-list update',
    needsQueueEntry: true,
    variables: (at) => ({ iin: queueFamily, reason: 'A child was born', supportingDocument: `Birth certificate No. ${String(at.serial).padStart(7, '0')}`, grounds: 'change', groundsOn: at.date, housingCheckConsent: true, secretDataConsent: true, personalDataConsent: true }),
  },
];

/** The person the heads name as responsible (an executor account the bench creates). */
export const responsible = 'nurlan';
/** The Almaly district's housing commission (test/scenarios/privatization.test.ts); the first is the chair. */
export const commissionMembers = ['zhanar', 'bolat', 'gulnar'] as const;

const signed = { signedBy: 'Жұмабаева Гүлмира Әбілқызы', signature: true };
const assign = { decision: 'assign', assistanceAmount: 8450, assistanceFrom: '2026-04-01', assistanceMonths: 6, amountBasis: { monthlyHousingCosts: 18_450, familyMonthlyIncome: 100_000, allowedSharePercent: 10 } };

/**
 * What a clerk enters in a task, by definition key and element: the scenario tests' happy-path
 * submissions. A task not listed (a reminder a late step raised) is completed with no variables.
 */
export const taskScripts: Record<string, Record<string, (at: Moment) => Record<string, unknown>>> = {
  'housing-assistance': {
    reviewCompleteness: () => ({ packageComplete: true }),
    checkCompleteness: () => ({ checklist: { ...allDocumentsPresent, telecomBill: 'notRequired' }, employeeName: 'Серікова Әсел Қайратқызы', office }),
    verifyInformation: () => assign,
    signDecision: () => signed,
    handOverAtStateCorporation: () => ({ recipient: 'applicant', presentedDocumentNumber: '020341014', identityChecked: true, handOverOffice: office, employeeName: 'Серікова Әсел Қайратқызы' }),
  },
  'housing-assistance-almaty': {
    condition3CheckDocuments: () => ({ packageComplete: true }),
    action1Register: () => ({}),
    action2Resolution: () => ({ responsibleSpecialist: responsible, resolutionNote: 'На исполнение.' }),
    action3ToCommission: () => ({}),
    action4CommissionDecision: () => ({ ...assign, assistanceAmount: 9120, amountBasis: { ...assign.amountBasis, monthlyHousingCosts: 19_120 } }),
    action5PrepareNotice: () => ({ signedBy: 'Омарова Динара Қанатқызы', signature: true }),
  },
  'housing-queue-registration': {
    forwardToEmployee: () => ({ responsibleEmployee: responsible }),
    checkCompleteness: () => ({ missingDocuments: [] }),
    verifyData: () => ({ documentsReliable: true, incomeWithinLimit: true }), // no income limit is set: the employee finds on it
  },
  'housing-center-registration': {
    checkTechnicalReport: () => ({ technicalReportReliable: true }),
  },
  privatization: {
    checkDocuments: () => ({ missingDocuments: [], expiredDocuments: [] }),
    concludeAgreement: (at) => ({ agreementNumber: agreementNumber(at.serial), agreementDate: at.date }),
  },
  'commission-vote': {
    castVote: () => ({ vote: 'for' }),
    registerDecision: (at) => ({ decisionNumber: `${at.serial}/2026`, signedBy: 'Серік Жұмабаев', signature: true }),
  },
  'waiting-list-update': {
    recordUpdate: () => ({ changesRecorded: 'Family: a son was born', documentsChecked: true }),
  },
};

/** pr-agreement's pattern: letters, the year, six digits. */
export const agreementNumber = (serial: number) => `PRV-2026-${String(serial).padStart(6, '0')}`;

/** The clerks: the demo accounts of each group (test/support/cases.ts roleOfGroup) and the people tasks are assigned to by name. */
export const groupClerks: readonly { username: string; groups: readonly string[] }[] = [
  { username: 'operator', groups: ['stateCorporation'] },
  { username: 'executor', groups: ['executors', 'specialists'] },
  { username: 'head', groups: ['heads'] },
  { username: 'commission', groups: ['commission'] },
];
