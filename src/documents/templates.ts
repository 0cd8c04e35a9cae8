import { acts, publicServicesLaw, standard319, type Bilingual, type Regulation } from './acts.js';
import { housingCenterDenialContent, type HousingCenterDenialData } from './housingCenterDenial.js';
import { amountText, dateText, dateTimeText, monthsRu, tenge } from './format.js';
import { hearingNoticeContent, type HearingNoticeData } from './hearingNotice.js';
import { commissionDecisionContent, type CommissionDecisionData } from './commissionDecision.js';
import { instalmentScheduleContent, type InstalmentScheduleData } from './instalmentSchedule.js';
import { privatizationAgreementContent, privatizationRefusalContent, transferDeedContent, type PrivatizationData } from './privatization.js';
import { nonComplianceNoticeContent, queueNotificationContent, queueRefusalContent, refusalToConsiderContent, type HousingQueueData } from './housingQueue.js';

/**
 * The documents the regulations produce, as pdfmake definitions. Every text is given in full in
 * Kazakh and then in Russian, the state languages; each document names the act it rests on by
 * number and date, and the paragraph.
 */
export type DocumentKind = 'refusalReceipt' | 'assignmentNotice' | 'reasonedRefusal' | 'acceptanceReceipt' | 'hearingNotice' | 'housingCenterDenial' | 'housingCommissionDecision' | 'instalmentSchedule' | 'nonComplianceNotice' | 'refusalToConsider' | 'queueNotification' | 'queueRefusal' | 'privatizationAgreement' | 'transferDeed' | 'privatizationRefusal';

/** A document of the package, named in both languages; `expired` when presented but out of date. */
export interface ListedDocument extends Bilingual {
  expired?: boolean;
}

export interface StateCorporationOffice {
  department?: string;
  branch?: string;
  address?: string;
  employeeName?: string;
  executorName?: string;
  executorPhone?: string;
}

export interface DocumentData {
  caseNumber: string;
  /** YYYY-MM-DD, Almaty date of issue. */
  date: string;
  /** The act the case runs under: it decides every citation. */
  regulation: Regulation;
  applicant: { name: string; iin: string; address?: string };
  provider: Bilingual;
  /** refusalReceipt: missing or expired (from the checklist); reasonedRefusal: missing; acceptanceReceipt: accepted. */
  documents?: ListedDocument[];
  /** reasonedRefusal: ground 0 is an incomplete package; 1–4 the grounds of the national Rules para 12. */
  refusal?: { ground: number; reason: string };
  assignment?: { monthlyAmount: number; from: string; months: number; basis?: { monthlyHousingCosts: number; familyMonthlyIncome: number; allowedSharePercent: number } };
  signedBy?: string;
  /** refusalReceipt, acceptanceReceipt: who issues them (seed 000 para 7 and Appendix 3). */
  stateCorporation?: StateCorporationOffice;
  /** acceptanceReceipt: ISO instants. */
  acceptance?: { acceptedAt: string; resultReadyAt: string | null };
  /** hearingNotice: the preliminary decision and the hearing; its act replaces `regulation` in every citation. */
  hearing?: HearingNoticeData;
  /** housingCenterDenial: the grounds the decision table matched and the hearing's reasoning (seed 003 paras 15–17). */
  housingCenterDenial?: HousingCenterDenialData;
  /** housingCommissionDecision: the vote and its outcome (seed 002 paras 7 and 9(1)). */
  commission?: CommissionDecisionData;
  /** instalmentSchedule: the agreement and its schedule (seed 002 Appendix 2, para 8). */
  instalments?: InstalmentScheduleData;
  /** The waiting list's documents (seed 001 paras 10–13): missing documents, the fix window, the queue number, the grounds. */
  housingQueue?: HousingQueueData;
  /** The privatization's agreement, transfer deed and refusal (seed 002 paras 6–10). */
  privatization?: PrivatizationData;
}

