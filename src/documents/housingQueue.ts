import { hearingActs, type Bilingual } from './acts.js';
import { dateText } from './format.js';

/**
 * The documents of the waiting list for state housing (seed 001, Order No. 441 of 13.08.2021):
 * the notice of non-compliance of the package (para 10), the refusal to consider the application
 * further (para 11), the notification of registration with the serial number of the queue (para
 * 12(1), row 5) and the reasoned refusal on the grounds of row 9 of the Standard (paras 12(2), 13).
 * Each in Kazakh and Russian, naming the act by its number and date.
 */
export interface HousingQueueData {
  /** The documents of row 8 the package lacks (notice of non-compliance, refusal to consider). */
  missing?: Bilingual[];
  /** The end of the 2 working days from the notice's receipt, Almaty wall clock ("12.03.2026 18:30"). */
  fixDueText?: string;
  /** When the notice was received, Almaty date (YYYY-MM-DD). */
  noticeDate?: string;
  /** The registration: the queue's serial number, the list, the locality and the date (YYYY-MM-DD). */
  queue?: { number: number; list: Bilingual; locality: string; localityName?: Bilingual; registeredOn: string };
  /** The reasoned refusal: each finding of the decision table with its paragraph and the Standard's row 9 ground (1 or 2). */
  grounds?: { paragraph: string; ground: number; kk: string; ru: string }[];
  /** The hearing's reasoning for upholding the refusal. */
  reasoning?: string;
}

/** The documents of row 8 of the Standard, by the codes the forms use. */
export const queueDocuments: Readonly<Record<string, Bilingual & { en: string }>> = {
  workplaceCertificate: { kk: 'Жұмыс орнынан анықтаманың электрондық көшірмесі', ru: 'Электронная копия справки с места работы', en: 'Certificate from the place of work (electronic copy)' },
  sanitaryConclusion: { kk: 'Санитариялық-эпидемиологиялық қорытындының электрондық көшірмесі', ru: 'Электронная копия санитарно-эпидемиологического заключения', en: 'Sanitary and epidemiological conclusion (electronic copy)' },
  technicalReport: { kk: 'Тұрғын үйді техникалық зерттеп-қарау нәтижелері бойынша аттестатталған сарапшының техникалық қорытындысының электрондық көшірмесі', ru: 'Электронная копия технического заключения аттестованного эксперта по результатам технического обследования жилища', en: 'Certified expert\'s technical report on the housing (electronic copy)' },
  technicalPassport: { kk: 'Тұрғын үй-жайдың техникалық паспортының көшірмесі', ru: 'Копия технического паспорта жилого помещения', en: 'Technical passport of the premises (copy)' },
  titleDocument: { kk: 'Тұрғын үй-жайға құқық белгілейтін құжаттың көшірмесі', ru: 'Копия правоустанавливающего документа на жилое помещение', en: 'Title document for the premises (copy)' },
  diseaseDocument: { kk: 'Аурудың тиісті түрін растайтын құжаттың көшірмесі', ru: 'Копия документа, подтверждающего соответствующий вид заболевания', en: 'Document confirming the disease (copy)' },
  socialCategoryProof: { kk: 'Халықтың әлеуметтік осал топтарына жататынын растайтын құжаттың көшірмесі', ru: 'Копия документа, подтверждающего принадлежность к социально уязвимым слоям населения', en: 'Proof of belonging to the socially vulnerable (copy)' },
  incomeInformation: { kk: 'Отбасының әр мүшесінің соңғы он екі айдағы табысы туралы мәліметтер', ru: 'Сведения о доходах за последние двенадцать месяцев на каждого члена семьи', en: 'Income of each family member for the last twelve months' },
  courtDecision: { kk: 'Басқа адамдарды өтініш берушінің отбасы мүшелері деп тану туралы сот шешімінің көшірмесі', ru: 'Копия решения суда о признании других лиц членами семьи заявителя', en: 'Court decision recognising others as family members (copy)' },
};

/** The lists of art. 74 para 2 of the Law "On Housing Relations" the application names (Appendix 1 line 1). */
export const queueLists: Readonly<Record<string, Bilingual & { en: string }>> = {
  sociallyVulnerable: { kk: 'халықтың әлеуметтік осал топтары', ru: 'социально уязвимые слои населения', en: 'socially vulnerable groups of the population' },
  publicSector: { kk: 'мемлекеттік қызметшілер, бюджеттік ұйымдардың қызметкерлері, әскери қызметшілер', ru: 'государственные служащие, работники бюджетных организаций, военнослужащие', en: 'civil servants, employees of budgetary organisations, military personnel' },
  emergencyHousing: { kk: 'тұрғын үйі апатты деп танылған азаматтар', ru: 'граждане, жилища которых признаны аварийными', en: 'citizens whose housing is recognised as emergency housing' },
};

/** A document code as the citizen's letter names it; an unknown code is kept as written. */
export const queueDocument = (code: string): Bilingual => queueDocuments[code] ?? { kk: code, ru: code };

