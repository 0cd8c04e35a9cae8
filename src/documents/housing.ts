import type { ListedDocument } from './templates.js';

/** The documents of seed 000 para 6 (seed 004: Standard para 9), by the codes the forms use; documents list them by name in both languages. */
export const housingDocuments: Readonly<Record<string, { kk: string; ru: string; en: string }>> = {
  identityDocument: { kk: 'Жеке басын куәландыратын құжат', ru: 'Документ, удостоверяющий личность', en: 'Identity document' },
  familyIncome: { kk: 'Отбасы табысын растайтын құжаттар', ru: 'Документы, подтверждающие доходы семьи', en: 'Family income documents' },
  employmentCertificate: { kk: 'Жұмыс орнынан анықтама немесе жұмыссыз ретінде тіркелгені туралы анықтама', ru: 'Справка с места работы либо о регистрации в качестве безработного', en: 'Employment certificate or unemployed registration' },
  alimony: { kk: 'Балаларға және басқа асырауындағы адамдарға алименттер туралы мәліметтер', ru: 'Сведения об алиментах на детей и других иждивенцев', en: 'Alimony information' },
  bankAccount: { kk: 'Банк шоты', ru: 'Банковский счет', en: 'Bank account' },
  maintenanceInvoice: { kk: 'Тұрғын үйді күтіп ұстауға арналған ай сайынғы жарналар мөлшері туралы шот', ru: 'Счет о размере ежемесячных взносов на содержание жилого дома', en: 'Housing maintenance invoice' },
  utilityBills: { kk: 'Коммуналдық қызметтерді тұтынуға арналған шоттар', ru: 'Счета на потребление коммунальных услуг', en: 'Utility bills' },
  telecomBill: { kk: 'Телекоммуникация қызметтері үшін түбіртек-шот немесе шарт', ru: 'Квитанция-счет за услуги телекоммуникаций или договор', en: 'Telecom bill or contract' },
  rentInvoice: { kk: 'Жергілікті атқарушы орган жалға алған тұрғын үйдің жалдау ақысы туралы шот', ru: 'Счет о размере арендной платы за жилище, арендованное местным исполнительным органом', en: 'Rent invoice (housing rented by the local executive body)' },
};

/** A document code as the citizen's document names it; an unknown code is kept as written rather than dropped. */
export function listed(code: string, expired = false): ListedDocument {
  const names = housingDocuments[code];
  return { kk: names?.kk ?? code, ru: names?.ru ?? code, ...(expired ? { expired } : {}) };
}

/** The completeness checklist's entries in a given state, in the checklist's order. */
export function fromChecklist(checklist: Record<string, unknown>, states: readonly string[]): ListedDocument[] {
  return Object.entries(checklist)
    .filter(([, status]) => states.includes(String(status)))
    .map(([code, status]) => listed(code, status === 'expired'));
}
