import { birthDateOf, iinCheckDigit } from '../iin.js';
import type { AddressRecord, CivilStatus, Holdings, Identity, Payment, SocialStatus, WaitingLists } from '../types.js';

/**
 * The simulator's fictional citizens. Each is chosen so that one branch of one regulation has
 * someone who takes it; `path` says which (the README's table is this list). Nothing here is a
 * real person; the IINs are valid numbers made for this file.
 */
export interface Citizen {
  identity: Identity;
  addresses: AddressRecord[];
  family: CivilStatus;
  holdings: Holdings;
  social: SocialStatus;
  waitingLists: WaitingLists;
  /** The EDS certificate the citizen signs with. */
  eds: { serial: string; state: 'valid' | 'revoked' | 'expired'; iin: string };
  /** phoneRegistered: the mobile number is connected to the portal account (seed 003 para 16). */
  portal: { password: string; blocked: boolean; phoneRegistered: boolean };
  phone: string;
  /** Which regulation branch this citizen exists for. */
  path: string;
  /** Payments to the local budget this citizen made (the payment gateway), amounts in tiyn. */
  payments: Payment[];
}

/**
 * Localities as the address register names them: the name (what lists are kept by, as in
 * addresses[].locality) and the full name with its kind in Kazakh and Russian, nominative
 * ("Алматы қаласы", "город Алматы"), for documents that say "Алматы қаласы бойынша" / "по городу Алматы".
 */
const places: Record<string, { kk: string; ru: string; kkShort: string; ruShort: string }> = {
  Алматы: { kk: 'Алматы қаласы', ru: 'город Алматы', kkShort: 'Алматы қ.', ruShort: 'г. Алматы' },
  Астана: { kk: 'Астана қаласы', ru: 'город Астана', kkShort: 'Астана қ.', ruShort: 'г. Астана' },
  Шымкент: { kk: 'Шымкент қаласы', ru: 'город Шымкент', kkShort: 'Шымкент қ.', ruShort: 'г. Шымкент' },
  Тараз: { kk: 'Тараз қаласы', ru: 'город Тараз', kkShort: 'Тараз қ.', ruShort: 'г. Тараз' },
  Қызылорда: { kk: 'Қызылорда қаласы', ru: 'город Кызылорда', kkShort: 'Қызылорда қ.', ruShort: 'г. Кызылорда' },
  Қарағанды: { kk: 'Қарағанды қаласы', ru: 'город Караганда', kkShort: 'Қарағанды қ.', ruShort: 'г. Караганда' },
  Талдықорған: { kk: 'Талдықорған қаласы', ru: 'город Талдыкорган', kkShort: 'Талдықорған қ.', ruShort: 'г. Талдыкорган' },
  Павлодар: { kk: 'Павлодар қаласы', ru: 'город Павлодар', kkShort: 'Павлодар қ.', ruShort: 'г. Павлодар' },
  'Ұлан Батор': { kk: 'Ұлан Батор қаласы (Моңғолия)', ru: 'город Улан-Батор (Монголия)', kkShort: 'Ұлан Батор қ. (Моңғолия)', ruShort: 'г. Улан-Батор (Монголия)' },
};
const almaty = 'Алматы';

/** Streets by kind and name, in Kazakh and Russian. */
const streets = {
  abai: ['Абай көшесі', 'ул. Абая'],
  abylaiKhan: ['Абылай хан даңғылы', 'пр. Абылай хана'],
  baizakov: ['Байзақов көшесі', 'ул. Байзакова'],
  dostyk: ['Достық даңғылы', 'пр. Достык'],
  furmanov: ['Фурманов көшесі', 'ул. Фурманова'],
  gogol: ['Гоголь көшесі', 'ул. Гоголя'],
  makatayev: ['Мақатаев көшесі', 'ул. Макатаева'],
  raimbek: ['Райымбек даңғылы', 'пр. Райымбека'],
  satpayev: ['Сәтбаев көшесі', 'ул. Сатпаева'],
  toleBi: ['Төле би көшесі', 'ул. Толе би'],
  zhandosov: ['Жандосов көшесі', 'ул. Жандосова'],
  zheltoksan: ['Желтоқсан көшесі', 'ул. Желтоксан'],
  zhibekZholy: ['Жібек жолы даңғылы', 'пр. Жибек жолы'],
} as const;