/** The two grounds of row 9 of the Standard (Appendix 2 to the Rules). */
const standardGrounds: Record<number, Bilingual> = {
  1: {
    kk: 'көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алу үшін ұсынған құжаттарының және (немесе) олардағы деректердің (мәліметтердің) анық еместігінің анықталуы',
    ru: 'установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них',
  },
  2: {
    kk: 'көрсетілетін қызметті алушының және (немесе) мемлекеттік қызмет көрсету үшін қажетті ұсынылған материалдардың, объектілердің, деректер мен мәліметтердің осы Қағидаларда және «Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасы Заңының 19-1-бабында белгіленген талаптарға сәйкес келмеуі',
    ru: 'несоответствие услугополучателя и (или) представленных материалов, объектов, данных и сведений, необходимых для оказания государственной услуги, требованиям, установленным настоящими Правилами и статьей 19-1 Закона Республики Казахстан «О государственных услугах»',
  },
};

const act = hearingActs.stateHousingQueue;
const both = (t: Bilingual, margin: number[] = [0, 0, 0, 8]) => [
  { text: t.kk, margin: [0, 0, 0, 3] },
  { text: t.ru, margin },
];
const heading = (t: Bilingual) => [
  { text: t.kk, style: 'title' },
  { text: t.ru, style: 'title', margin: [0, 0, 0, 12] },
];
const numbered = (items: Bilingual[] | undefined) =>
  items?.length ? { stack: items.map((d, i) => ({ text: `${i + 1}. ${d.kk} / ${d.ru};`, margin: [0, 0, 0, 2] })), margin: [12, 2, 0, 8] } : { text: '—', margin: [12, 2, 0, 8] };
/** "Order No. 441 of 13.08.2021, para N" in both languages. */
const rules = (paragraphs: { kk: string; ru: string }): Bilingual => ({ kk: `${act.title.kk} ${paragraphs.kk}`, ru: `${paragraphs.ru} ${act.ruGenitive}` });

export function nonComplianceNoticeContent(d: HousingQueueData): unknown[] {
  if (!d.missing?.length) throw new Error('a notice of non-compliance names the documents the package lacks (missingDocuments)');
  if (!d.fixDueText) throw new Error('a notice of non-compliance names the deadline to bring the package into compliance (fixDue)');
  const cited = rules({ kk: '10-тармағы', ru: 'пункт 10' });
  return [
    ...heading({ kk: 'Ұсынылған құжаттар топтамасының сәйкес еместігі туралы хабарлама', ru: 'Уведомление о несоответствии представленного пакета документов' }),
    ...both({
      kk: `${cited.kk}: өтінішіңізге ұсынылған құжаттар топтамасы Мемлекеттік көрсетілетін қызмет стандартында көзделген тізбеге сәйкес келмейді. Жоқ құжаттар:`,
      ru: `${cited.ru}: представленный Вами пакет документов не соответствует перечню, предусмотренному Стандартом государственной услуги. Отсутствуют:`,
    }),
    numbered(d.missing),
    ...both({
      kk: `Құжаттарды осы хабарламаны алған күннен бастап екі жұмыс күні ішінде, ${d.fixDueText} дейін, жеке кабинет арқылы сәйкестікке келтіріңіз. Келтірілмеген жағдайда өтінішті одан әрі қараудан бас тартылады (Қағидалардың 11-тармағы).`,
      ru: `Приведите документы в соответствие через личный кабинет в течение двух рабочих дней со дня получения настоящего уведомления, до ${d.fixDueText}. В противном случае в дальнейшем рассмотрении заявления будет отказано (пункт 11 Правил).`,
    }),
  ];
}

export function refusalToConsiderContent(d: HousingQueueData): unknown[] {
  const cited = rules({ kk: '11-тармағына', ru: 'пунктом 11' });
  return [
    ...heading({ kk: 'Өтінішті одан әрі қараудан бас тарту', ru: 'Отказ в дальнейшем рассмотрении заявления' }),
    ...both({
      kk: `${d.noticeDate ? `${dateText(d.noticeDate)} ` : ''}сәйкес еместігі туралы хабарламада көрсетілген құжаттар оны алған күннен бастап екі жұмыс күні ішінде${d.fixDueText ? ` (${d.fixDueText} дейін)` : ''} сәйкестікке келтірілмегендіктен, ${cited.kk} сәйкес өтінішіңізді одан әрі қараудан бас тартылады.`,
      ru: `В связи с тем, что документы, указанные в уведомлении о несоответствии${d.noticeDate ? ` от ${dateText(d.noticeDate)}` : ''}, не приведены в соответствие в течение двух рабочих дней со дня его получения${d.fixDueText ? ` (до ${d.fixDueText})` : ''}, в соответствии с ${cited.ru} в дальнейшем рассмотрении Вашего заявления отказано.`,
    }),
    { text: 'Жоқ құжаттар / Отсутствующие документы:', bold: true },
    numbered(d.missing),
    ...both({
      kk: 'Шешімге Қағидалардың 14 және 15-тармақтарында белгіленген тәртіппен шағым жасалуы мүмкін.',
      ru: 'Решение может быть обжаловано в порядке, установленном пунктами 14 и 15 Правил.',
    }),
  ];
}

