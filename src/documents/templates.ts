/**
 * The documents the regulations produce, as pdfmake definitions. Headings in Kazakh and Russian,
 * the state languages; each cites its source in the seed texts.
 */
export type DocumentKind = 'refusalReceipt' | 'assignmentNotice' | 'reasonedRefusal';

export interface DocumentData {
  caseNumber: string;
  /** YYYY-MM-DD, Almaty date of issue. */
  date: string;
  applicant: { name: string; iin: string; address?: string };
  provider: string;
  /** refusalReceipt: documents missing or expired (seed 000 Appendix 3). */
  missingDocuments?: string[];
  /** reasonedRefusal: the ground of seed 000 para 12 (1–4) and the clerk's reasoning. */
  refusal?: { ground: number; reason: string };
  /** assignmentNotice. */
  assignment?: { monthlyAmount: number; from: string; months: number };
  signedBy?: string;
}

export const refusalGrounds: Record<number, string> = {
  0: 'представлен неполный пакет документов, предусмотренных пунктом 6 Правил (подпункт 2) пункта 9 Правил): отказ в дальнейшем рассмотрении заявления',
  1: 'установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них',
  2: 'несоответствие услугополучателя и (или) представленных материалов, объектов, данных и сведений, необходимых для оказания государственной услуги, требованиям Правил',
  3: 'в отношении услугополучателя имеется вступившее в законную силу решение (приговор) суда о запрещении деятельности или отдельных видов деятельности, требующих получения определенной государственной услуги',
  4: 'в отношении услугополучателя имеется вступившее в законную силу решение суда, на основании которого услугополучатель лишен специального права, связанного с получением государственной услуги',
};

const header = (d: DocumentData) => ({
  columns: [
    { text: d.provider, width: '*' },
    { text: [`${d.applicant.name}\n`, `ЖСН/ИИН ${d.applicant.iin}\n`, d.applicant.address ?? ''], width: 200, alignment: 'right' },
  ],
  margin: [0, 0, 0, 18],
});

const footer = (d: DocumentData) => [
  { text: `Іс / Дело № ${d.caseNumber}    ${d.date}`, margin: [0, 18, 0, 4] },
  { text: d.signedBy ? `Подписано ЭЦП: ${d.signedBy}` : 'Подпись ____________________', margin: [0, 4, 0, 0] },
];

/** Every document: the provider and the applicant, the title in Kazakh and Russian, the body, the case and signature. */
function page(d: DocumentData, info: string, [kk, ru]: [string, string], body: unknown[]): Record<string, unknown> {
  return {
    info: { title: `${info}, case ${d.caseNumber}` },
    styles: { title: { fontSize: 13, bold: true, alignment: 'center' } },
    content: [header(d), { text: kk, style: 'title' }, { text: ru, style: 'title', margin: [0, 0, 0, 12] }, ...body, ...footer(d)],
  };
}

export function documentDefinition(kind: DocumentKind, d: DocumentData): Record<string, unknown> {
  switch (kind) {
    case 'refusalReceipt':
      return page(d, 'Receipt of refusal to accept documents', ['Құжаттарды қабылдаудан бас тарту туралы қолхат', 'Расписка об отказе в приеме документов'], [
        {
          text: 'Руководствуясь пунктом 2 статьи 20 Закона Республики Казахстан от 15 апреля 2013 года «О государственных услугах», отказываем в приеме документов на оказание государственной услуги «Назначение жилищной помощи» ввиду представления Вами неполного пакета документов согласно перечню, предусмотренному Правилами, и (или) документов с истекшим сроком действия, а именно:',
          margin: [0, 0, 0, 8],
        },
        { text: 'Наименование отсутствующих документов и (или) документов с истекшим сроком действия:', bold: true },
        { ol: d.missingDocuments?.length ? d.missingDocuments : ['—'], margin: [12, 4, 0, 8] },
        'Настоящая расписка составлена в двух экземплярах, по одному для каждой стороны. (Приложение 3 к Правилам, seed 000.)',
      ]);
    case 'assignmentNotice':
      return page(d, 'Notice of assignment of housing assistance', ['Тұрғын үй көмегін тағайындау туралы хабарлама', 'Уведомление о назначении жилищной помощи'], [
        {
          text: `Вам назначена жилищная помощь в размере ${d.assignment?.monthlyAmount ?? '—'} тенге в месяц на ${d.assignment?.months ?? '—'} месяцев с ${d.assignment?.from ?? '—'}.`,
          margin: [0, 0, 0, 8],
        },
        'Жилищная помощь перечисляется на банковский счет, указанный в заявлении. (Правила, пункт 9, seed 000.)',
      ]);
    case 'reasonedRefusal': {
      const ground = d.refusal?.ground ?? 0;
      return page(d, 'Reasoned refusal', ['Мемлекеттік қызмет көрсетуден дәлелді бас тарту', 'Мотивированный отказ в оказании государственной услуги'], [
        { text: ground ? 'Отказано в оказании государственной услуги «Назначение жилищной помощи» по основанию, предусмотренному пунктом 12 Правил:' : 'Отказано в дальнейшем рассмотрении заявления на оказание государственной услуги «Назначение жилищной помощи»:', margin: [0, 0, 0, 6] },
        { text: `${ground ? `${ground}) ` : ''}${refusalGrounds[ground] ?? 'основание не указано'}.`, margin: [12, 0, 0, 8] },
        { text: 'Обоснование:', bold: true },
        { text: d.refusal?.reason ?? '—', margin: [0, 2, 0, 8] },
        'Решение может быть обжаловано в порядке, установленном законодательством Республики Казахстан.',
      ]);
    }
  }
}