/** An address in the register's words: Russian in `address` (as the registers answer), Kazakh beside it. */
function at(place: string, street: keyof typeof streets, house: number | string, apartment?: number | string) {
  const p = places[place]!;
  const [kk, ru] = streets[street];
  return {
    address: `${p.ruShort}, ${ru}, д. ${house}${apartment === undefined ? '' : `, кв. ${apartment}`}`,
    addressKk: `${p.kkShort}, ${kk}, ${house}-үй${apartment === undefined ? '' : `, ${apartment}-пәтер`}`,
  };
}
/** The Russian address alone, for records that hold one text. */
const ruAt = (...args: Parameters<typeof at>) => at(...args).address;

/**
 * A relative of a seeded citizen (spouse, child, a person registered in the dwelling) as the PKI
 * and the notification service know them: each signs with a certificate of their own,
 * `EDS-<iin>`, valid (seed 002 Appendices 1–2, seed 003 para 12: each adult member consents
 * with their own EDS).
 */
export interface Relative {
  iin: string;
  name: string;
  eds: { serial: string; state: 'valid'; iin: string };
}

/** An IIN for a family member who is not one of the seeded applicants. */
function memberIin(birthDate: string, sex: 'm' | 'f', serial: number): string {
  const year = Number(birthDate.slice(0, 4));
  const century = (year < 1900 ? 1 : year < 2000 ? 3 : 5) + (sex === 'f' ? 1 : 0);
  for (let s = serial; ; s++) {
    const first = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${century}${String(s % 10000).padStart(4, '0')}`;
    const check = iinCheckDigit(first);
    if (check !== null) return first + check;
  }
}

interface Seed {
  iin: string;
  name: [string, string, string];
  sex: 'm' | 'f';
  path: string;
  citizenship?: Identity['citizenship'];
  documentValidUntil?: string;
  court?: Partial<Identity['courtRestrictions']>;
  /** Where the citizen lives now and since when (locality, from). */
  lives?: [string, string];
  /** Earlier addresses: [locality, from, to]. */
  earlier?: [string, string, string][];
  marital?: CivilStatus['maritalStatus'];
  spouse?: [string, 'm' | 'f'];
  children?: [string, 'm' | 'f', string?][];
  holdings?: Partial<Holdings>;
  social?: Partial<SocialStatus>;
  waiting?: Partial<WaitingLists>;
  eds?: 'valid' | 'revoked' | 'expired' | 'foreign';
  portalBlocked?: boolean;
  /** false: no mobile number registered with the portal account. */
  phoneRegistered?: boolean;
  /** Payments made: [agreement, amount in tiyn, date, purpose]. */
  payments?: [string, number, string, string][];
}

let serial = 7000;
function citizen(seed: Seed): Citizen {
  const birthDate = birthDateOf(seed.iin);
  const [lastName, firstName, middleName] = seed.name;
  const [locality, since] = seed.lives ?? [almaty, '2012-04-01'];
  const children = (seed.children ?? []).map(([childBirth, sex, disability], i) => ({
    iin: memberIin(childBirth, sex, serial++),
    name: `${i % 2 ? 'Аружан' : 'Алихан'} ${lastName}`,
    birthDate: childBirth,
    relationship: sex === 'm' ? ('son' as const) : ('daughter' as const),
    disability: disability ?? null,
  }));
  return {
    path: seed.path,
    identity: {
      iin: seed.iin,
      lastName,
      firstName,
      middleName,
      birthDate,
      sex: seed.sex,
      citizenship: seed.citizenship ?? 'KZ',
      document: { type: 'id-card', number: `0${seed.iin.slice(3, 11)}`, issuedBy: 'ҚР ІІМ / МВД РК', issuedAt: '2019-06-01', validUntil: seed.documentValidUntil ?? '2029-05-31' },
      courtRestrictions: { activityBan: false, specialRightDeprived: false, ...seed.court },
    },
    addresses: [
      ...(seed.earlier ?? []).map(([place, from, to]) => ({ locality: place, localityName: { kk: places[place]!.kk, ru: places[place]!.ru }, ...at(place, 'abai', `1${from.slice(2, 4)}`), from, to })),
      { locality, localityName: { kk: places[locality]!.kk, ru: places[locality]!.ru }, ...at(locality, 'dostyk', Number(seed.iin.slice(8, 11)) % 200, Number(seed.iin.slice(9, 11))), from: since, to: null },
    ],
    family: {
      maritalStatus: seed.marital ?? (seed.spouse ? 'married' : 'single'),
      spouse: seed.spouse ? { iin: memberIin(seed.spouse[0], seed.spouse[1], serial++), name: `${seed.spouse[1] === 'f' ? 'Гульнара' : 'Серик'} ${lastName}`, birthDate: seed.spouse[0] } : null,
      children,
      deaths: [],
    },
    holdings: {
      owned: [],
      ownedLast5Years: [],
      alienations: [],
      movedOut: [],
      accommodated: [],
      emergencyHousing: null,
      stateTenancy: null,
      privatized: null,
      stateMortgage: null,
      ...seed.holdings,
    },
    social: {
      category: null,
      disability: null,
      employment: { kind: 'private', employerBin: null },
      income12Months: 3_600_000,
      unemployedRegistered: false,
      benefits: [],
      housingAssistanceBefore: false,
      ...seed.social,
    },
    waitingLists: { unifiedWaitingList: null, republicanDatabase: false, ...seed.waiting },
    eds: {
      serial: `EDS-${seed.iin}`,
      state: seed.eds === 'revoked' || seed.eds === 'expired' ? seed.eds : 'valid',
      iin: seed.eds === 'foreign' ? '840512310075' : seed.iin,
    },
    portal: { password: 'demo', blocked: seed.portalBlocked ?? false, phoneRegistered: seed.phoneRegistered ?? true },
    phone: `+7 701 ${seed.iin.slice(5, 8)} ${seed.iin.slice(8, 12)}`,
    payments: (seed.payments ?? []).map(([agreement, amountTiyn, date, purpose], i) => ({ paymentId: `PAY-${seed.iin.slice(6)}-${i + 1}`, payerIin: seed.iin, agreement, amountTiyn, date, purpose })),
  };
}

const flat = (cadastral: string, place: string, since: string, area = 54) => ({ cadastral, address: ruAt(place, 'satpayev', Number(cadastral.slice(-2))), locality: place, since, area });

export const citizens: readonly Citizen[] = [
  // A/B — housing assistance (seeds 000, 004)
  citizen({ iin: '840512310075', name: ['Ахметов', 'Даулет', 'Серикович'], sex: 'm', path: 'Housing assistance approved via the portal: low income, renting, two children', spouse: ['1986-02-11', 'f'], children: [['2012-09-01', 'm'], ['2016-03-12', 'f']], social: { income12Months: 1_200_000 } }),
  citizen({ iin: '510203410142', name: ['Бекова', 'Раушан', 'Тулегеновна'], sex: 'f', path: 'Housing assistance approved via the State Corporation: a pensioner living alone', marital: 'widowed', social: { employment: { kind: 'pensioner', employerBin: null }, income12Months: 1_080_000, benefits: [{ kind: 'pension', monthly: 90_000 }] } }),
  citizen({ iin: '901120410215', name: ['Жанибекова', 'Айгерим', 'Маратовна'], sex: 'f', path: 'Housing assistance: documents incomplete at the State Corporation (receipt of refusal) — ordinary data, the clerk marks what is missing' }),
  citizen({ iin: '790707310281', name: ['Омаров', 'Нурлан', 'Болатович'], sex: 'm', path: 'Housing assistance via the portal: EDS certificate revoked (seed 004 condition 2 → process 4)', eds: 'revoked' }),
  citizen({ iin: '880315310359', name: ['Сейткали', 'Арман', 'Ерланович'], sex: 'm', path: 'Housing assistance via the portal: the certificate is someone else’s, IIN does not match (condition 2 → process 4)', eds: 'foreign' }),
  citizen({ iin: '750930410421', name: ['Касымова', 'Сауле', 'Амановна'], sex: 'f', path: 'Housing assistance via the portal: EDS certificate expired (condition 2 → process 4)', eds: 'expired' }),
  citizen({ iin: '930125310497', name: ['Тохтаров', 'Ержан', 'Канатович'], sex: 'm', path: 'Housing assistance via the portal: authorization refused (seed 004 condition 1 → process 2)', portalBlocked: true }),
  citizen({ iin: '820618310563', name: ['Муканов', 'Тимур', 'Аскарович'], sex: 'm', path: 'Housing assistance refused, ground 3: a court has banned the applicant’s activity (seed 000 para 12)', court: { activityBan: true } }),
  citizen({ iin: '861201410631', name: ['Абенова', 'Динара', 'Кайратовна'], sex: 'f', path: 'Housing assistance refused, ground 4: a court deprived the applicant of a special right', court: { specialRightDeprived: true } }),
  citizen({ iin: '800409410708', name: ['Нурпеисова', 'Гаухар', 'Сабитовна'], sex: 'f', path: 'Housing assistance refused, ground 1: the declared income contradicts the tax record (12-month income 9.6 M)', social: { income12Months: 9_600_000 } }),
  citizen({ iin: '690822410778', name: ['Султанова', 'Бахыт', 'Ермековна'], sex: 'f', path: 'Housing assistance re-application: received it before, only income documents and utility bills needed', social: { housingAssistanceBefore: true, income12Months: 1_500_000 } }),
  citizen({ iin: '721010310847', name: ['Искаков', 'Марат', 'Жумабекович'], sex: 'm', path: 'Housing assistance for a person with a group 1 disability: documents collected at home via 1414 (seed 004)', social: { disability: '1', category: 'disabled', income12Months: 1_300_000, benefits: [{ kind: 'disability allowance', monthly: 110_000 }] } }),

  // C — waiting list for state housing (seed 001)
  citizen({ iin: '850214410915', name: ['Есенова', 'Мадина', 'Бауыржановна'], sex: 'f', path: 'Waiting list: eligible large family, 14 years in Almaty, no housing → queue number by SMS', spouse: ['1983-05-05', 'm'], children: [['2008-01-10', 'm'], ['2010-06-20', 'f'], ['2013-02-02', 'm'], ['2017-11-11', 'f']], social: { category: 'large family', income12Months: 2_000_000 } }),
  citizen({ iin: '940303310981', name: ['Джаксыбеков', 'Руслан', 'Нурланович'], sex: 'm', path: 'Waiting list refused: only 2 years of registered residence in Almaty (3 required)', lives: [almaty, '2024-05-01'], earlier: [['Тараз', '2010-01-01', '2024-04-30']], social: { category: 'socially vulnerable', income12Months: 1_400_000 } }),
  citizen({ iin: '770505311051', name: ['Баймуханов', 'Аскар', 'Турсунович'], sex: 'm', path: 'Waiting list refused: owns a flat in Kazakhstan', holdings: { owned: [flat('20:315:041:017', 'Шымкент', '2015-03-10')] }, social: { category: 'socially vulnerable' } }),
  citizen({ iin: '830909411125', name: ['Куанышева', 'Алия', 'Жанатовна'], sex: 'f', path: 'Waiting list refused: deliberately worsened housing — sold her flat in 2024, within 5 years', holdings: { ownedLast5Years: [{ ...flat('20:311:022:045', almaty, '2016-07-01'), until: '2024-02-15' }], alienations: [{ cadastral: '20:311:022:045', date: '2024-02-15', kind: 'sale' }] }, social: { category: 'socially vulnerable' } }),
  citizen({ iin: '910717311192', name: ['Жумабаев', 'Ерлан', 'Даулетович'], sex: 'm', path: 'Waiting list: civil servant category (employer BIN checked in the register)', social: { category: 'civil servant', employment: { kind: 'civilServant', employerBin: '050140000656' } } }),
  citizen({ iin: '870130411267', name: ['Смагулова', 'Зарина', 'Ерболовна'], sex: 'f', path: 'Waiting list: family with a child with a disability', children: [['2015-04-04', 'm', 'child']], social: { category: 'family with a disabled child', income12Months: 1_800_000 } }),
  citizen({ iin: '890404311332', name: ['Аманов', 'Бауыржан', 'Сапарович'], sex: 'm', path: 'Waiting list: already registered in the unified waiting-list system', waiting: { unifiedWaitingList: { registeredAt: '2021-10-12', queueNumber: 18344 } }, social: { category: 'socially vulnerable' } }),
  citizen({ iin: '761111311405', name: ['Тулегенов', 'Канат', 'Муратович'], sex: 'm', path: 'Waiting list refused: income over the threshold for the socially vulnerable category', social: { category: 'socially vulnerable', income12Months: 14_400_000 } }),
  citizen({ iin: '701224411475', name: ['Рахимова', 'Салтанат', 'Ермековна'], sex: 'f', path: 'Waiting list: the only home is recognised as emergency housing (sanitary conclusion / technical report)', holdings: { owned: [flat('20:312:009:003', almaty, '2001-05-05', 38)], emergencyHousing: { cadastral: '20:312:009:003', locality: almaty, recognisedAt: '2023-09-01' } }, social: { category: 'emergency housing' } }),
  citizen({ iin: '880719425885', name: ['Оспанова', 'Гульжан', 'Маратовна'], sex: 'f', path: 'Waiting list: socially vulnerable, but no register holds her category — the package needs its proof and the 12-month income (row 8); filed without them she gets the notice of non-compliance', children: [['2012-09-03', 'f']], social: { category: null, income12Months: 1_100_000 } }),

  // D — Housing Provision Center database (seed 003), denial cases of para 15
  citizen({ iin: '950606311542', name: ['Серикбаев', 'Алибек', 'Нуржанович'], sex: 'm', path: 'Otbasy database: registered in 1 working day — no housing in Kazakhstan for 5 years' }),
  citizen({ iin: '810808411618', name: ['Мухаметова', 'Асель', 'Бейбитовна'], sex: 'f', path: 'Otbasy database: 3-working-day path — only home is emergency housing in the same locality (technical report checked)', holdings: { owned: [flat('20:313:017:021', almaty, '1999-11-11', 41)], emergencyHousing: { cadastral: '20:313:017:021', locality: almaty, recognisedAt: '2024-03-01' } } }),
  citizen({ iin: '920202311681', name: ['Кенжебеков', 'Данияр', 'Талгатович'], sex: 'm', path: 'Otbasy denial, case 1: already in the Unified Republican Electronic Database', waiting: { republicanDatabase: true } }),
  citizen({ iin: '780321311755', name: ['Утепов', 'Самат', 'Куанышевич'], sex: 'm', path: 'Otbasy denial, case 2: owned housing in Kazakhstan within the last 5 years (sold in 2023)', holdings: { ownedLast5Years: [{ ...flat('09:142:011:007', 'Қарағанды', '2010-02-02'), until: '2023-08-30' }], alienations: [{ cadastral: '09:142:011:007', date: '2023-08-30', kind: 'sale' }] } }),
  citizen({ iin: '841031411820', name: ['Бектурова', 'Лаура', 'Асхатовна'], sex: 'f', path: 'Otbasy denial, case 3: owns housing in the locality (registering for state-institution housing)', holdings: { owned: [flat('20:314:030:011', almaty, '2018-06-06')] } }),
  citizen({ iin: '900519311898', name: ['Нурмагамбетов', 'Азамат', 'Ерикович'], sex: 'm', path: 'Otbasy denial, case 4: owns housing elsewhere in Kazakhstan (registering for state-enterprise housing)', holdings: { owned: [flat('09:142:020:019', 'Қарағанды', '2019-01-15')] } }),
  citizen({ iin: '860727411964', name: ['Даулетова', 'Камила', 'Рустемовна'], sex: 'f', path: 'Otbasy denial, case 5: rents housing from the state stock', holdings: { stateTenancy: { agreement: 'NJ-2017/118', date: '2017-03-01', holder: 'communal', address: ruAt(almaty, 'zhandosov', 58, 12), rentDebt: 0 } } }),
  citizen({ iin: '790101312035', name: ['Оспанов', 'Берик', 'Жаксылыкович'], sex: 'm', path: 'Otbasy denial, case 6: inaccurate data — the identity document expired', documentValidUntil: '2024-12-31' }),
  citizen({ iin: '730615412104', name: ['Каирбекова', 'Назым', 'Ораловна'], sex: 'f', path: 'Otbasy denial, case 7: received and privatized state housing before', holdings: { privatized: { date: '2008-04-14', address: ruAt(almaty, 'toleBi', 101, 7) } } }),
  citizen({ iin: '880905312174', name: ['Жакенов', 'Олжас', 'Максатович'], sex: 'm', path: 'Otbasy denial, case 8: the only home is emergency housing in another locality', holdings: { owned: [flat('06:081:002:004', 'Талдықорған', '2012-12-12', 36)], emergencyHousing: { cadastral: '06:081:002:004', locality: 'Талдықорған', recognisedAt: '2022-05-05' } } }),
  citizen({ iin: '851123412246', name: ['Сарсенова', 'Айжан', 'Дулатовна'], sex: 'f', path: 'Otbasy denial, case 9: bought housing with a state-programme mortgage', holdings: { stateMortgage: { programme: 'Nurly Zher', date: '2020-10-10' } } }),
  citizen({ iin: '010412512315', name: ['Кадыров', 'Темирлан', 'Айдарович'], sex: 'm', path: 'Otbasy: orphan under 29, registered although only 1 year in Almaty (exempt from the 3-year rule)', lives: [almaty, '2025-09-01'], earlier: [['Қызылорда', '2019-08-01', '2025-08-31']], social: { category: 'orphan' } }),
  citizen({ iin: '800229412380', name: ['Ермекова', 'Бибигуль', 'Темировна'], sex: 'f', path: 'Otbasy: kandas, 4 years in Astana — registered', citizenship: 'kandas', lives: ['Астана', '2022-02-01'], earlier: [['Ұлан Батор', '1980-02-29', '2022-01-31']] }),
  citizen({ iin: '911212312455', name: ['Абдрахманов', 'Нурсултан', 'Галымович'], sex: 'm', path: 'Otbasy denial: deliberate worsening — exchanged a larger flat for a smaller one in 2024', holdings: { ownedLast5Years: [{ ...flat('20:316:001:033', almaty, '2017-01-01', 72), until: '2024-06-01' }], owned: [flat('20:316:004:002', almaty, '2024-06-01', 30)], alienations: [{ cadastral: '20:316:001:033', date: '2024-06-01', kind: 'exchange' }] } }),
  citizen({ iin: '970818412523', name: ['Мамырова', 'Тогжан', 'Сакеновна'], sex: 'f', path: 'Otbasy denial: only 1 year of registered domicile in Astana (3 required, not an orphan)', lives: ['Астана', '2025-06-01'], earlier: [['Павлодар', '2015-01-01', '2025-05-31']] }),
  citizen({ iin: '870214326017', name: ['Тлеубаев', 'Адиль', 'Муратович'], sex: 'm', path: 'Otbasy: sold his flat to the akimat in 2023 — no deliberate worsening (row 9(3) exception), but owned housing within 5 years (para 15(2))', holdings: { ownedLast5Years: [{ ...flat('20:317:002:014', almaty, '2012-03-03'), until: '2023-05-20' }], alienations: [{ cadastral: '20:317:002:014', date: '2023-05-20', kind: 'sale', acquirer: 'localExecutiveBody' }] } }),
  citizen({ iin: '830517426727', name: ['Жанузакова', 'Меруерт', 'Болатовна'], sex: 'f', path: 'Otbasy denial: deliberate worsening — her house burned down through her fault in 2022', holdings: { ownedLast5Years: [{ ...flat('20:318:005:009', almaty, '2010-10-10'), until: '2022-11-02' }], alienations: [{ cadastral: '20:318:005:009', date: '2022-11-02', kind: 'demolition', byOwnFault: true }] } }),
  citizen({ iin: '890921327459', name: ['Калиев', 'Еркин', 'Сапарович'], sex: 'm', path: "Otbasy denial: deliberate worsening — moved out of his parents' flat, where he was not in need, in 2024", holdings: { movedOut: [{ address: ruAt(almaty, 'toleBi', 45, 3), date: '2024-09-01' }] } }),
  citizen({ iin: '940308428185', name: ['Нурланова', 'Дана', 'Ерлановна'], sex: 'f', path: 'Otbasy denial: deliberate worsening — registered her adult brother in her rented flat in 2025; no SMS (no number registered with the portal)', phoneRegistered: false, holdings: { accommodated: [{ iin: memberIin('1997-01-01', 'm', 9001), name: 'Nurlanov Арман', relationship: 'sibling', minor: false, disabled: false, date: '2025-02-01' }] } }),
  citizen({ iin: '860611328892', name: ['Есжанов', 'Бахытжан', 'Кайратович'], sex: 'm', path: 'Otbasy: registered his disabled mother with him in 2024 — no deliberate worsening (row 9(3) exception), registered; three adults of the family consent with their own EDS (wife, adult son, the mother), the minor daughter does not', spouse: ['1988-07-19', 'f'], children: [['2007-10-05', 'm'], ['2015-02-20', 'f']], holdings: { accommodated: [{ iin: memberIin('1958-03-03', 'f', 9002), name: 'Yeszhanova Раушан', relationship: 'parent', minor: false, disabled: true, date: '2024-04-01' }] } }),

  // E — privatization of state housing (seed 002)
  citizen({ iin: '600308412595', name: ['Жунусова', 'Роза', 'Кенесовна'], sex: 'f', path: 'Privatization, variant 1: communal housing stock tenant, no rent debt, redemption at residual value', holdings: { stateTenancy: { agreement: 'KZh-2004/55', date: '2004-05-20', holder: 'communal', address: ruAt(almaty, 'furmanov', 200, 44), rentDebt: 0 } } }),
  citizen({ iin: '650509312668', name: ['Баймагамбетов', 'Ербол', 'Серикович'], sex: 'm', path: 'Privatization, variant 2: housing of a communal state institution (transfer to the communal stock first)', holdings: { stateTenancy: { agreement: 'GU-2011/09', date: '2011-09-09', holder: 'communalInstitution', address: ruAt(almaty, 'baizakov', 12, 3), rentDebt: 0 } }, social: { employment: { kind: 'budget', employerBin: '990740001234' } } }),
  citizen({ iin: '580706312734', name: ['Касенов', 'Болат', 'Амирович'], sex: 'm', path: 'Privatization, variant 3: housing of a republican state institution (transfer from republican to communal ownership)', holdings: { stateTenancy: { agreement: 'RGU-2009/31', date: '2009-07-01', holder: 'republicanInstitution', address: ruAt(almaty, 'abylaiKhan', 90, 15), rentDebt: 0 } }, social: { employment: { kind: 'military', employerBin: '010240005678' } } }),
  citizen({ iin: '740425412807', name: ['Шайкенова', 'Гульмира', 'Бекжановна'], sex: 'f', path: 'Privatization refused: rent debt, no certificate of no debt', holdings: { stateTenancy: { agreement: 'KZh-2014/203', date: '2014-02-02', holder: 'communal', address: ruAt(almaty, 'makatayev', 77, 9), rentDebt: 186_400 } } }),
  citizen({ iin: '621025312874', name: ['Ибраев', 'Галым', 'Куандыкович'], sex: 'm', path: 'Privatization refused: privatized state housing before', holdings: { privatized: { date: '1997-11-03', address: ruAt(almaty, 'gogol', 15, 2) }, stateTenancy: { agreement: 'KZh-2010/17', date: '2010-01-17', holder: 'communal', address: ruAt(almaty, 'raimbek', 160, 61), rentDebt: 0 } } }),
  citizen({ iin: '551216412942', name: ['Тажибаева', 'Куляш', 'Нуровна'], sex: 'f', path: 'Privatization free of charge: a pensioner with a group 1 disability; every adult of the family must consent (adult son)', marital: 'widowed', children: [['1984-03-03', 'm']], holdings: { stateTenancy: { agreement: 'KZh-1999/04', date: '1999-04-04', holder: 'communal', address: ruAt(almaty, 'zheltoksan', 140, 8), rentDebt: 0 } }, social: { disability: '1', category: 'disabled', employment: { kind: 'pensioner', employerBin: null } } }),
  citizen({ iin: '680107313013', name: ['Айткалиев', 'Мурат', 'Жомартович'], sex: 'm', path: 'Privatization by instalments (up to 10 years, at least 30 % down)', spouse: ['1970-08-08', 'f'], holdings: { stateTenancy: { agreement: 'KZh-2015/88', date: '2015-08-08', holder: 'communal', address: ruAt(almaty, 'zhibekZholy', 50, 30), rentDebt: 0 } },
    // Residual value 12 480 000 tenge over 10 years: 30 % down (3 744 000) within the 30 days of seed 002 para 8, then the first two monthly instalments of 72 800.
    payments: [
      ['PRV-2026-000117', 374_400_000, '2026-03-20', 'Privatization agreement PRV-2026-000117: initial contribution 30 %'],
      ['PRV-2026-000117', 7_280_000, '2026-04-20', 'Privatization agreement PRV-2026-000117: instalment 1 of 120'],
      ['PRV-2026-000117', 7_280_000, '2026-05-20', 'Privatization agreement PRV-2026-000117: instalment 2 of 120'],
    ] }),
];

/** Every relative of the seeded citizens, by IIN. */
export const relatives: readonly Relative[] = citizens.flatMap((c) =>
  [...(c.family.spouse ? [c.family.spouse] : []), ...c.family.children, ...c.holdings.accommodated].map(({ iin, name }) => ({ iin, name, eds: { serial: `EDS-${iin}`, state: 'valid' as const, iin } }))
);
