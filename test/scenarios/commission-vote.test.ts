import { expect } from 'chai';
import { commissionOutcome } from '../../src/engine/index.js';
import { fixture, type TestQyzmet } from '../support/app.js';
import { caseDriver, deployedQyzmet, internalWords, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';

const password = 'commission-member-2026';
/** Members of the Auezov district's housing commission; the first is the chair. */
const people = [
  ['zhanar', 'Жанар Сәрсенбаева'],
  ['bolat', 'Болат Оспанов'],
  ['gulnar', 'Гүлнар Әбенова'],
  ['yerlan', 'Ерлан Құдайбергенов'],
  ['aliya', 'Әлия Нұрланқызы'],
] as const;
const subject = {
  kk: 'Алматы қ., Әуезов ауданы, 8-шағын аудан, 12-үй, 45-пәтерді А. Қасымоваға сатып алу арқылы жекешелендіру',
  ru: 'Приватизация квартиры по адресу г. Алматы, Ауэзовский район, мкр. 8, д. 12, кв. 45 Касымовой А. путем выкупа',
};
const request = { provider: 'default', subject, applicantName: 'Қасымова Әлия Нұрланқызы', iin: '750930410421', address: 'Алматы қ., Әуезов ауданы, 8-шағын аудан, 12-үй, 45-пәтер' };

/**
 * The housing commission's vote (processes/commission-vote.bpmn; seed 002 para 9(1)) through the
 * REST API: an admin seats the commission, each member votes in their own session, the vote ends
 * as soon as its outcome is certain (the tasks still open are closed), the head registers and
 * signs, and the decision's PDF lists every vote. Also called from a case, as privatization.bpmn
 * will call it.
 */
for (const database of databaseTargets()) describe(`the housing commission's vote (processes/commission-vote.bpmn, ${database.name})`, () => {
  let t: TestQyzmet;
  after(() => database.stop());
  beforeEach(async () => {
    t = await deployedQyzmet(database, ['commission-vote.bpmn']);
  });
  afterEach(() => t.close());

  const votes = () => caseDriver(t, 'commission-vote', /^decisionIssued$/);

  /** Accounts for the first `size` people (commission role, default provider) and the commission with the first as chair. */
  async function seat(size: number) {
    const members = people.slice(0, size);
    for (const [username, displayName] of members) await t.api.post('/api/users').send({ username, password, displayName, roles: ['commission'], provider: 'default' }).expect(201);
    await t.api.put('/api/providers/default/commission').send({ members: members.map(([u]) => u), chair: members[0]![0] }).expect(200);
    return members.map(([u]) => u);
  }

  async function start(variables: Record<string, unknown> = request) {
    const res = await t.api.post('/api/definitions/commission-vote/instances').send({ businessKey: 'PRV-2026-000031', variables });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    return res.body.id as string;
  }

  const voteTasks = async (id: string) => ((await t.api.get('/api/instances/' + id)).body.tasks as (Task & { status: string })[]).filter((x) => x.elementId === 'castVote');
  const openVotes = async (id: string) => (await voteTasks(id)).filter((x) => x.status === 'open');

  /** `member` votes in their own session; answers the HTTP response. */
  async function vote(id: string, member: string, choice: 'for' | 'against' | 'abstain', reason?: string) {
    const task = (await openVotes(id)).find((x) => x.assignee === member);
    expect(task, `${member}'s vote among ${JSON.stringify((await openVotes(id)).map((x) => x.assignee))}`).to.not.equal(undefined);
    const res = await (await t.as(member, password)).post(`/api/tasks/${task!.id}/complete`).send({ variables: { vote: choice, ...(reason ? { reason } : {}) } });
    await t.qyzmet.jobs.runDue();
    return res;
  }
  async function cast(id: string, ballots: [string, 'for' | 'against' | 'abstain', string?][]) {
    for (const [member, choice, reason] of ballots) {
      const res = await vote(id, member, choice, reason);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
  }
  const variables = async (id: string) => (await votes().details(id)).variables;
  async function sign(id: string, number = '17/2026') {
    await votes().complete(id, 'registerDecision', { decisionNumber: number, signedBy: 'Серік Жұмабаев', signature: true });
  }

  it('gives each of 3 members a vote assigned to them alone, and decides once 2 vote for: the third vote is closed', async () => {
    const members = await seat(3);
    const id = await start();
    expect((await openVotes(id)).map((x) => x.assignee).sort()).to.deep.equal([...members].sort());
    // Only the member sees their vote: to another member it does not exist.
    const [bolatTask] = (await openVotes(id)).filter((x) => x.assignee === 'bolat');
    await (await t.as('zhanar', password)).post(`/api/tasks/${bolatTask!.id}/complete`).send({ variables: { vote: 'for' } }).expect(404);
    expect(((await (await t.as('zhanar', password)).get('/api/tasks')).body as Task[]).map((x) => x.assignee)).to.deep.equal(['zhanar']);

    await cast(id, [['zhanar', 'for'], ['bolat', 'for']]);
    expect((await voteTasks(id)).map((x) => `${x.assignee} ${x.status}`).sort()).to.deep.equal(['bolat completed', 'gulnar canceled', 'zhanar completed']);
    expect((await votes().openTasks(id)).map((x) => x.elementId)).to.deep.equal(['registerDecision']);
    const v = await variables(id);
    expect(v.commissionDecision).to.equal('approved');
    expect(v.commissionDecidedBy).to.equal('majority');
    expect(v.commissionVotes).to.deep.equal([
      { member: 'zhanar', name: 'Жанар Сәрсенбаева', vote: 'for', reason: null, at: '2026-03-02T04:00:00.000Z' },
      { member: 'bolat', name: 'Болат Оспанов', vote: 'for', reason: null, at: '2026-03-02T04:00:00.000Z' },
    ]);
  });

  it('records a 3–2 split of 5 with each member and reason, waiting for the fifth vote while 2–2 could still go either way', async () => {
    await seat(5);
    const id = await start();
    await cast(id, [
      ['bolat', 'for'],
      ['gulnar', 'against', 'Жалға алу шартында көрсетілген отбасы құрамы тіркелімге сәйкес келмейді.'],
      ['zhanar', 'for'],
      ['yerlan', 'against', 'Нет справки об отсутствии задолженности по арендной плате.'],
    ]);
    expect((await openVotes(id)).map((x) => x.assignee)).to.deep.equal(['aliya']);
    t.clock.set(new Date('2026-03-02T06:30:00Z'));
    await cast(id, [['aliya', 'for']]);
    const v = await variables(id);
    expect(v.commissionDecision).to.equal('approved');
    expect(v.commissionDecidedBy).to.equal('majority');
    expect((v.commissionVotes as { member: string; vote: string; reason: string | null; at: string }[]).map((x) => [x.member, x.vote, x.reason, x.at])).to.deep.equal([
      ['bolat', 'for', null, '2026-03-02T04:00:00.000Z'],
      ['gulnar', 'against', 'Жалға алу шартында көрсетілген отбасы құрамы тіркелімге сәйкес келмейді.', '2026-03-02T04:00:00.000Z'],
      ['zhanar', 'for', null, '2026-03-02T04:00:00.000Z'],
      ['yerlan', 'against', 'Нет справки об отсутствии задолженности по арендной плате.', '2026-03-02T04:00:00.000Z'],
      ['aliya', 'for', null, '2026-03-02T06:30:00.000Z'],
    ]);
    expect((await voteTasks(id)).every((x) => x.status === 'completed')).to.equal(true);
  });

  it('decides early: 3 of 5 against close the other two votes, and no vote task is left open', async () => {
    await seat(5);
    const id = await start();
    await cast(id, [
      ['aliya', 'against', 'Тұрғын үй коммуналдық тұрғын үй қорына жатпайды.'],
      ['yerlan', 'against', 'Жилище не относится к коммунальному жилищному фонду.'],
    ]);
    expect(await openVotes(id)).to.have.length(3);
    await cast(id, [['gulnar', 'against', 'Тұрғын үй коммуналдық қорда тіркелмеген.']]);
    expect(await openVotes(id)).to.deep.equal([]);
    expect((await voteTasks(id)).filter((x) => x.status === 'canceled').map((x) => x.assignee).sort()).to.deep.equal(['bolat', 'zhanar']);
    expect((await variables(id)).commissionDecision).to.equal('refused');
    // A member whose vote was closed can no longer vote.
    const closed = (await voteTasks(id)).find((x) => x.assignee === 'bolat')!;
    expect((await (await t.as('bolat', password)).post(`/api/tasks/${closed.id}/complete`).send({ variables: { vote: 'for' } })).status).to.be.oneOf([404, 409]);
  });

  it('decides a 2–2 tie of an even commission by the chair\'s vote', async () => {
    await seat(4);
    const id = await start();
    await cast(id, [['bolat', 'for'], ['gulnar', 'for'], ['zhanar', 'against', 'Есть решение суда о лишении права.'], ['yerlan', 'against', 'Есть решение суда о лишении права.']]);
    const v = await variables(id);
    expect([v.commissionDecision, v.commissionDecidedBy]).to.deep.equal(['refused', 'chair']);
  });

  it('decides a tie early once the chair voted: 2 for (the chair among them) and 1 against of 4 cannot end worse than 2–2', async () => {
    await seat(4);
    const id = await start();
    await cast(id, [['zhanar', 'for'], ['yerlan', 'against', 'Қарызы бар.'], ['bolat', 'for']]);
    expect(await openVotes(id)).to.deep.equal([]);
    const v = await variables(id);
    expect([v.commissionDecision, v.commissionDecidedBy]).to.deep.equal(['approved', 'chair']);
  });

  it('counts an abstention for neither side: 2–2 with one of 5 abstaining goes the chair\'s way', async () => {
    await seat(5);
    const id = await start();
    await cast(id, [['aliya', 'abstain'], ['bolat', 'against', 'Шарт мерзімі өткен.'], ['gulnar', 'for'], ['yerlan', 'against', 'Шарт мерзімі өткен.']]);
    expect((await openVotes(id)).map((x) => x.assignee)).to.deep.equal(['zhanar']);
    await cast(id, [['zhanar', 'for']]);
    const v = await variables(id);
    expect([v.commissionDecision, v.commissionDecidedBy, v.votesAbstained]).to.deep.equal(['approved', 'chair', 1]);
  });

  it('refuses a vote against without its reason with a 400 naming the field, and the vote stays open', async () => {
    await seat(3);
    const id = await start();
    const res = await vote(id, 'bolat', 'against');
    expect(res.status).to.equal(400);
    expect(res.body.details.fields).to.deep.equal([{ field: 'variables.reason', message: 'is required' }]);
    expect((await openVotes(id)).map((x) => x.assignee)).to.include('bolat');
  });

  it('registers and signs the decision, and its PDF names the act and lists each member\'s vote, in Kazakh and Russian', async () => {
    await seat(5);
    const id = await start();
    await cast(id, [['bolat', 'for'], ['gulnar', 'against', 'Отбасы құрамы сәйкес келмейді.'], ['zhanar', 'for'], ['yerlan', 'for']]);
    const [register] = await votes().openTasks(id);
    expect(register!.candidateGroups).to.deep.equal(['heads']);
    // The chair may register and sign it too.
    expect((await (await t.as('zhanar', password)).get(`/api/tasks/${register!.id}`)).status).to.equal(200);
    await sign(id);
    const d = await votes().details(id);
    expect(d.status).to.equal('completed');
    expect(await votes().documents(id)).to.deep.equal(['housingCommissionDecision']);
    const text = await votes().documentText(id, 'housingCommissionDecision');
    expect(text).to.include('Тұрғын үй комиссиясының тұрғын үйді жекешелендіру туралы шешімі').and.include('Решение жилищной комиссии о приватизации жилища').and.include('№ 17/2026');
    expect(text).to.include('12.08.2021 № 437').and.include('подпунктом 1) пункта 9');
    // The act is named once in each language, its number and date not repeated after the Kazakh title.
    expect(text.match(/№ 437/g)).to.have.length(2);
    expect(text).to.include('мемлекеттік қызмет көрсету қағидалары, 9-тармақтың 1) тармақшасына сәйкес');
    expect(text).to.include(subject.kk).and.include(subject.ru);
    expect(text).to.include('1. Болат Оспанов — жақтады / за, 02.03.2026 09:00');
    expect(text).to.include('2. Гүлнар Әбенова — қарсы / против, 02.03.2026 09:00. Себебі / Обоснование: Отбасы құрамы сәйкес келмейді.');
    expect(text).to.include('3. Жанар Сәрсенбаева (төраға / председатель) — жақтады / за');
    expect(text).to.include('Дауыс бермеді').and.include('голосование закрыто, когда решение определилось): Әлия Нұрланқызы');
    expect(text).to.include('Жақтады / За: 3; қарсы / против: 1; қалыс қалды / воздержались: 0.');
    expect(text).to.include('Тұрғын үйді жекешелендіруге рұқсат етілсін.').and.include('Разрешить приватизацию жилища.').and.include('Решение принято большинством поданных голосов (3–1). Голоса не проголосовавших членов (1) не могли изменить решение.');
    expect(text).to.include('Қасымова Әлия Нұрланқызы').and.include('Серік Жұмабаев — ЭЦҚ-мен қол қойылды / подписано ЭЦП');
    expect(text).to.not.match(internalWords);
  });

  it('stops with an incident naming the screen that sets the commission when the provider has none, and goes on once an admin sets it', async () => {
    const id = await start();
    // Three tries (10 s, then 20 s apart), then an incident.
    for (const minutes of [1, 2]) await t.api.post('/api/clock').send({ now: new Date(Date.parse('2026-03-02T04:00:00Z') + minutes * 60_000).toISOString() }).expect(200);
    const [incident] = (await votes().details(id)).incidents;
    expect(incident).to.include({ elementId: 'seatCommission', status: 'open' });
    expect(incident.message).to.equal('commission.members: provider "default" has no housing commission: an admin sets it under Providers → default → Housing commission, then retries this incident');
    await seat(3);
    await t.api.post(`/api/incidents/${incident.id}/retry`).expect(200);
    await t.qyzmet.jobs.runDue();
    expect(await openVotes(id)).to.have.length(3);
  });

  it('refuses a start without what is voted on, naming the variable', async () => {
    const res = await t.api.post('/api/definitions/commission-vote/instances').send({ businessKey: 'PRV-1', variables: { provider: 'default' } });
    expect(res.status).to.equal(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).to.deep.equal(['variables.subject']);
  });

  it('hands its decision, votes and document back to the calling case', async () => {
    await t.deploy(fixture('commission-caller.bpmn'));
    await seat(3);
    const res = await t.api.post('/api/definitions/commission-caller/instances').send({ businessKey: 'PRV-2026-000040', variables: { provider: 'default', voteSubject: subject, applicantName: request.applicantName, iin: request.iin, dwellingAddress: request.address } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    await t.qyzmet.jobs.runDue();
    const [called] = (await t.api.get('/api/instances').query({ definition: 'commission-vote' })).body as { id: string; businessKey: string }[];
    expect(called!.businessKey).to.equal('PRV-2026-000040');
    const voteId = called!.id;
    await cast(voteId, [['gulnar', 'against', 'Документы недостоверны.'], ['bolat', 'against', 'Документы недостоверны.']]);
    await sign(voteId, '18/2026');
    const caller = await caseDriver(t, 'commission-caller', /^(approved|refused)$/).details(res.body.id);
    expect(caller.status).to.equal('completed');
    expect(caseDriver(t, 'commission-caller', /^(approved|refused)$/).ended(caller)).to.deep.equal(['refused']);
    expect(caller.variables.commissionDecision).to.equal('refused');
    expect(caller.variables.decisionNumber).to.equal('18/2026');
    expect(caller.variables.commissionVotes.map((x: { member: string }) => x.member)).to.deep.equal(['gulnar', 'bolat']);
    expect(caller.variables.housingCommissionDecision.sha256).to.match(/^[0-9a-f]{64}$/);
  });
});

describe('commissionOutcome: the decision once it is certain', () => {
  const of = (members: string[], ballots: [string, 'for' | 'against' | 'abstain'][]) => commissionOutcome(ballots.map(([member, vote]) => ({ member, vote })), members, members[0]!);
  const five = ['c', 'b', 'd', 'e', 'f'];
  it('waits while the votes to come could still change it', () => {
    expect(of(five, [['b', 'for'], ['d', 'for']])).to.equal(null);
    expect(of(five, [['b', 'for'], ['d', 'against'], ['e', 'for'], ['f', 'against']])).to.equal(null);
    // The chair has not voted: a 2–1 lead with one of four to come could still end 2–2 either way.
    expect(of(['c', 'b', 'd', 'e'], [['b', 'for'], ['d', 'for'], ['e', 'against']])).to.equal(null);
  });
  it('decides by majority, by the chair on a tie, and refuses a tie the chair abstained on', () => {
    expect(of(five, [['b', 'for'], ['d', 'for'], ['e', 'for']])).to.deep.equal({ decision: 'approved', by: 'majority' });
    expect(of(five, [['b', 'against'], ['d', 'against'], ['e', 'against']])).to.deep.equal({ decision: 'refused', by: 'majority' });
    expect(of(['c', 'b'], [['c', 'for'], ['b', 'against']])).to.deep.equal({ decision: 'approved', by: 'chair' });
    expect(of(['c', 'b', 'd'], [['c', 'abstain'], ['b', 'against'], ['d', 'for']])).to.deep.equal({ decision: 'refused', by: 'noMajority' });
    expect(of(['c', 'b', 'd'], [['c', 'abstain'], ['b', 'abstain'], ['d', 'abstain']])).to.deep.equal({ decision: 'refused', by: 'noMajority' });
  });
});
