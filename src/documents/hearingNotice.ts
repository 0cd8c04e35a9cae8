import { administrativeProceduralCode, hearingActs, type Bilingual, type HearingAct } from './acts.js';
import { dateText, dateTimeText } from './format.js';

/**
 * The notice of a preliminary decision to refuse, with the hearing's time and place (seed 001
 * para 13, seed 002 para 10, seed 003 para 17; Administrative Procedural Code art. 73): what the
 * applicant receives, in Kazakh and Russian, as a PDF and as a note in the personal account. Both
 * are made here so that they say the same thing.
 */
export interface HearingNoticeData {
  act: HearingAct;
  /** The grounds of the preliminary decision, each as the act words it, in both languages. */
  grounds: Bilingual[];
  /** Why, on this case's facts, as the provider's employee wrote it. */
  reasoning: string;
  /** ISO instants. */
  hearingAt: string;
  /** Where the hearing is held, or how (a video call with its link, a telephone number). */
  hearingPlace: string;
  /** Until when objections are taken: the window's end, or the hearing's start if that is earlier. */
  objectionsCloseAt: string;
  /** The latest the hearing may be held; null where the act sets no limit (seed 002). */
  hearingDueAt: string | null;
}

/** "пункта 17 Правил …, утвержденных приказом … от 17.04.2025 № 130" (after "на основании") and "… қағидаларының 17-тармағы". */
export function hearingActCitation(act: HearingAct): Bilingual {
  const a = hearingActs[act];
  // Every title ends in "қағидалары": its genitive takes -ның.
  return { kk: `${a.title.kk}ның ${a.paragraph}-тармағы`, ru: `пункта ${a.paragraph} ${a.ruGenitive}` };
}

/** The note in the personal account: the act named by its number and date, the hearing, the objection deadline. */
export function hearingNotificationText(caseNumber: string, d: HearingNoticeData): string {
  const a = hearingActs[d.act];
  const date = dateText(a.date);
  const until = d.hearingDueAt ? { kk: ` (${dateTimeText(d.hearingDueAt)} кешіктірмей)`, ru: ` (не позднее ${dateTimeText(d.hearingDueAt)})` } : { kk: '', ru: '' };
  return [
    `Іс № ${caseNumber} бойынша мемлекеттік қызмет көрсетуден бас тарту туралы алдын ала шешім шығарылды (${date} № ${a.number} бұйрықпен бекітілген Қағидалардың ${a.paragraph}-тармағы, ӘРПК 73-бабы).`,
    `Тыңдау: ${dateTimeText(d.hearingAt)}, ${d.hearingPlace}${until.kk}. Қарсылықтарыңызды ${dateTimeText(d.objectionsCloseAt)} дейін білдіре аласыз.`,
    `По делу № ${caseNumber} вынесено предварительное решение об отказе в оказании государственной услуги (пункт ${a.paragraph} Правил, утвержденных приказом от ${date} № ${a.number}, статья 73 АППК).`,
    `Заслушивание: ${dateTimeText(d.hearingAt)}, ${d.hearingPlace}${until.ru}. Возражения принимаются до ${dateTimeText(d.objectionsCloseAt)}.`,
  ].join(' ');
}

const both = (t: Bilingual, margin: number[] = [0, 0, 0, 8]) => [
  { text: t.kk, margin: [0, 0, 0, 3] },
  { text: t.ru, margin },
];
const labelled = (label: Bilingual, value: string) => ({ text: [{ text: `${label.kk} / ${label.ru}: `, bold: true }, value], margin: [0, 2, 0, 2] });

/** The PDF's content (pdfmake), after the header with the provider and the recipient. */
export function hearingNoticeContent(d: HearingNoticeData): unknown[] {
  const citation = hearingActCitation(d.act);
  return [
    { text: 'Мемлекеттік қызмет көрсетуден бас тарту туралы алдын ала шешім және тыңдау туралы хабарлама', style: 'title' },
    { text: 'Уведомление о предварительном решении об отказе в оказании государственной услуги и о заслушивании', style: 'title', margin: [0, 0, 0, 12] },
    ...both({
      kk: `${citation.kk} және ${administrativeProceduralCode.kk} негізінде Сізге мемлекеттік қызмет көрсетуден бас тарту туралы алдын ала шешім туралы, сондай-ақ алдын ала шешім бойынша ұстанымыңызды білдіру үшін тыңдаудың уақыты мен орны (тәсілі) туралы хабарлаймыз.`,
      ru: `На основании ${citation.ru} и ${administrativeProceduralCode.ruGenitive} уведомляем Вас о предварительном решении об отказе в оказании государственной услуги, а также о времени и месте (способе) заслушивания для выражения Вашей позиции по предварительному решению.`,
    }),
    { text: 'Алдын ала шешімнің негіздері / Основания предварительного решения:', bold: true },
    { stack: d.grounds.map((g, i) => ({ text: `${i + 1}. ${g.kk} / ${g.ru}`, margin: [0, 0, 0, 2] })), margin: [12, 2, 0, 8] },
    { text: 'Себебі / Обоснование:', bold: true },
    { text: d.reasoning, margin: [0, 2, 0, 8] },
    labelled({ kk: 'Тыңдаудың күні мен уақыты', ru: 'Дата и время заслушивания' }, dateTimeText(d.hearingAt)),
    labelled({ kk: 'Тыңдаудың орны (тәсілі)', ru: 'Место (способ) заслушивания' }, d.hearingPlace),
    ...(d.hearingDueAt ? [labelled({ kk: 'Тыңдау өткізілетін соңғы мерзім', ru: 'Заслушивание проводится не позднее' }, dateTimeText(d.hearingDueAt))] : []),
    { text: '', margin: [0, 4, 0, 0] },
    ...both({
      kk: `Алдын ала шешім бойынша ұстанымыңызды (қарсылықтарыңызды) ${dateTimeText(d.objectionsCloseAt)} дейін жеке кабинет арқылы немесе тыңдауда білдіре аласыз. Тыңдау нәтижелері бойынша Сізге оң нәтиже не мемлекеттік қызмет көрсетуден дәлелді бас тарту жіберіледі.`,
      ru: `Свою позицию (возражения) по предварительному решению Вы можете выразить до ${dateTimeText(d.objectionsCloseAt)} через личный кабинет или на заслушивании. По результатам заслушивания Вам будет направлен положительный результат либо мотивированный отказ в оказании государственной услуги.`,
    }),
  ];
}