export function queueNotificationContent(d: HousingQueueData): unknown[] {
  const q = d.queue;
  if (!q || !Number.isInteger(q.number) || q.number < 1) throw new Error('a notification of registration carries the serial number of the queue (queueNumber)');
  const cited = rules({ kk: '12-тармағының 1) тармақшасына', ru: 'подпунктом 1) пункта 12' });
  // "Алматы қаласы бойынша" / "по городу Алматы": the register's full name, its kind declined after "по".
  const where = q.localityName ? { kk: q.localityName.kk, ru: ruDative(q.localityName.ru) } : { kk: q.locality, ru: q.locality };
  return [
    ...heading({ kk: 'Тұрғын үйге мұқтаждар есебіне қою туралы хабарлама', ru: 'Уведомление о постановке на учет нуждающихся в жилище' }),
    ...both({
      kk: `${cited.kk} сәйкес Сіз ${where.kk} бойынша мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаждар есебіне «${q.list.kk}» тізімі бойынша ${dateText(q.registeredOn)} қойылдыңыз.`,
      ru: `В соответствии с ${cited.ru} Вы поставлены на учет нуждающихся в жилище из государственного жилищного фонда по ${where.ru} по списку «${q.list.ru}» ${dateText(q.registeredOn)}.`,
    }),
    { text: `Кезектің реттік нөмірі / Порядковый номер очереди: ${q.number}`, bold: true, fontSize: 14, margin: [0, 6, 0, 10] },
    ...both({
      kk: 'Деректер өзгерген кезде немесе SMS-хабарлама алған кезде он бес жұмыс күні ішінде Қағидалардың 3-қосымшасындағы нысан бойынша өтініш беріп, деректерді жаңартыңыз.',
      ru: 'При изменении сведений или получении SMS-уведомления в течение пятнадцати рабочих дней обновите сведения заявлением по форме приложения 3 к Правилам.',
    }),
  ];
}

export function queueRefusalContent(d: HousingQueueData): unknown[] {
  if (!d.grounds?.length) throw new Error('a reasoned refusal names the grounds the decision table found (refusalGrounds)');
  const cited = rules({ kk: '12 және 13-тармақтарына', ru: 'пунктами 12 и 13' });
  const kinds = [...new Set(d.grounds.map((g) => g.ground))].sort();
  return [
    ...heading({ kk: 'Мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаждар есебіне қоюдан дәлелді бас тарту', ru: 'Мотивированный отказ в постановке на учет нуждающихся в жилище из государственного жилищного фонда' }),
    ...both({
      kk: `${cited.kk} сәйкес тыңдау нәтижелері бойынша Сізді тұрғын үйге мұқтаждар есебіне қоюдан бас тартылды.`,
      ru: `В соответствии с ${cited.ru} по результатам заслушивания Вам отказано в постановке на учет нуждающихся в жилище.`,
    }),
    { text: 'Бас тарту негіздері (Стандарттың 9-тармағы) / Основания отказа (пункт 9 Стандарта):', bold: true },
    { stack: kinds.map((k) => ({ text: `${k}) ${standardGrounds[k]?.kk ?? ''} / подпункт ${k}): ${standardGrounds[k]?.ru ?? ''}`, margin: [0, 0, 0, 3] })), margin: [12, 2, 0, 8] },
    { text: 'Анықталғаны / Установлено:', bold: true },
    { stack: d.grounds.map((g, i) => ({ text: `${i + 1}. ${g.kk} / ${g.ru}`, margin: [0, 0, 0, 3] })), margin: [12, 2, 0, 8] },
    { text: 'Себебі / Обоснование:', bold: true },
    { text: d.reasoning || '—', margin: [0, 2, 0, 8] },
    ...both({
      kk: 'Шешімге Қағидалардың 14-тармағында белгіленген тәртіппен шағым жасалуы мүмкін; сотқа — сотқа дейінгі тәртіппен шағым жасалғаннан кейін (15-тармақ).',
      ru: 'Решение может быть обжаловано в порядке, установленном пунктом 14 Правил; в суд — после обжалования в досудебном порядке (пункт 15).',
    }),
  ];
}

/**
 * A locality's Russian full name after "по" (dative): the kind word declines ("город Алматы" →
 * "городу Алматы", "село …" → "селу …"); the name after it stays as official texts keep it.
 */
export function ruDative(name: string): string {
  const kinds: [RegExp, string][] = [
    [/^город /, 'городу '],
    [/^село /, 'селу '],
    [/^пос[её]лок /, 'поселку '],
  ];
  for (const [kind, dative] of kinds) if (kind.test(name)) return name.replace(kind, dative);
  return name;
}
