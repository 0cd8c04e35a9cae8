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

/**
 * How the decision came about, true of this vote's tally: the chair's casting vote only when the
 * votes cast were tied; a vote closed early (seed 002 para 9(1) as README reads it: closed once
 * the members still to vote could not change the outcome) says so and why, never "a tie".
 */
function howDecided(d: CommissionDecisionData, pro: number, con: number): Bilingual {
  const chairVote = d.votes.find((v) => v.chair)?.vote;
  const left = d.notVoted.length;
  if (pro === con) {
    if (d.decidedBy === 'chair' && chairVote && chairVote !== 'abstain')
      return { kk: `Дауыстар тең бөлінді (${pro}–${con}): комиссия төрағасының дауысы шешуші болды.`, ru: `Голоса разделились поровну (${pro}–${con}): решающим стал голос председателя комиссии.` };
    return { kk: `Дауыстар тең бөлінді (${pro}–${con}), төраға қалыс қалды: жекешелендіруді жақтаған көпшілік жоқ.`, ru: `Голоса разделились поровну (${pro}–${con}), председатель воздержался: большинства за приватизацию нет.` };
  }
  const majority: Bilingual = { kk: `Шешім берілген дауыстардың көпшілігімен қабылданды (${Math.max(pro, con)}–${Math.min(pro, con)}).`, ru: `Решение принято большинством поданных голосов (${Math.max(pro, con)}–${Math.min(pro, con)}).` };
  if (!left) return majority;
  // Closed early: the members still to vote could at most have evened the count, and a tie would go the chair's way.
  const leading = Math.max(pro, con);
  const trailing = Math.min(pro, con);
  if (trailing + left < leading) return { kk: `${majority.kk} Дауыс бермеген мүшелердің (${left}) дауыстары шешімді өзгерте алмайтын еді.`, ru: `${majority.ru} Голоса не проголосовавших членов (${left}) не могли изменить решение.` };
  if (chairVote === 'for' || chairVote === 'against') {
    const side = chairVote === 'for' ? { kk: 'жақтап', ru: '«за»' } : { kk: 'қарсы', ru: '«против»' };
    return {
      kk: `${majority.kk} Дауыс бермеген мүшелердің (${left}) дауыстары тек теңдікке әкеле алатын еді, ал теңдік кезінде төрағаның дауысы шешуші, төраға ${side.kk} дауыс берді; сондықтан дауыс беру шешім анықталған соң жабылды.`,
      ru: `${majority.ru} Голоса не проголосовавших членов (${left}) могли дать лишь равенство, а при равенстве решает голос председателя, который проголосовал ${side.ru}; поэтому голосование закрыто, когда решение определилось.`,
    };
  }
  return {
    kk: `${majority.kk} Дауыс бермеген мүшелердің (${left}) дауыстары тек теңдікке әкеле алатын еді, ал төраға қалыс қалғанда теңдік жекешелендіруді жақтаған көпшілік емес; сондықтан дауыс беру шешім анықталған соң жабылды.`,
    ru: `${majority.ru} Голоса не проголосовавших членов (${left}) могли дать лишь равенство, а при равенстве и воздержавшемся председателе большинства за приватизацию нет; поэтому голосование закрыто, когда решение определилось.`,
  };
}

export function commissionDecisionContent(d: CommissionDecisionData): unknown[] {
  const act = hearingActs.privatization;
  const tally = (vote: 'for' | 'against' | 'abstain') => d.votes.filter((v) => v.vote === vote).length;
  const outcome: Bilingual =
    d.decision === 'approved'
      ? { kk: 'Тұрғын үйді жекешелендіруге рұқсат етілсін.', ru: 'Разрешить приватизацию жилища.' }
      : { kk: 'Тұрғын үйді жекешелендіруден бас тартылсын.', ru: 'Отказать в приватизации жилища.' };
  const how = howDecided(d, tally('for'), tally('against'));
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
