/** What the state information systems answer through the e-government gateway. */

/** Individuals register: who the person is. */
export interface Identity {
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  sex: 'm' | 'f';
  /** Kandas: an ethnic Kazakh repatriate with that status (seed 003). */
  citizenship: 'KZ' | 'kandas' | 'foreign';
  document: { type: string; number: string; issuedBy: string; issuedAt: string; validUntil: string };
  /** Court decisions that are refusal grounds (seed 000 para 12 grounds 3 and 4). */
  courtRestrictions: { activityBan: boolean; specialRightDeprived: boolean };
}

/** Individuals register: one registered address; the current one has `to: null`. */
export interface AddressRecord {
  /** The settlement's name as the register keeps it ("Алматы"): lists are kept by it. */
  locality: string;
  /** Its full name with its kind, nominative ("Алматы қаласы", "город Алматы"), when the register gives it. */
  localityName?: { kk: string; ru: string };
  /** The address in Russian, as the register answers; `addressKk` in Kazakh, when it gives one. */
  address: string;
  addressKk?: string;
  from: string;
  to: string | null;
}

export interface FamilyMember {
  iin: string;
  name: string;
  birthDate: string;
  relationship: 'spouse' | 'son' | 'daughter';
  disability?: string | null;
}

/** Civil-status acts: marriages, births, deaths. */
export interface CivilStatus {
  maritalStatus: 'single' | 'married' | 'divorced' | 'widowed';
  spouse: { iin: string; name: string; birthDate: string } | null;
  children: (FamilyMember & { relationship: 'son' | 'daughter' })[];
  deaths: { iin: string; name: string; date: string }[];
}

export interface Dwelling {
  cadastral: string;
  address: string;
  locality: string;
  since: string;
  area: number;
}

/** Real-estate register and housing programmes (seed 003 para 15 cases 1–9). */
export interface Holdings {
  owned: Dwelling[];
  /** Owned at some time in the last five years and no longer. */
  ownedLast5Years: (Dwelling & { until: string })[];
  /**
   * Dwellings the person gave up: `acquirer` localExecutiveBody when the akimat bought it (seed 003
   * row 9(3): then it is no deliberate worsening); `byOwnFault` for a home destroyed or damaged
   * through the owner's fault.
   */
  alienations: { cadastral: string; date: string; kind: 'sale' | 'exchange' | 'gift' | 'demolition'; acquirer?: 'localExecutiveBody' | 'private'; byOwnFault?: boolean }[];
  /** Dwellings moved out of while not in need of housing there (seed 003 row 9(3)). */
  movedOut: { address: string; date: string }[];
  /**
   * Persons registered into the person's dwelling (seed 003 row 9(3): any but the spouse, minor or
   * disabled children and disabled parents is a deliberate worsening).
   */
  accommodated: { iin: string; name: string; relationship: 'spouse' | 'son' | 'daughter' | 'parent' | 'sibling' | 'other'; minor: boolean; disabled: boolean; date: string }[];
  emergencyHousing: { cadastral: string; locality: string; recognisedAt: string } | null;
  stateTenancy: { agreement: string; date: string; holder: 'communal' | 'communalInstitution' | 'republicanInstitution'; address: string; rentDebt: number } | null;
  privatized: { date: string; address: string } | null;
  stateMortgage: { programme: string; date: string } | null;
}

/**
 * The legal cadastre's record of the dwelling a person rents from the state stock (seed 002 para
 * 9(1): "information about the registered rights (encumbrances) to housing … and the technical
 * characteristics of the housing"). Areas in square metres.
 */
export interface DwellingRecord {
  cadastral: string;
  address: string;
  /** Registered rights, oldest first: ownership (communal or republican) and, for an institution's or enterprise's stock, its operational or economic management. */
  rights: { kind: 'communalOwnership' | 'republicanOwnership' | 'operationalManagement' | 'economicManagement'; holder: string; registeredOn: string }[];
  /** Registered encumbrances (arrest, pledge, …); none is the usual answer. */
  encumbrances: { kind: string; registeredOn: string; by: string }[];
  technical: { totalArea: number; livingArea: number; rooms: number; floor: number; floors: number; builtYear: number; walls: string };
}

