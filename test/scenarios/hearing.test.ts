import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { TestQyzmet } from '../support/app.js';
import { caseDriver, internalWords, scenarioHooks, type Task } from '../support/cases.js';
import { databaseTargets } from '../support/databases.js';
import type { SimulatorProcess } from '../support/simulator.js';

type History = { type: string; elementId: string | null; actor: string; at: string; data: Record<string, any> }[];

const caller = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'fixtures', 'hearing-caller.bpmn'), 'utf8');

/** Each act's hearing terms as its text sets them (the caller fixture knows each act's term of service). */
const acts = {
  /** Seed 001 para 13; para 8: 15 working days. */
  '001': {
    act: 'stateHousingQueue',
    noticeLeadTime: { amount: 3, unit: 'workingDays', start: 'beforeTermEnd' },
    objectionWindow: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
    hearingLimit: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
  },
  /** Seed 002 para 10; stages 1–2 take 30 calendar days (para 6). No limit on the hearing itself. */
  '002': {
    act: 'privatization',
    noticeLeadTime: { amount: 15, unit: 'calendarDays', start: 'afterPreliminaryDecision' },
    objectionWindow: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
    hearingLimit: null,
  },
  /** Seed 003 para 17; para 13: 1 working day (no own housing for 5 years). */
  '003': {
    act: 'housingProvisionCenter',
    noticeLeadTime: { amount: 3, unit: 'workingDays', start: 'beforeTermEnd' },
    objectionWindow: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
    hearingLimit: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
  },
} as const;

const applicant = { iin: '840512310075', applicant: { lastName: 'Ахметов', firstName: 'Ерлан', middleName: 'Серікұлы' } };
const grounds = [
  {
    kk: 'Стандарттың 9-тармағының 2) тармақшасы: көрсетілетін қызметті алушының Қағидаларға сәйкес келмеуі',
    ru: 'подпункт 2) пункта 9 Стандарта: несоответствие услугополучателя Правилам',
  },
];
const reasoning = 'По сведениям регистра недвижимости за заявителем с 2022 года зарегистрирована квартира в г. Алматы.';

/**
 * The hearing on a preliminary refusal (processes/hearing.bpmn) called by a case under each act
 * that requires one (seeds 001 para 13, 002 para 10, 003 para 17), through the REST API: the
 * notice's due instant, the notice (PDF and personal account, Kazakh and Russian), the objection
 * window's timer at its exact instant or the objection message, the hearing due at its limit, and
 * the outcome back in the caller — a positive result on the normal path, a reasoned refusal as the
 * BPMN error HearingRefusal on the call activity's boundary. Almaty time is UTC+5.
 */
