/** The documents of seed 000 para 6, by the codes the forms use; receipts list them by name. */
export const housingDocuments: Readonly<Record<string, { kk: string; ru: string; en: string }>> = {
  identityDocument: { kk: 'Жеке басын куәландыратын құжат', ru: 'Документ, удостоверяющий личность', en: 'Identity document' },
  familyIncome: { kk: 'Отбасы табысын растайтын құжаттар', ru: 'Документы, подтверждающие доходы семьи', en: 'Family income documents' },
  employmentCertificate: { kk: 'Жұмыс орнынан анықтама немесе жұмыссыз ретінде тіркелгені туралы анықтама', ru: 'Справка с места работы либо о регистрации в качестве безработного', en: 'Employment certificate or unemployed registration' },
  alimony: { kk: 'Алимент туралы мәліметтер', ru: 'Сведения об алиментах на детей и других иждивенцев', en: 'Alimony information' },
  bankAccount: { kk: 'Банк шоты', ru: 'Банковский счет', en: 'Bank account' },
  maintenanceInvoice: { kk: 'Тұрғын үйді күтіп ұстауға арналған шот', ru: 'Счет о размере ежемесячных взносов на содержание жилого дома', en: 'Housing maintenance invoice' },
  utilityBills: { kk: 'Коммуналдық қызметтер шоттары', ru: 'Счета на потребление коммунальных услуг', en: 'Utility bills' },
  telecomBill: { kk: 'Телекоммуникация қызметтерінің түбіртегі немесе шарты', ru: 'Квитанция-счет за услуги телекоммуникаций или договор', en: 'Telecom bill or contract' },
  rentInvoice: { kk: 'Жалдау ақысы туралы шот (жергілікті атқарушы орган жалға алған тұрғын үй)', ru: 'Счет о размере арендной платы за жилище, арендованное местным исполнительным органом', en: 'Rent invoice (housing rented by the local executive body)' },
};