/** The grounds of refusal (seed 000 para 12), in both languages. */
export const refusalGrounds: Record<number, Bilingual> = {
  1: {
    kk: 'көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алу үшін ұсынған құжаттарының және (немесе) олардағы деректердің (мәліметтердің) анық еместігінің анықталуы',
    ru: 'установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них',
  },
  2: {
    kk: 'көрсетілетін қызметті алушының және (немесе) мемлекеттік қызмет көрсету үшін қажетті ұсынылған материалдардың, объектілердің, деректер мен мәліметтердің белгіленген талаптарға сәйкес келмеуі',
    ru: 'несоответствие услугополучателя и (или) представленных материалов, объектов, данных и сведений, необходимых для оказания государственной услуги, установленным требованиям',
  },
  3: {
    kk: 'көрсетілетін қызметті алушыға қатысты белгілі бір мемлекеттік көрсетілетін қызметті алуды талап ететін қызметке немесе жекелеген қызмет түрлеріне тыйым салу туралы заңды күшіне енген сот шешімінің (үкімінің) болуы',
    ru: 'в отношении услугополучателя имеется вступившее в законную силу решение (приговор) суда о запрещении деятельности или отдельных видов деятельности, требующих получения определенной государственной услуги',
  },
  4: {
    kk: 'көрсетілетін қызметті алушыға қатысты оның негізінде көрсетілетін қызметті алушы мемлекеттік көрсетілетін қызметті алумен байланысты арнаулы құқығынан айырылған заңды күшіне енген сот шешімінің болуы',
    ru: 'в отношении услугополучателя имеется вступившее в законную силу решение суда, на основании которого услугополучатель лишен специального права, связанного с получением государственной услуги',
  },
};

const SERVICE: Bilingual = { kk: '«Тұрғын үй көмегін тағайындау»', ru: '«Назначение жилищной помощи»' };
const blank = '______________________';

/** Kazakh paragraph, then its Russian text. */
const both = (t: Bilingual, margin: number[] = [0, 0, 0, 8]) => [
  { text: t.kk, margin: [0, 0, 0, 3] },
  { text: t.ru, margin },
];

const labelled = (label: Bilingual, value: string, margin: number[] = [0, 2, 0, 2]) => ({ text: [{ text: `${label.kk} / ${label.ru}: `, bold: true }, value], margin });

/** Numbered in the text itself (not a list marker), so the number stays with its line when the text is read out or copied. */
const numbered = (documents: ListedDocument[] | undefined) =>
  documents?.length
    ? { stack: documents.map((d, i) => ({ text: `${i + 1}. ${d.kk}${d.expired ? ' (қолданылу мерзімі өткен)' : ''} / ${d.ru}${d.expired ? ' (истек срок действия)' : ''};`, margin: [0, 0, 0, 2] })), margin: [12, 2, 0, 8] }
    : { text: '—', margin: [12, 2, 0, 8] };

const recipientBlock = (d: DocumentData) => ({
  stack: [
    { text: d.applicant.name, bold: true },
    { text: '(тегі, аты, әкесінің аты (болған жағдайда) / фамилия, имя, отчество (при его наличии))', fontSize: 7 },
    `ЖСН / ИИН ${d.applicant.iin}`,
    { text: d.applicant.address || blank, margin: [0, 2, 0, 0] },
    { text: '(көрсетілетін қызметті алушының мекенжайы / адрес услугополучателя)', fontSize: 7 },
  ],
  width: 230,
});

const providerHeader = (d: DocumentData) => ({
  columns: [{ stack: [d.provider.kk, d.provider.ru], width: '*' }, recipientBlock(d)],
  columnGap: 16,
  margin: [0, 0, 0, 18],
});

const title = (t: Bilingual) => [
  { text: t.kk, style: 'title' },
  { text: t.ru, style: 'title', margin: [0, 0, 0, 12] },
];

const caseLine = (d: DocumentData) => ({ text: `Іс / Дело № ${d.caseNumber}    ${dateText(d.date)}`, margin: [0, 12, 0, 4] });

/**
 * The case line and the provider's signatory: the head (seed 000 para 9; seed 004 for the process 6
 * refusal), the authorized person (seed 004 para 14) or the responsible employee. Unbreakable, so a
 * signature never stands alone on a page of its own.
 */
function signature(d: DocumentData, role: Bilingual) {
  return {
    unbreakable: true,
    stack: [
      caseLine(d),
      {
        text: [{ text: `${role.kk} / ${role.ru}: `, bold: true }, d.signedBy ? `${d.signedBy} — ЭЦҚ-мен қол қойылды / подписано ЭЦП` : `${blank} (қолы / подпись)`],
        margin: [0, 8, 0, 0],
      },
    ],
  };
}

