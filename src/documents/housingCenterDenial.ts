import { hearingActs, type Bilingual } from './acts.js';

/**
 * The reasoned denial of registration in the electronic database "Housing Provision Center"
 * (seed 003 para 16, row 5; after the hearing of para 17): every ground the decision table
 * housing-center-denial matched, each with the paragraph of the Rules (para 15) or
 * the row of Appendix 1 (row 9) it rests on, in Kazakh and Russian, naming the act by its number
 * and date.
 */
export interface HousingCenterDenialData {
  /** Each matched rule: its id in the decision table, the paragraph or row ("15(2)", "row 9(3)"), and the ground as the act words it. */
  grounds: { rule: string; paragraph: string; kk: string; ru: string }[];
  /** The hearing's reasoning for upholding the denial, as the provider's employee wrote it. */
  reasoning: string;
}

const both = (t: Bilingual, margin: number[] = [0, 0, 0, 8]) => [
  { text: t.kk, margin: [0, 0, 0, 3] },
  { text: t.ru, margin },
];

export function housingCenterDenialContent(d: HousingCenterDenialData): unknown[] {
  const act = hearingActs.housingProvisionCenter;
  return [
    { text: '«Тұрғын үймен қамтамасыз ету орталығы» электрондық базасында тұрғын үйге мұқтаж ретінде есепке қоюдан дәлелді бас тарту', style: 'title' },
    { text: 'Мотивированный отказ в постановке на учет нуждающихся в жилище в электронной базе «Центр обеспечения жильем»', style: 'title', margin: [0, 0, 0, 12] },
    ...both({
      kk: `${act.title.kk}, 16 және 17-тармақтарға сәйкес, тыңдау нәтижелері бойынша Сізді тұрғын үйге мұқтаж ретінде есепке қоюдан бас тартылды.`,
      ru: `В соответствии с пунктами 16 и 17 ${act.ruGenitive} по результатам заслушивания Вам отказано в постановке на учет нуждающихся в жилище.`,
    }),
    { text: 'Бас тарту негіздері / Основания отказа:', bold: true },
    {
      // Each ground by its paragraph, as the act words it; the decision table's rule id is ours, and stays in the case's history.
      stack: d.grounds.map((g, i) => ({ text: `${i + 1}. ${g.kk} / ${g.ru}`, margin: [0, 0, 0, 3] })),
      margin: [12, 2, 0, 8],
    },
    { text: 'Себебі / Обоснование:', bold: true },
    { text: d.reasoning || '—', margin: [0, 2, 0, 8] },
    ...both({
      kk: `Шешімге Қағидалардың 18 және 19-тармақтарында белгіленген тәртіппен көрсетілетін қызметті берушінің басшысына шағым жасалуы мүмкін; сотқа — сотқа дейінгі тәртіппен шағым жасалғаннан кейін.`,
      ru: `Решение может быть обжаловано руководителю услугодателя в порядке, установленном пунктами 18 и 19 Правил; в суд — после обжалования в досудебном порядке.`,
    }),
  ];
}
