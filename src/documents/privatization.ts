import { hearingActs, type Bilingual } from './acts.js';
import { formatLocal } from '../calendar/index.js';
import { dateText } from './format.js';

/**
 * The documents of a privatization (seed 002, Order No. 437 of 12.08.2021) that are results of the
 * service (para 7, row 5): the agreement on the privatization of the dwelling, the transfer deed of
 * a republican institution's dwelling (variant 3), and the reasoned refusal — or the rejection of
 * an incomplete package (para 6, last part). Kazakh, then Russian; amounts in tiyn, printed in tenge.
 */
export interface PrivatizationData {
  /** The dwelling's address, as the application gives it. */
  address: string;
  tenancy: { number: string; date: string };
  method: 'gratuitous' | 'redemption' | 'instalments';
  gratuitousGround?: string;
  priceTiyn?: number;
  downPaymentTiyn?: number;
  years?: number;
  /** YYYY-MM-DD: by when the price, or the initial contribution, is paid (para 8). */
  paymentDueDate?: string | null;
  /**
   * Para 8: no payment in the cases of para 23 of the Rules of privatization of dwellings from the
   * state housing stock (Government decree No. 673 of 2 July 2013), as the executor recorded on the
   * agreement: the sub-paragraph that applies and the document that proves it.
   */
  paymentExemption?: { subparagraph: number; document: { kind: string; number: string; date: string } };
  /**
   * Appendices 1–2: the adult family members who consented, each with their own EDS, `at` the ISO
   * instant of their answer; empty when the applicant has no other adult in the family. The
   * agreement will not say who consented without it.
   */
  consents?: { name: string; relationship: string; at: string | null }[];
  /** The housing commission's decision the agreement rests on. */
  commissionDecisionNumber?: string;
  agreement?: { number: string; date: string };
  /** The legal cadastre's record (gateway.dwelling): the agreement describes the dwelling by it. */
  dwelling?: { cadastral: string; totalArea: number; livingArea: number; rooms: number; encumbrances: string[] };
  /** Variant 3: the akim's petition, the state-property body's decision, the deed. */
  deed?: {
    number: string;
    date: string;
    transferringParty: string;
    receivingParty: string;
    approvedBy: string;
    titleRegisteredOn: string;
    petition: { number: string; date: string };
    statePropertyDecision: { number: string; date: string; sectorBody: string };
  };
  /**
   * The refusal: `incomplete` (para 6: the documents missing or expired, by name), `hearing` (para 10:
   * the grounds and the hearing's reasoning), `commission` (the commission refused: the members'
   * reasons against), `consent` (an adult family member refused: who and why).
   */
  refusal?: {
    kind: 'incomplete' | 'hearing' | 'commission' | 'consent';
    missing: Bilingual[];
    expired: Bilingual[];
    grounds: Bilingual[];
    reasoning?: string;
    consent?: { name: string; relationship: string; reason: string };
  };
}

/** Row 9 of the Standard: the grounds of refusal, in the act's words. */
export const privatizationRefusalGrounds: Record<1 | 2 | 3, Bilingual> = {
  1: {
    kk: 'көрсетілетін қызметті алушының ұсынған құжаттарының және (немесе) олардағы деректердің (мәліметтердің) анық еместігінің анықталуы',
    ru: 'установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них',
  },
  2: {
    kk: 'көрсетілетін қызметті алушының және (немесе) ұсынылған материалдардың, деректер мен мәліметтердің «Тұрғын үй қатынастары туралы» Қазақстан Республикасының Заңында және Қаулыда белгіленген талаптарға сәйкес келмеуі',
    ru: 'несоответствие услугополучателя и (или) представленных материалов, данных и сведений требованиям, установленным Законом Республики Казахстан «О жилищных отношениях» и Постановлением',
  },
  3: {
    kk: 'көрсетілетін қызметті алушыға қатысты оны мемлекеттік көрсетілетін қызметті алуға байланысты арнаулы құқығынан айырған, заңды күшіне енген сот шешімінің болуы',
    ru: 'в отношении услугополучателя имеется вступившее в законную силу решение суда, на основании которого услугополучатель лишен специального права, связанного с получением государственной услуги',
  },
};

const act = hearingActs.privatization;
const actKk = act.title.kk;
const both = (t: Bilingual, margin = [0, 0, 0, 6]) => [
  { text: t.kk, margin: [0, 0, 0, 3] },
  { text: t.ru, margin },
];
const titled = (t: Bilingual) => [
  { text: t.kk, style: 'title' },
  { text: t.ru, style: 'title', margin: [0, 0, 0, 10] },
];
const list = (items: Bilingual[]) => ({ stack: items.map((i, n) => ({ text: `${n + 1}. ${i.kk === i.ru ? i.kk : `${i.kk} / ${i.ru}`}`, margin: [0, 0, 0, 2] })), margin: [12, 2, 0, 8] });