const HEAD: Bilingual = { kk: 'Көрсетілетін қызметті берушінің басшысы', ru: 'Руководитель услугодателя' };
const EMPLOYEE: Bilingual = { kk: 'Көрсетілетін қызметті берушінің жауапты қызметкері', ru: 'Ответственный работник услугодателя' };
const HEAD_OF_AUTHORIZED_BODY: Bilingual = { kk: 'Уәкілетті органның басшысы', ru: 'Руководитель уполномоченного органа' };
const AUTHORIZED: Bilingual = { kk: 'Көрсетілетін қызметті берушінің уәкілетті тұлғасы', ru: 'Уполномоченное лицо услугодателя' };

function page(info: string, d: DocumentData, content: unknown[]): Record<string, unknown> {
  return {
    info: { title: `${info} № ${d.caseNumber}` },
    styles: { title: { fontSize: 12, bold: true, alignment: 'center' }, form: { fontSize: 8, alignment: 'right' } },
    content,
  };
}

const office = (d: DocumentData) => d.stateCorporation ?? {};

/** Appendix 3 of the national Rules (seed 000 para 7), or Appendix 3 of the Standard under the Almaty regulation (seed 004 para 11). */
function refusalReceiptCopy(d: DocumentData, copy: 1 | 2): unknown[] {
  const o = office(d);
  const act = acts[d.regulation];
  const form: Bilingual =
    d.regulation === 'national'
      ? { kk: `${act.title.kk} 3-қосымша. 7-тармақ`, ru: `Приложение 3 к ${act.ruDative}; пункт 7` }
      : { kk: `${standard319.kk} 3-қосымша; ${act.title.kk}, 11-тармақ`, ru: `Приложение 3 к ${standard319.ruDative}; пункт 11 ${act.ruGenitive}` };
  const list = d.regulation === 'national' ? { kk: 'Қағидаларда', ru: 'Правилами' } : { kk: 'Стандартта', ru: 'Стандартом' };
  const dept = o.department || '____';
  const branch = o.branch || blank;
  const address = o.address || blank;
  return [
    { text: `${copy}-дана / Экземпляр ${copy} (${copy === 1 ? 'көрсетілетін қызметті алушыға / услугополучателю' : 'Мемлекеттік корпорацияға / Государственной корпорации'})`, style: 'form', bold: true },
    { text: form.kk, style: 'form' },
    { text: form.ru, style: 'form', margin: [0, 0, 0, 10] },
    { columns: [{ text: '', width: '*' }, recipientBlock(d)], margin: [0, 0, 0, 14] },
    ...title({ kk: 'Құжаттарды қабылдаудан бас тарту туралы қолхат', ru: 'Расписка об отказе в приеме документов' }),
    ...both({
      kk: `${publicServicesLaw.kkGenitive} 20-бабының 2-тармағын басшылыққа ала отырып, «Азаматтарға арналған үкімет» мемлекеттік корпорациясы» коммерциялық емес акционерлік қоғамы ${branch} № ${dept} бөлімі (${address}) Сіздің ${list.kk} көзделген тізбеге сәйкес құжаттардың толық емес топтамасын және (немесе) қолданылу мерзімі өткен құжаттарды ұсынуыңызға байланысты ${SERVICE.kk} мемлекеттік көрсетілетін қызметті көрсету үшін құжаттарды қабылдаудан бас тартады, атап айтқанда:`,
      ru: `Руководствуясь пунктом 2 статьи 20 ${publicServicesLaw.ruGenitive}, отдел № ${dept} ${branch} некоммерческого акционерного общества «Государственная корпорация «Правительство для граждан» (${address}) отказывает в приеме документов на оказание государственной услуги ${SERVICE.ru} ввиду представления Вами неполного пакета документов согласно перечню, предусмотренному ${list.ru}, и (или) документов с истекшим сроком действия, а именно:`,
    }),
    { text: 'Жоқ құжаттардың және (немесе) қолданылу мерзімі өткен құжаттардың атауы / Наименование отсутствующих документов и (или) документов с истекшим сроком действия:', bold: true },
    numbered(d.documents),
    ...both({ kk: 'Осы қолхат әр тарапқа бір-бірден 2 данада жасалды.', ru: 'Настоящая расписка составлена в 2 экземплярах, по одному для каждой стороны.' }),
    // The signatures stay together, on the page of the copy they sign.
    {
      unbreakable: true,
      stack: [
        { text: [{ text: 'Мемлекеттік корпорацияның қызметкері / Работник Государственной корпорации: ', bold: true }, `${o.employeeName || blank}    ${blank} (қолы / подпись)`], margin: [0, 6, 0, 2] },
        labelled({ kk: 'Орындаушы', ru: 'Исполнитель' }, o.executorName || blank),
        labelled({ kk: 'Телефон', ru: 'Телефон' }, o.executorPhone || blank),
        { text: [{ text: 'Алдым / Получил: ', bold: true }, `${d.applicant.name}    ${blank} (көрсетілетін қызметті алушының қолы / подпись услугополучателя)`], margin: [0, 10, 0, 2] },
        { text: `${dateText(d.date)} ж. / г.`, margin: [0, 2, 0, 2] },
        caseLine(d),
      ],
    },
  ];
}

