import { hearingActs } from './acts.js';
import { dateText } from './format.js';

/**
 * The instalment schedule of a privatization agreement (seed 002 Appendix 2: instalments up to ten
 * years, in equal amounts, the initial contribution at least 30 %; para 8: paid within 30 calendar
 * days of the agreement), in Kazakh and Russian, naming the act by number and date. Amounts come
 * in tiyn and are printed in tenge; every line of src/instalments' schedule is a row.
 */
export interface InstalmentScheduleData {
  agreementNumber: string;
  /** YYYY-MM-DD. */
  agreementDate: string;
  priceTiyn: number;
  downPaymentTiyn: number;
  downPaymentDue: string;
  restTiyn: number;
  years: number;
  instalments: { number: number; due: string; amountTiyn: number; remainingTiyn: number }[];
}

/** 374400050 → "3 744 000,50". */
function money(tiyn: number): string {
  const grouped = String(Math.floor(tiyn / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return tiyn % 100 ? `${grouped},${String(tiyn % 100).padStart(2, '0')}` : grouped;
}

export function instalmentScheduleContent(d: InstalmentScheduleData): unknown[] {
  const act = hearingActs.privatization;
  const months = d.instalments.length;
  const cell = (text: string, bold = false) => ({ text, bold, fontSize: 8 });
  return [
    { text: 'Тұрғын үйді жекешелендіру кезінде бөліп төлеу кестесі', style: 'title' },
    { text: 'График платежей в рассрочку при приватизации жилища', style: 'title', margin: [0, 0, 0, 12] },
    {
      text: `${act.title.kk}, 2-қосымшаға және 8-тармаққа сәйкес, ${dateText(d.agreementDate)} № ${d.agreementNumber} жекешелендіру шарты бойынша.`,
      margin: [0, 0, 0, 3],
    },
    { text: `В соответствии с приложением 2 и пунктом 8 ${act.ruGenitive}, по договору приватизации № ${d.agreementNumber} от ${dateText(d.agreementDate)}.`, margin: [0, 0, 0, 8] },
    { text: `Тұрғын үйдің қалдық құны / Остаточная стоимость жилища: ${money(d.priceTiyn)} теңге / тенге`, margin: [0, 0, 0, 2] },
    { text: `Бастапқы жарна / Первоначальный взнос: ${money(d.downPaymentTiyn)} теңге / тенге — ${dateText(d.downPaymentDue)} дейін / до ${dateText(d.downPaymentDue)}`, margin: [0, 0, 0, 2] },
    { text: `Бөліп төленетін қалдық / Остаток в рассрочку: ${money(d.restTiyn)} теңге / тенге, ${d.years} жыл / лет, ${months} ай сайынғы төлем / ежемесячных платежей`, margin: [0, 0, 0, 8] },
    {
      table: {
        headerRows: 1,
        widths: [30, 90, '*', '*'],
        body: [
          [cell('№', true), cell('Төлеу мерзімі / Срок оплаты', true), cell('Сомасы, теңге / Сумма, тенге', true), cell('Қалдық, теңге / Остаток, тенге', true)],
          ...d.instalments.map((i) => [cell(String(i.number)), cell(dateText(i.due)), cell(money(i.amountTiyn)), cell(money(i.remainingTiyn))]),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 8],
    },
    { text: `Барлығы / Итого: ${money(d.downPaymentTiyn + d.instalments.reduce((sum, i) => sum + i.amountTiyn, 0))} теңге / тенге`, bold: true, margin: [0, 0, 0, 8] },
    {
      text: 'Төлем мерзімі демалыс немесе мереке күніне түссе, келесі жұмыс күні төленеді. Төлемдер жергілікті бюджетке түседі.',
      margin: [0, 0, 0, 3],
    },
    { text: 'Если срок оплаты приходится на выходной или праздничный день, платеж вносится в следующий рабочий день. Платежи поступают в местный бюджет.', margin: [0, 0, 0, 8] },
  ];
}