/** 374400000 → "3 744 000"; kopecks only when there are any. */
function money(tiyn: number): string {
  const grouped = String(Math.floor(tiyn / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return tiyn % 100 ? `${grouped},${String(tiyn % 100).padStart(2, '0')}` : grouped;
}

function terms(d: PrivatizationData): Bilingual {
  if (d.method === 'gratuitous') return { kk: `Тұрғын үй меншікке тегін беріледі (${d.gratuitousGround ?? '—'}); төлем жасалмайды (8-тармақ).`, ru: `Жилище передается в собственность безвозмездно (${d.gratuitousGround ?? '—'}); оплата не производится (пункт 8).` };
  const price = money(d.priceTiyn ?? 0);
  const exempt = d.paymentExemption;
  if (exempt) {
    const doc = `${exempt.document.kind} № ${exempt.document.number}, ${dateText(exempt.document.date)}`;
    return {
      kk: `Тұрғын үйдің қалдық құны ${price} теңге; Қазақстан Республикасы Үкіметінің 2013 жылғы 2 шілдедегі № 673 қаулысымен бекітілген Мемлекеттік тұрғын үй қорынан берілетін тұрғын үйлерді жекешелендіру қағидаларының 23-тармағының ${exempt.subparagraph}) тармақшасы бойынша төлем жасалмайды (8-тармақ; құжат: ${doc}).`,
      ru: `Остаточная стоимость жилища ${price} тенге; оплата не производится по подпункту ${exempt.subparagraph}) пункта 23 Правил приватизации жилищ из государственного жилищного фонда, утвержденных постановлением Правительства Республики Казахстан от 02.07.2013 № 673 (пункт 8; документ: ${doc}).`,
    };
  }
  const due = d.paymentDueDate ? dateText(d.paymentDueDate) : '—';
  if (d.method === 'redemption') return { kk: `Тұрғын үй қалдық құны бойынша сатып алынады: ${price} теңге, шарт жасалған күннен бастап 30 күнтізбелік күн ішінде, ${due} дейін жергілікті бюджетке төленеді (8-тармақ).`, ru: `Жилище выкупается по остаточной стоимости: ${price} тенге, оплачиваемых в местный бюджет в течение 30 календарных дней со дня заключения договора, до ${due} (пункт 8).` };
  return {
    kk: `Тұрғын үй қалдық құны бойынша бөліп төлеумен сатып алынады: ${price} теңге; бастапқы жарна ${money(d.downPaymentTiyn ?? 0)} теңге ${due} дейін, қалғаны ${d.years} жыл ішінде тең үлестермен, бөліп төлеу кестесіне сәйкес (2-қосымша, 8-тармақ).`,
    ru: `Жилище выкупается по остаточной стоимости в рассрочку: ${price} тенге; первоначальный взнос ${money(d.downPaymentTiyn ?? 0)} тенге до ${due}, остаток равными долями в течение ${d.years} лет по графику платежей (приложение 2, пункт 8).`,
  };
}

/** Appendices 1–2, as it happened: who consented and when, or that there was nobody else to ask. */
function consentText(consents: PrivatizationData['consents']): Bilingual {
  if (!consents) throw new Error('a privatization agreement says who of the adult family members consented ("familyConsents"), or that there is none');
  if (!consents.length)
    return { kk: 'Мемлекеттік ақпараттық жүйелердің деректері бойынша өтініш берушінің отбасында басқа кәмелетке толған мүшелер жоқ; олардың келісімі талап етілмеді (1, 2-қосымшалар).', ru: 'По данным государственных информационных систем других совершеннолетних членов семьи у заявителя нет; их согласие не требовалось (приложения 1, 2).' };
  const who = (lang: 'kk' | 'ru') => consents.map((c) => `${c.name} (${c.relationship.split(' / ')[lang === 'kk' ? 0 : 1] ?? c.relationship}${c.at ? `, ${dateText(formatLocal(new Date(c.at)).slice(0, 10))}` : ''})`).join('; ');
  return {
    kk: `Отбасының кәмелетке толған мүшелері жекешелендіруге өз ЭЦҚ-ларымен келісім берді (1, 2-қосымшалар): ${who('kk')}.`,
    ru: `Совершеннолетние члены семьи выразили согласие на приватизацию своими ЭЦП (приложения 1, 2): ${who('ru')}.`,
  };
}

/** The agreement on the privatization of the dwelling (para 7, row 5; paras 6 and 8). */
export function privatizationAgreementContent(d: PrivatizationData, applicant: { name: string; iin: string }): unknown[] {
  if (!d.agreement) throw new Error('a privatization agreement needs its number and date ("agreementNumber", "agreementDate")');
  return [
    ...titled({ kk: `Тұрғын үйді жекешелендіру туралы № ${d.agreement.number} шарт`, ru: `Договор о приватизации жилища № ${d.agreement.number}` }),
    { text: `${dateText(d.agreement.date)}`, alignment: 'right', margin: [0, 0, 0, 8] },
    ...both({
      kk: `Көрсетілетін қызметті беруші — жергілікті атқарушы орган, бір тараптан, және азамат ${applicant.name} (ЖСН ${applicant.iin}), екінші тараптан, ${actKk} 6 және 7-тармақтарына және тұрғын үй комиссиясының № ${d.commissionDecisionNumber ?? '—'} шешіміне сәйкес осы шартты жасасты.`,
      ru: `Услугодатель — местный исполнительный орган, с одной стороны, и гражданин(ка) ${applicant.name} (ИИН ${applicant.iin}), с другой стороны, в соответствии с пунктами 6 и 7 ${act.ruGenitive} и решением жилищной комиссии № ${d.commissionDecisionNumber ?? '—'} заключили настоящий договор.`,
    }),
    ...both({
      kk: `Шарттың мәні: ${d.tenancy.date ? dateText(d.tenancy.date) : '—'} № ${d.tenancy.number} жалдау шарты бойынша өтініш беруші мен оның отбасы тұратын ${d.address} мекенжайындағы тұрғын үй өтініш берушінің меншігіне беріледі.`,
      ru: `Предмет договора: жилище по адресу ${d.address}, занимаемое заявителем и его семьей по договору найма № ${d.tenancy.number} от ${d.tenancy.date ? dateText(d.tenancy.date) : '—'}, передается в собственность заявителя.`,
    }),
    ...(d.dwelling
      ? both({
          kk: `Кадастрлық нөмірі ${d.dwelling.cadastral}, жалпы алаңы ${d.dwelling.totalArea} ш.м., тұрғын алаңы ${d.dwelling.livingArea} ш.м., бөлмелер саны ${d.dwelling.rooms}; ауыртпалықтар: ${d.dwelling.encumbrances.length ? d.dwelling.encumbrances.join('; ') : 'тіркелмеген'} (9-тармақ).`,
          ru: `Кадастровый номер ${d.dwelling.cadastral}, общая площадь ${d.dwelling.totalArea} кв. м, жилая площадь ${d.dwelling.livingArea} кв. м, комнат ${d.dwelling.rooms}; обременения: ${d.dwelling.encumbrances.length ? d.dwelling.encumbrances.join('; ') : 'не зарегистрированы'} (пункт 9).`,
        })
      : []),
    ...both(terms(d), [0, 0, 0, 6]),
    ...both(consentText(d.consents)),
  ];
}

/** The transfer deed of a republican institution's dwelling to communal ownership (para 6(3), para 9(3), para 7(2)). */
export function transferDeedContent(d: PrivatizationData): unknown[] {
  const deed = d.deed;
  if (!deed) throw new Error('a transfer deed needs the deed, the petition and the state-property body\'s decision');
  return [
    ...titled({ kk: `№ ${deed.number} беру актісі`, ru: `Передаточный акт № ${deed.number}` }),
    { text: dateText(deed.date), alignment: 'right', margin: [0, 0, 0, 8] },
    ...both({
      kk: `${actKk} 6-тармағының 3) тармақшасына және 9-тармағының 3) тармақшасына сәйкес ${d.address} мекенжайындағы тұрғын үй республикалық меншіктен коммуналдық меншікке беріледі.`,
      ru: `В соответствии с подпунктом 3) пункта 6 и подпунктом 3) пункта 9 ${act.ruGenitive} жилище по адресу ${d.address} передается из республиканской в коммунальную собственность.`,
    }),
    ...both({
      kk: `Негіздеме: тұрғын үй комиссиясының № ${d.commissionDecisionNumber ?? '—'} шешімі; әкімнің ${dateText(deed.petition.date)} № ${deed.petition.number} өтінішхаты; мемлекеттік мүлікті басқару жөніндегі уәкілетті органның ${dateText(deed.statePropertyDecision.date)} № ${deed.statePropertyDecision.number} шешімі, ${deed.statePropertyDecision.sectorBody} келісілген.`,
      ru: `Основание: решение жилищной комиссии № ${d.commissionDecisionNumber ?? '—'}; ходатайство акима № ${deed.petition.number} от ${dateText(deed.petition.date)}; решение уполномоченного органа по управлению государственным имуществом № ${deed.statePropertyDecision.number} от ${dateText(deed.statePropertyDecision.date)}, согласованное с: ${deed.statePropertyDecision.sectorBody}.`,
    }),
    { text: `Беруші тарап / Передающая сторона: ${deed.transferringParty}`, margin: [0, 0, 0, 3] },
    { text: `Қабылдаушы тарап / Принимающая сторона: ${deed.receivingParty}`, margin: [0, 0, 0, 3] },
    { text: `Бекітті / Утвердил: ${deed.approvedBy}`, margin: [0, 0, 0, 3] },
    { text: `Құқық белгілейтін құжаттар тіркелді / Правоустанавливающие документы зарегистрированы: ${dateText(deed.titleRegisteredOn)}`, margin: [0, 0, 0, 8] },
  ];
}

/** The reasoned refusal (paras 7 and 10, row 9) or the rejection of an incomplete package (para 6). */
export function privatizationRefusalContent(d: PrivatizationData): unknown[] {
  const r = d.refusal;
  if (!r) throw new Error('a refusal needs its kind ("refusalKind")');
  const service = { kk: '«Мемлекеттік тұрғын үй қорынан тұрғын үйді жекешелендіру»', ru: '«Приватизация жилищ из государственного жилищного фонда»' };
  if (r.kind === 'incomplete') {
    if (!r.missing.length && !r.expired.length) throw new Error('a rejection of an incomplete package names the documents missing or expired');
    return [
      ...titled({ kk: 'Өтінішті қабылдаудан бас тарту', ru: 'Отказ в приеме заявления' }),
      ...both({
        kk: `${actKk} 6-тармағына сәйкес ${service.kk} мемлекеттік көрсетілетін қызметке берілген өтініш құжаттардың толық емес топтамасы және (немесе) қолданылу мерзімі өткен құжаттар ұсынылғандықтан қабылданбады.`,
        ru: `В соответствии с пунктом 6 ${act.ruGenitive} заявление на оказание государственной услуги ${service.ru} отклонено ввиду представления неполного пакета документов и (или) документов с истекшим сроком действия.`,
      }),
      ...(r.missing.length ? [{ text: 'Жоқ құжаттар / Отсутствующие документы:', bold: true }, list(r.missing)] : []),
      ...(r.expired.length ? [{ text: 'Мерзімі өткен құжаттар / Документы с истекшим сроком действия:', bold: true }, list(r.expired)] : []),
      ...both({ kk: 'Толық құжаттар топтамасын ұсынып, қайта жүгінуге болады.', ru: 'Вы вправе обратиться повторно, представив полный пакет документов.' }),
    ];
  }
  const because: Bilingual[] =
    r.kind === 'consent' && r.consent
      ? [{ kk: `Отбасының кәмелетке толған мүшесі ${r.consent.name} (${r.consent.relationship}) жекешелендіруге келісім бермеді: ${r.consent.reason}. Өтінішке отбасының кәмелетке толған барлық мүшелері қол қоюы тиіс (Стандарттың 8-тармағының 1) тармақшасы, 1, 2-қосымшалар).`, ru: `Совершеннолетний член семьи ${r.consent.name} (${r.consent.relationship}) не дал согласия на приватизацию: ${r.consent.reason}. Заявление должно быть подписано всеми совершеннолетними членами семьи (подпункт 1) пункта 8 Стандарта, приложения 1, 2).` }]
      : r.grounds;
  return [
    ...titled({ kk: 'Тұрғын үйді жекешелендіруден дәлелді бас тарту', ru: 'Мотивированный отказ в приватизации жилища' }),
    ...both({
      kk: `${actKk} 7 және 10-тармақтарына сәйкес ${service.kk} мемлекеттік қызметін көрсетуден бас тартылды.`,
      ru: `В соответствии с пунктами 7 и 10 ${act.ruGenitive} отказано в оказании государственной услуги ${service.ru}.`,
    }),
    { text: 'Негіздеме (Стандарттың 9-тармағы) / Основание (пункт 9 Стандарта):', bold: true },
    ...both({ kk: `2) ${privatizationRefusalGrounds[2].kk}.`, ru: `2) ${privatizationRefusalGrounds[2].ru}.` }),
    { text: 'Себептері / Обоснование:', bold: true },
    list(because),
    ...(r.reasoning ? [{ text: r.reasoning, margin: [0, 0, 0, 8] }] : []),
    ...both({ kk: 'Шешімге Қағидалардың 12–15-тармақтарында белгіленген тәртіппен шағым жасалуы мүмкін.', ru: 'Решение может быть обжаловано в порядке, установленном пунктами 12–15 Правил.' }),
  ];
}