export function documentDefinition(kind: DocumentKind, d: DocumentData): Record<string, unknown> {
  const act = acts[d.regulation];
  switch (kind) {
    case 'refusalReceipt':
      // Two copies, one for each party (Appendix 3): each on its own page.
      // A copy in two languages is long: a slightly smaller type keeps each on one A4 page.
      return { ...page('Қолхат / Расписка', d, [...refusalReceiptCopy(d, 1), { text: '', pageBreak: 'after' }, ...refusalReceiptCopy(d, 2)]), defaultStyle: { font: 'DejaVu', fontSize: 9, lineHeight: 1.15 } };

    case 'acceptanceReceipt': {
      const o = office(d);
      return page('Қолхат / Расписка', d, [
        { text: `${act.title.kk}, 6-тармақ`, style: 'form' },
        { text: `Пункт 6 ${act.ruGenitive}`, style: 'form', margin: [0, 0, 0, 10] },
        { columns: [{ stack: ['«Азаматтарға арналған үкімет» мемлекеттік корпорациясы» КЕАҚ', 'НАО «Государственная корпорация «Правительство для граждан»', `${o.branch || blank}, № ${o.department || '____'} бөлім / отдел`, o.address || blank], width: '*' }, recipientBlock(d)], columnGap: 16, margin: [0, 0, 0, 14] },
        ...title({ kk: 'Құжаттарды қабылдағаны туралы қолхат', ru: 'Расписка о приеме документов' }),
        ...both({
          kk: `${SERVICE.kk} мемлекеттік көрсетілетін қызметті алу үшін өтініш пен құжаттар ${d.acceptance ? dateTimeText(d.acceptance.acceptedAt) : blank} қабылданды. Қабылданған құжаттар:`,
          ru: `Заявление и документы на оказание государственной услуги ${SERVICE.ru} приняты ${d.acceptance ? dateTimeText(d.acceptance.acceptedAt) : blank}. Принятые документы:`,
        }),
        numbered(d.documents),
        labelled({ kk: 'Нәтижені алу күні мен уақыты', ru: 'Дата и время получения результата' }, d.acceptance?.resultReadyAt ? dateTimeText(d.acceptance.resultReadyAt) : blank, [0, 4, 0, 4]),
        ...both({
          kk: `Дайын құжаттар Мемлекеттік корпорацияда жеке басын куәландыратын құжатты (не нотариалды куәландырылған сенімхат бойынша өкілге) көрсеткен кезде беріледі (${act.short.kk}, 10-тармақ).`,
          ru: `Готовые документы выдаются в Государственной корпорации при предъявлении документа, удостоверяющего личность (либо представителю по нотариально удостоверенной доверенности) (пункт 10 ${act.short.ruGenitive}).`,
        }),
        { text: [{ text: 'Мемлекеттік корпорацияның қызметкері / Работник Государственной корпорации: ', bold: true }, `${o.employeeName || blank}    ${blank} (қолы / подпись)`], margin: [0, 6, 0, 2] },
        caseLine(d),
      ]);
    }

    case 'assignmentNotice': {
      const a = d.assignment;
      const basis = a?.basis;
      const citation: Bilingual =
        d.regulation === 'national'
          ? { kk: `Негіздеме: ${act.title.kk}, 9-тармақтың 3) тармақшасы.`, ru: `Основание: подпункт 3) пункта 9 ${act.ruGenitive}.` }
          : { kk: `Негіздеме: комиссия шешімі, ${act.title.kk}, 3 және 6-тармақтар (4 және 5 іс-әрекеттер).`, ru: `Основание: решение комиссии, пункты 3 и 6 (действия 4 и 5) ${act.ruGenitive}.` };
      return page('Хабарлама / Уведомление', d, [
        providerHeader(d),
        ...title({ kk: 'Тұрғын үй көмегін тағайындау туралы хабарлама', ru: 'Уведомление о назначении жилищной помощи' }),
        ...both({
          kk: a ? `Сізге ${dateText(a.from)} бастап ${a.months} ай мерзімге айына ${amountText(a.monthlyAmount)}\u00a0теңге мөлшерінде тұрғын үй көмегі тағайындалды.` : 'Сізге тұрғын үй көмегі тағайындалды.',
          ru: a ? `Вам назначена жилищная помощь в размере ${amountText(a.monthlyAmount)}\u00a0тенге в месяц на ${a.months} ${monthsRu(a.months)} с ${dateText(a.from)}.` : 'Вам назначена жилищная помощь.',
        }),
        ...(basis
          ? [
              { text: 'Мөлшердің есебі / Расчет размера:', bold: true, margin: [0, 2, 0, 4] },
              {
                table: {
                  widths: ['*', 130],
                  body: [
                    ['Тұрғын үйді күтіп ұстауға және коммуналдық қызметтерге айлық шығыстар / Расходы на содержание жилища и коммунальные услуги в месяц', tenge(basis.monthlyHousingCosts)],
                    ['Отбасының айлық жиынтық табысы / Совокупный доход семьи в месяц', tenge(basis.familyMonthlyIncome)],
                    [`Шығыстардың шекті жол берілетін үлесі / Предельно допустимая доля расходов: ${basis.allowedSharePercent}\u00a0%`, tenge(Math.round((basis.familyMonthlyIncome * basis.allowedSharePercent) / 100))],
                    [{ text: 'Тұрғын үй көмегі айына / Жилищная помощь в месяц', bold: true }, { text: tenge(a!.monthlyAmount), bold: true }],
                  ],
                },
                layout: 'lightHorizontalLines',
                margin: [0, 0, 0, 8],
              },
            ]
          : []),
        ...both({ kk: 'Тұрғын үй көмегі өтініште көрсетілген банк шотына аударылады.', ru: 'Жилищная помощь перечисляется на банковский счет, указанный в заявлении.' }),
        ...both(citation),
        signature(d, d.regulation === 'national' ? HEAD : AUTHORIZED),
      ]);
    }

    case 'housingCenterDenial': {
      if (!d.housingCenterDenial?.grounds.length) throw new Error('a reasoned denial of registration needs the grounds the decision table matched');
      return page('Дәлелді бас тарту / Мотивированный отказ', d, [providerHeader(d), ...housingCenterDenialContent(d.housingCenterDenial), signature(d, EMPLOYEE)]);
    }

    case 'housingCommissionDecision': {
      if (!d.commission) throw new Error('a housing commission decision needs the commission\'s votes and outcome');
      return page('Тұрғын үй комиссиясының шешімі / Решение жилищной комиссии', d, [providerHeader(d), ...commissionDecisionContent(d.commission), signature(d, HEAD)]);
    }

    case 'instalmentSchedule': {
      if (!d.instalments?.instalments.length) throw new Error('an instalment schedule needs the agreement and its instalments');
      return page('Бөліп төлеу кестесі / График платежей', d, [providerHeader(d), ...instalmentScheduleContent(d.instalments), signature(d, HEAD)]);
    }

    case 'privatizationAgreement':
      if (!d.privatization) throw new Error('a privatization agreement needs the application and the agreement');
      return page('Шарт / Договор', d, [providerHeader(d), ...privatizationAgreementContent(d.privatization, d.applicant), signature(d, HEAD)]);
    case 'transferDeed':
      if (!d.privatization) throw new Error('a transfer deed needs the deed');
      return page('Беру актісі / Передаточный акт', d, [providerHeader(d), ...transferDeedContent(d.privatization), signature(d, HEAD)]);
    case 'privatizationRefusal':
      if (!d.privatization) throw new Error('a refusal needs its grounds');
      return page('Дәлелді бас тарту / Мотивированный отказ', d, [providerHeader(d), ...privatizationRefusalContent(d.privatization), signature(d, HEAD)]);

    case 'nonComplianceNotice':
      return page('Хабарлама / Уведомление', d, [providerHeader(d), ...nonComplianceNoticeContent(d.housingQueue ?? {}), signature(d, EMPLOYEE)]);
    case 'refusalToConsider':
      return page('Бас тарту / Отказ', d, [providerHeader(d), ...refusalToConsiderContent(d.housingQueue ?? {}), signature(d, HEAD_OF_AUTHORIZED_BODY)]);
    case 'queueNotification':
      return page('Хабарлама / Уведомление', d, [providerHeader(d), ...queueNotificationContent(d.housingQueue ?? {}), signature(d, AUTHORIZED)]);
    case 'queueRefusal':
      return page('Дәлелді бас тарту / Мотивированный отказ', d, [providerHeader(d), ...queueRefusalContent(d.housingQueue ?? {}), signature(d, AUTHORIZED)]);

    case 'hearingNotice': {
      if (!d.hearing) throw new Error('a hearing notice needs the hearing (act, grounds, time and place)');
      return page('Хабарлама / Уведомление', d, [providerHeader(d), ...hearingNoticeContent(d.hearing), signature(d, EMPLOYEE)]);
    }

    case 'reasonedRefusal': {
      const ground = d.refusal?.ground ?? 0;
      const incomplete = ground === 0;
      const grounds: Bilingual = incomplete
        ? d.regulation === 'national'
          ? { kk: `${act.title.kk}, 9-тармақтың 2) тармақшасы: Қағидалардың 6-тармағында көзделген құжаттардың толық емес топтамасы ұсынылды.`, ru: `подпункт 2) пункта 9 ${act.ruGenitive}: представлен неполный пакет документов, предусмотренных пунктом 6 Правил.` }
          : { kk: `${act.title.kk}, 12-тармақтың 10) тармақшасы (6 процесс): қоса берілген құжаттарда бұзушылықтар анықталды (Стандарттың 9-тармағы).`, ru: `подпункт 10) пункта 12 (процесс 6) ${act.ruGenitive}: в приложенных документах выявлены нарушения (пункт 9 Стандарта).` }
        : d.regulation === 'national'
          ? { kk: `${act.title.kk}, 12-тармақтың ${ground}) тармақшасы: ${refusalGrounds[ground]?.kk ?? ''}.`, ru: `подпункт ${ground}) пункта 12 ${act.ruGenitive}: ${refusalGrounds[ground]?.ru ?? ''}.` }
          : { kk: `комиссия шешімі, ${act.title.kk}, 6-тармақ (4 іс-әрекет): ${refusalGrounds[ground]?.kk ?? ''}.`, ru: `решение комиссии, пункт 6 (действие 4) ${act.ruGenitive}: ${refusalGrounds[ground]?.ru ?? ''}.` };
      const appeal: Bilingual =
        d.regulation === 'national'
          ? { kk: 'Шешімге Қағидалардың 13 және 14-тармақтарында белгіленген тәртіппен шағым жасалуы мүмкін.', ru: 'Решение может быть обжаловано в порядке, установленном пунктами 13 и 14 Правил.' }
          : { kk: 'Шешімге Қазақстан Республикасының заңнамасында белгіленген тәртіппен шағым жасалуы мүмкін.', ru: 'Решение может быть обжаловано в порядке, установленном законодательством Республики Казахстан.' };
      return page('Дәлелді бас тарту / Мотивированный отказ', d, [
        providerHeader(d),
        ...title(incomplete ? { kk: 'Өтінішті одан әрі қараудан дәлелді бас тарту', ru: 'Мотивированный отказ в дальнейшем рассмотрении заявления' } : { kk: 'Мемлекеттік қызмет көрсетуден дәлелді бас тарту', ru: 'Мотивированный отказ в оказании государственной услуги' }),
        ...both(
          incomplete
            ? { kk: `${SERVICE.kk} мемлекеттік көрсетілетін қызметті алуға берілген өтінішіңізді одан әрі қараудан бас тартамыз.`, ru: `Отказываем в дальнейшем рассмотрении Вашего заявления на оказание государственной услуги ${SERVICE.ru}.` }
            : { kk: `${SERVICE.kk} мемлекеттік қызметін көрсетуден бас тартылды.`, ru: `Отказано в оказании государственной услуги ${SERVICE.ru}.` }
        ),
        { text: 'Негіздеме / Основание:', bold: true },
        ...both(grounds),
        ...(incomplete ? [{ text: 'Жоқ құжаттар / Отсутствующие документы:', bold: true }, numbered(d.documents)] : []),
        { text: 'Бас тарту себебі / Обоснование:', bold: true },
        { text: d.refusal?.reason || '—', margin: [0, 2, 0, 8] },
        ...both(appeal),
        signature(d, d.regulation === 'almaty' && !incomplete ? AUTHORIZED : HEAD),
      ]);
    }
  }
}
