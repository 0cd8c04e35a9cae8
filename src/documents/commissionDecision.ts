import { hearingActs, type Bilingual } from './acts.js';
import { dateTimeText } from './format.js';

/**
 * The housing commission's decision on a privatization (seed 002 para 7: "the decision of the
 * housing commission on the privatization of the dwelling"; para 9(1): registered and signed by
 * the provider), with each member's vote and reason, in Kazakh and Russian, naming the act by
 * number and date.
 */
export interface CommissionDecisionData {
  /** The registration number the provider gave it. */
  number: string;
  /** What was voted on. */
  subject: Bilingual;
  decision: 'approved' | 'refused';
  /** majority; chair: a tie the chair's vote decided; noMajority: a tie with the chair abstaining. */
  decidedBy: 'majority' | 'chair' | 'noMajority';
  chair: string;
  /** Every vote cast, in the order cast; `at` an ISO instant. Members whose vote was not needed are listed as not voted. */
  votes: { name: string; vote: 'for' | 'against' | 'abstain'; reason: string | null; at: string | null; chair: boolean }[];
  notVoted: string[];
}

const voteWords: Record<'for' | 'against' | 'abstain', Bilingual> = {
  for: { kk: 'жақтады', ru: 'за' },
  against: { kk: 'қарсы', ru: 'против' },
  abstain: { kk: 'қалыс қалды', ru: 'воздержался' },
};

export function commissionDecisionContent(d: CommissionDecisionData): unknown[] {
  const act = hearingActs.privatization;
  const tally = (vote: 'for' | 'against' | 'abstain') => d.votes.filter((v) => v.vote === vote).length;
  const outcome: Bilingual =
    d.decision === 'approved'
      ? { kk: 'Тұрғын үйді жекешелендіруге рұқсат етілсін.', ru: 'Разрешить приватизацию жилища.' }
      : { kk: 'Тұрғын үйді жекешелендіруден бас тартылсын.', ru: 'Отказать в приватизации жилища.' };
  const how: Bilingual =
    d.decidedBy === 'majority'
      ? { kk: 'Шешім дауыстардың көпшілігімен қабылданды.', ru: 'Решение принято большинством голосов.' }
      : d.decidedBy === 'chair'
        ? { kk: 'Дауыстар тең болған кезде комиссия төрағасының дауысы шешуші болды.', ru: 'При равенстве голосов решающим стал голос председателя комиссии.' }
        : { kk: 'Дауыстар тең, төраға қалыс қалды: жекешелендіруді жақтаған көпшілік жоқ.', ru: 'Голоса разделились поровну, председатель воздержался: большинства за приватизацию нет.' };
  return [
    { text: 'Тұрғын үй комиссиясының тұрғын үйді жекешелендіру туралы шешімі', style: 'title' },
    { text: 'Решение жилищной комиссии о приватизации жилища', style: 'title', margin: [0, 0, 0, 4] },
    { text: `№ ${d.number}`, style: 'title', margin: [0, 0, 0, 12] },
    { text: `${act.title.kk}, 9-тармақтың 1) тармақшасына сәйкес тұрғын үй комиссиясы мына мәселе бойынша дауыс берді:`, margin: [0, 0, 0, 3] },
    { text: `В соответствии с подпунктом 1) пункта 9 ${act.ruGenitive} жилищная комиссия проголосовала по вопросу:`, margin: [0, 0, 0, 6] },
    { text: d.subject.kk, margin: [12, 0, 0, 3] },
    { text: d.subject.ru, margin: [12, 0, 0, 8] },
    { text: 'Комиссия мүшелерінің дауыстары / Голоса членов комиссии:', bold: true },
    {
      stack: d.votes.map((v, i) => ({
        text: `${i + 1}. ${v.name}${v.chair ? ' (төраға / председатель)' : ''} — ${voteWords[v.vote].kk} / ${voteWords[v.vote].ru}${v.at ? `, ${dateTimeText(v.at)}` : ''}${v.reason ? `. Себебі / Обоснование: ${v.reason}` : ''}`,
        margin: [0, 0, 0, 2],
      })),
      margin: [12, 2, 0, 4],
    },
    ...(d.notVoted.length ? [{ text: `Дауыс бермеді (шешім анықталған соң дауыс беру жабылды) / Не голосовали (голосование закрыто, когда решение определилось): ${d.notVoted.join(', ')}`, margin: [12, 0, 0, 4] }] : []),
    { text: `Жақтады / За: ${tally('for')}; қарсы / против: ${tally('against')}; қалыс қалды / воздержались: ${tally('abstain')}.`, margin: [0, 4, 0, 8] },
    { text: 'Шешім / Решение:', bold: true },
    { text: outcome.kk, margin: [0, 2, 0, 3] },
    { text: outcome.ru, margin: [0, 0, 0, 3] },
    { text: how.kk, margin: [0, 0, 0, 3] },
    { text: how.ru, margin: [0, 0, 0, 8] },
    { text: `Комиссия төрағасы / Председатель комиссии: ${d.chair}`, margin: [0, 0, 0, 4] },
  ];
}