/** Social status and income. */
export interface SocialStatus {
  /** Socially vulnerable category of the Law on Housing Relations art. 68, or another listed category; null if none. */
  category: string | null;
  disability: string | null;
  employment: { kind: 'private' | 'civilServant' | 'budget' | 'military' | 'pensioner' | 'unemployed'; employerBin: string | null };
  /** Taxable income of the last 12 months, tenge. */
  income12Months: number;
  unemployedRegistered: boolean;
  benefits: { kind: string; monthly: number }[];
  housingAssistanceBefore: boolean;
}

/** The unified waiting-list system and the Unified Republican Electronic Database. */
export interface WaitingLists {
  unifiedWaitingList: { registeredAt: string; queueNumber: number } | null;
  republicanDatabase: boolean;
}

/** PKI: whether a signature's certificate may be trusted for this applicant (seed 004 condition 2). */
export interface CertificateCheck {
  serial: string;
  valid: boolean;
  revoked: boolean;
  expired: boolean;
  certificateIin: string;
  /** The certificate is valid, not revoked, and issued to the request's IIN. */
  confirmed: boolean;
}

/** The portal's account of a person: whether a mobile number is registered with it (seed 003 para 16: SMS only then). */
export interface Subscriber {
  phoneRegistered: boolean;
  phone: string | null;
}

export interface Delivery {
  deliveryId: string;
  channel: 'account' | 'sms';
  iin: string;
  text: string;
  idempotencyKey: string;
  at: string;
  /** True when the same idempotency key was delivered before: nothing was sent again. */
  duplicate: boolean;
}

/**
 * One payment to the local budget as the payment gateway (the treasury's register of payments
 * through e-government) records it. Money in tiyn (1 tenge = 100 tiyn), always an integer.
 */
export interface Payment {
  paymentId: string;
  /** The payer's IIN. */
  payerIin: string;
  /** The privatization agreement the payment is for, as the payer gave it in the payment's details. */
  agreement: string;
  amountTiyn: number;
  /** YYYY-MM-DD, the day the bank took it. */
  date: string;
  /** The payment's purpose as written in it. */
  purpose: string;
}

/** The payments one payer made for one agreement, oldest first (seed 002 para 8: the price of the dwelling, to the local budget). */
export interface Payments {
  payerIin: string;
  agreement: string;
  payments: Payment[];
}

/** The e-government systems, as fault injection and errors name them. */
export const systems = {
  individuals: 'individuals register',
  civilStatus: 'civil status register',
  realEstate: 'real-estate register',
  social: 'social status and income system',
  waitingLists: 'waiting-list systems',
  esobes: 'E-sobes',
  pki: 'PKI (national certification authority)',
  notifications: 'notification service',
  payments: 'payment gateway',
  monitoring: 'information system for monitoring the provision of public services',
} as const;

/**
 * One stage of a case, entered into the information system for monitoring the provision of public
 * services (seed 000 para 11, seed 002 para 11: "the service provider ensures that data is entered
 * ... on the stage of provision of public services", under subpara 11 of para 2 of art. 5 of the
 * Law "On public services", which binds every provider, so every case is posted; seeds 001, 003
 * and 004 do not restate it). The acts leave the manner to the authorized body in informatization
 * and publish no interface: this shape is Qyzmet's own, and an adapter to the real system would map it.
 */
export interface MonitoringEntry {
  /** The case's number (its business key; a called process's is its caller's), or its id when it has none. */
  caseNumber: string;
  instanceId: string;
  /** The service: the process definition key (privatization, housing-assistance, complaint, …). */
  service: string;
  provider: string;
  /** registered (accepted and registered), stepTakenUp (a step began: its task was created), resultIssued (the result or reasoned refusal went out: elementId names which), complaintReceived. */
  stage: 'registered' | 'stepTakenUp' | 'resultIssued' | 'complaintReceived';
  /** The BPMN element of the stage (the task, the result's end event), or null. */
  elementId: string | null;
  /** When the stage happened (ISO instant), not when it was posted. */
  at: string;
}

/** The monitoring system's receipt; a repeated Idempotency-Key answers the first entry with `duplicate: true`. */
export interface MonitoringReceipt {
  entryId: string;
  duplicate: boolean;
}

export type SystemName = keyof typeof systems;