for (const database of databaseTargets()) describe(`hearing on a preliminary refusal (processes/hearing.bpmn, ${database.name})`, () => {
  let sim: SimulatorProcess;
  let t: TestQyzmet;
  scenarioHooks(database, ['hearing.bpmn'], (qyzmet, simulator) => {
    t = qyzmet;
    sim = simulator;
  });

  const cases = () => caseDriver(t, 'hearing-caller', /^(registered|refused)$/);
  const hearings = () => caseDriver(t, 'hearing', /^(positiveResult|reasonedRefusal)$/);
  const moveClock = (iso: string) => t.api.post('/api/clock').send({ now: iso }).expect(200);
  const history = async (id: string): Promise<History> => (await t.api.get(`/api/instances/${id}`)).body.history;
  const openTasks = async (id: string): Promise<Task[]> => (await t.api.get('/api/tasks').query({ instance: id })).body;
  const form = async (task: Task) => (await t.api.get(`/api/tasks/${task.id}/form`)).body.data;
  const notes = async () => ((await sim.admin('GET', '/admin/notifications')) as { iin: string; text: string; duplicate: boolean }[]).filter((d) => !d.duplicate).map((d) => d.text);

  /** Files a case under `act` whose check found grounds to refuse: it calls the hearing at once. */
  async function fileCase(act: keyof typeof acts) {
    await t.deploy(caller);
    const { act: key, ...terms } = acts[act];
    const c = cases();
    const started = await c.apply({ ...applicant, act: key, ...terms, grounds, reasoning });
    const d = await c.details(started.id);
    const call = d.activities.find((a: { kind: string }) => a.kind === 'call');
    expect(call, JSON.stringify(d.activities)).to.not.equal(undefined);
    return { ...started, dueAt: d.dueAt as string, hearingId: call.instanceId as string };
  }

  it('seed 001: notice due 3 working days before the 15-day term ends; no objection before the hearing starts; hearing → approval, the caller goes on', async () => {
    const filed = await fileCase('001');
    // Registered Monday 2 March 09:00; 15 working days (9 March and Nauryz 23–25 March off) end Friday 27 March 18:30.
    expect(filed.dueAt).to.equal('2026-03-27T13:30:00.000Z');
    const h = hearings();
    let d = await h.details(filed.hearingId);
    expect(d.variables).to.include({ termEndsAt: '2026-03-27T13:30:00.000Z', noticeDueAt: '2026-03-19T13:30:00.000Z', noticeLate: false });
    const [prepare] = await openTasks(filed.hearingId);
    // At least 3 working days before 27 March: 26, 20 and 19 March, so by Thursday 19 March 18:30.
    expect(prepare).to.include({ elementId: 'prepareNotice', dueAt: '2026-03-19T13:30:00.000Z', overdue: false });
    expect(await form(prepare!)).to.deep.include({ act: 'stateHousingQueue', preliminaryReasoning: reasoning, noticeLate: false });

    await moveClock('2026-03-03T05:00:00Z'); // Tuesday 10:00
    await h.complete(filed.hearingId, 'prepareNotice', { hearingAt: '2026-03-05T06:00:00Z', hearingPlace: 'г. Алматы, пр. Абая 90, каб. 214' });
    d = await h.details(filed.hearingId);
    // 2 working days from Tuesday's notice: Wednesday 4 and Thursday 5 March, to 18:30.
    expect(d.variables).to.include({ noticeSentAt: '2026-03-03T05:00:00.000Z', objectionDueAt: '2026-03-05T13:30:00.000Z', hearingDueAt: '2026-03-05T13:30:00.000Z', objectionsCloseAt: '2026-03-05T06:00:00.000Z', hearingTimeProblem: null });
    expect(await h.documents(filed.hearingId)).to.deep.equal(['hearingNotice']);

    const pdf = await h.documentText(filed.hearingId, 'hearingNotice');
    expect(pdf).to.not.match(internalWords);
    expect(pdf).to.include('Мемлекеттік қызмет көрсетуден бас тарту туралы алдын ала шешім және тыңдау туралы хабарлама');
    expect(pdf).to.include('Уведомление о предварительном решении об отказе в оказании государственной услуги и о заслушивании');
    expect(pdf).to.include('2021 жылғы 13 тамыздағы № 441 бұйрығымен бекітілген');
    expect(pdf).to.include('қағидаларының 13-тармағы');
    expect(pdf).to.include('На основании пункта 13 Правил оказания государственной услуги');
    expect(pdf).to.include('от 13.08.2021 № 441');
    expect(pdf).to.include('Әкімшілік рәсімдік-процестік кодексінің 73-бабы');
    expect(pdf).to.include('статьи 73 Административного процедурно-процессуального кодекса');
    expect(pdf).to.include(`${grounds[0]!.kk} / ${grounds[0]!.ru}`);
    expect(pdf).to.include(reasoning);
    expect(pdf).to.include('Тыңдаудың күні мен уақыты / Дата и время заслушивания: 05.03.2026 11:00');
    expect(pdf).to.include('Тыңдаудың орны (тәсілі) / Место (способ) заслушивания: г. Алматы, пр. Абая 90, каб. 214');
    expect(pdf).to.include('Заслушивание проводится не позднее: 05.03.2026 18:30');
    expect(pdf).to.include('05.03.2026 11:00 дейін жеке кабинет арқылы немесе тыңдауда білдіре аласыз');
    expect(pdf).to.include('Вы можете выразить до 05.03.2026 11:00 через личный кабинет или на заслушивании');
    expect(pdf).to.include('Жергілікті атқарушы органның тұрғын үй қатынастары бөлімі');
    expect(await notes()).to.deep.equal([
      `Іс № ${filed.businessKey} бойынша мемлекеттік қызмет көрсетуден бас тарту туралы алдын ала шешім шығарылды (13.08.2021 № 441 бұйрықпен бекітілген Қағидалардың 13-тармағы, ӘРПК 73-бабы). Тыңдау: 05.03.2026 11:00, г. Алматы, пр. Абая 90, каб. 214 (05.03.2026 18:30 кешіктірмей). Қарсылықтарыңызды 05.03.2026 11:00 дейін білдіре аласыз. По делу № ${filed.businessKey} вынесено предварительное решение об отказе в оказании государственной услуги (пункт 13 Правил, утвержденных приказом от 13.08.2021 № 441, статья 73 АППК). Заслушивание: 05.03.2026 11:00, г. Алматы, пр. Абая 90, каб. 214 (не позднее 05.03.2026 18:30). Возражения принимаются до 05.03.2026 11:00.`,
    ]);

    // The window waits for an objection until the hearing starts, and not a second less.
    await moveClock('2026-03-05T05:59:59Z');
    expect((await h.details(filed.hearingId)).activities.map((a: { elementId: string; kind: string }) => `${a.kind} ${a.elementId}`).sort()).to.deep.equal(['message awaitObjection', 'timer objectionWindowClosed']);
    await moveClock('2026-03-05T06:00:00Z');
    const [hold] = await openTasks(filed.hearingId);
    expect(hold).to.include({ elementId: 'holdHearing', dueAt: '2026-03-05T13:30:00.000Z' });
    const fired = (await history(filed.hearingId)).filter((e) => e.type === 'timer.fired' || (e.type === 'activity.entered' && e.elementId === 'objectionWindowClosed'));
    expect(fired.map((e) => [e.elementId, e.at])).to.deep.include(['objectionWindowClosed', '2026-03-05T06:00:00.000Z']);

    await moveClock('2026-03-05T07:00:00Z');
    await h.complete(filed.hearingId, 'holdHearing', { hearingOutcome: 'positive', hearingMinutes: 'Заявитель пояснил, что квартира продана в 2023 году; договор купли-продажи представлен.' });
    expect((await h.details(filed.hearingId)).status).to.equal('completed');
    const c = cases();
    const after = await c.details(filed.id);
    expect(after.variables).to.include({ hearingOutcome: 'positive' });
    expect(after.variables.objection ?? null, 'no objection came').to.equal(null);
    expect((await openTasks(filed.id)).map((x) => x.elementId)).to.deep.equal(['issueResult']);
  });

  it('seed 003, filed on a Friday evening with a 1-working-day term: the notice is late from the start, a time past the limit goes back, the objection arrives, hearing → refusal caught by the caller, which shows overdue', async () => {
    await moveClock('2026-03-06T15:00:00Z'); // Friday 6 March 20:00; Monday 9 March is the day off for 8 March
    const filed = await fileCase('003');
    // Registered Tuesday 10 March 09:00; 1 working day: Wednesday 11 March 18:30.
    expect(filed.dueAt).to.equal('2026-03-11T13:30:00.000Z');
    const h = hearings();
    const d = await h.details(filed.hearingId);
    // 3 working days before Wednesday 11 March: 10, 6 and 5 March — before the case was even filed (seed 003 para 17 vs para 13).
    expect(d.variables).to.include({ noticeDueAt: '2026-03-05T13:30:00.000Z', noticeLate: true });
    const [prepare] = await openTasks(filed.hearingId);
    expect(prepare).to.include({ elementId: 'prepareNotice', dueAt: '2026-03-05T13:30:00.000Z', overdue: true });

    await moveClock('2026-03-10T05:00:00Z'); // Tuesday 10:00
    // Friday 13 March is past the limit: 2 working days from Tuesday are 11 and 12 March.
    await h.complete(filed.hearingId, 'prepareNotice', { hearingAt: '2026-03-13T05:00:00Z', hearingPlace: 'Видеоконференция, ссылка в личном кабинете' });
    const [again] = await openTasks(filed.hearingId);
    expect(again!.elementId).to.equal('prepareNotice');
    expect((await form(again!)).hearingTimeProblem).to.equal('the hearing (2026-03-13T05:00:00.000Z) must be held no later than 2026-03-12T13:30:00.000Z, 2 workingDays after the notice');
    expect(await h.documents(filed.hearingId)).to.deep.equal([]);
    expect(await notes()).to.deep.equal([]);
    await h.complete(filed.hearingId, 'prepareNotice', { hearingAt: '2026-03-12T06:00:00Z', hearingPlace: 'Видеоконференция, ссылка в личном кабинете' });
    const pdf = await h.documentText(filed.hearingId, 'hearingNotice');
    expect(pdf).to.include('2025 жылғы 17 сәуірдегі № 130 бұйрығымен бекітілген');
    expect(pdf).to.include('қағидаларының 17-тармағы');
    expect(pdf).to.include('На основании пункта 17 Правил постановки на учет граждан Республики Казахстан, нуждающихся в жилище, кандасов в электронной базе «Центр обеспечения жильем»');
    expect(pdf).to.include('от 17.04.2025 № 130');
    // The provider as the seeds write the bank's name: its own name in "…" inside the company's «…».
    expect(pdf).to.include('«"Отбасы банк" тұрғын үй құрылыс жинақ банкі» АҚ').and.include('АО «Жилищный строительный сберегательный банк "Отбасы банк"»');
    expect(pdf).to.include('Заслушивание проводится не позднее: 12.03.2026 18:30');
    const [note] = await notes();
    expect(note).to.include('(17.04.2025 № 130 бұйрықпен бекітілген Қағидалардың 17-тармағы, ӘРПК 73-бабы)');
    expect(note).to.include('(пункт 17 Правил, утвержденных приказом от 17.04.2025 № 130, статья 73 АППК)');

    await moveClock('2026-03-11T07:00:00Z'); // Wednesday 12:00
    const objection = 'Квартира продана в 2023 году, прошу учесть договор купли-продажи.';
    const res = await t.api.post('/api/messages').send({ name: 'HearingObjection', businessKey: filed.businessKey, variables: { objection } });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    await t.qyzmet.jobs.runDue();
    const [hold] = await openTasks(filed.hearingId);
    expect(hold).to.include({ elementId: 'holdHearing', dueAt: '2026-03-12T13:30:00.000Z' });
    expect(await form(hold!)).to.include({ objection, hearingAt: '2026-03-12T06:00:00Z' });

    // The hearing runs past the case's 1 working day: the case shows overdue, nothing is suspended.
    await moveClock('2026-03-12T07:00:00Z'); // Thursday 12:00
    const c = cases();
    expect(await c.details(filed.id)).to.include({ overdue: true, dueAt: '2026-03-11T13:30:00.000Z' });
    const refusalReasoning = 'Договор купли-продажи не прошел государственную регистрацию; квартира числится за заявителем.';
    await h.complete(filed.hearingId, 'holdHearing', { hearingOutcome: 'refusal', hearingMinutes: 'Заявитель настаивает на продаже квартиры, регистрации перехода права нет.', refusalReasoning });

    const hearing = await h.details(filed.hearingId);
    expect(hearing.status).to.equal('failed');
    const after = await c.details(filed.id);
    expect((await openTasks(filed.id)).map((x) => x.elementId)).to.deep.equal(['issueRefusal']);
    expect(after.variables).to.deep.include({ hearingOutcome: 'refusal', objection, refusalReasoning, refusalGrounds: grounds });
    const returned = (await history(filed.id)).filter((e) => e.type === 'call.returned');
    expect(returned.map((e) => e.data.error)).to.deep.equal([{ id: 'hearingRefusalError', name: 'Reasoned refusal after the hearing', code: 'HearingRefusal', elementId: 'reasonedRefusal' }]);
    expect(returned[0]!.data.variables).to.include({ refusalReasoning, hearingOutcome: 'refusal' });
  });

  it('seed 002 over Nauryz: notice within 15 calendar days, objections within 2 working days of it — the timer fires at the exact instant; no hearing limit, so the hearing is due when the case is', async () => {
    await moveClock('2026-03-19T05:00:00Z'); // Thursday 19 March 10:00
    const filed = await fileCase('002');
    // 30 calendar days: Saturday 18 April moves to Monday 20 April.
    expect(filed.dueAt).to.equal('2026-04-20T13:30:00.000Z');
    const h = hearings();
    expect((await h.details(filed.hearingId)).variables).to.include({ noticeDueAt: '2026-04-03T13:30:00.000Z', noticeLate: false });

    await moveClock('2026-03-20T12:00:00Z'); // Friday 20 March 17:00
    await h.complete(filed.hearingId, 'prepareNotice', { hearingAt: '2026-04-01T05:00:00Z', hearingPlace: 'Жилищная комиссия, г. Алматы, ул. Толе би 57' });
    // 21–22 March is a weekend and 23–25 March Nauryz: the 2 working days are 26 and 27 March.
    expect((await h.details(filed.hearingId)).variables).to.include({ objectionDueAt: '2026-03-27T13:30:00.000Z', objectionsCloseAt: '2026-03-27T13:30:00.000Z', hearingDueAt: null });
    const pdf = await h.documentText(filed.hearingId, 'hearingNotice');
    expect(pdf).to.include('2021 жылғы 12 тамыздағы № 437 бұйрығымен бекітілген');
    expect(pdf).to.include('На основании пункта 10 Правил оказания государственной услуги «Приватизация жилищ из государственного жилищного фонда»');
    expect(pdf).to.include('27.03.2026 18:30 дейін');
    expect(pdf).to.not.include('Заслушивание проводится не позднее');

    await moveClock('2026-03-27T13:29:59Z');
    expect(await openTasks(filed.hearingId)).to.deep.equal([]);
    await moveClock('2026-03-27T13:30:00Z');
    const [hold] = await openTasks(filed.hearingId);
    expect(hold).to.include({ elementId: 'holdHearing', dueAt: '2026-04-20T13:30:00.000Z' });
    await moveClock('2026-04-01T06:00:00Z');
    await h.complete(filed.hearingId, 'holdHearing', { hearingOutcome: 'positive', hearingMinutes: 'Комиссия заслушала заявителя; замечания к документам сняты.' });
    expect((await openTasks(filed.id)).map((x) => x.elementId)).to.deep.equal(['issueResult']);
  });

  it('refuses a hearing started without one of its terms (400 naming the variable), and a caller that does not pass it (422 naming the call activity and the variable)', async () => {
    const { act, noticeLeadTime, objectionWindow } = acts['001'];
    const direct = await t.api.post('/api/definitions/hearing/instances').send({ businessKey: 'H-1', variables: { ...applicant, act, preliminaryGrounds: grounds, preliminaryReasoning: reasoning, noticeLeadTime, objectionWindow } });
    expect(direct.status).to.equal(400);
    expect(direct.body.error).to.match(/variables\.hearingLimit/);

    await t.deploy(caller);
    const { hearingLimit: _, ...withoutLimit } = acts['001'];
    const res = await t.api.post('/api/definitions/hearing-caller/instances').send({ businessKey: 'C-1', variables: { ...applicant, ...withoutLimit, grounds, reasoning } });
    expect(res.status).to.equal(422);
    expect(res.body.error).to.match(/^hearing: the inputs of "hearing" \(camunda:in\) do not fit its form — .*variables\.hearingLimit/);
    expect((await t.api.get('/api/instances').query({ businessKey: 'C-1' })).body).to.deep.equal([]);
  });
});
