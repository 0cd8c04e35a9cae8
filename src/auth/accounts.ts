import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from '../errors/index.js';
import { hashPassword, unknownUserHash, verifyPassword } from './passwords.js';
import { groupsOf, isRole, permissionsOf, roles, type Permission, type Role } from './roles.js';

/** An account as an admin sees it. */
export interface Account {
  username: string;
  displayName: string;
  roles: Role[];
  /** The provider the roles are held in (a district department, a State Corporation branch). */
  provider: string;
  disabled: boolean;
  /** ISO instant. */
  createdAt: string;
}

/** An account as stored: roles as written, which a newer version may have named differently. */
export interface AccountRow extends Omit<Account, 'roles'> {
  roles: string[];
  passwordHash: string;
}

export interface SessionRow {
  /** SHA-256 of the token, hex: a stolen copy of the table opens no session. */
  tokenHash: string;
  username: string;
  /** ISO instants. */
  createdAt: string;
  expiresAt: string;
}

/** Where accounts and sessions are kept (the store implements it). */
export interface AccountStore {
  users: {
    insert(row: AccountRow): Promise<void>;
    get(username: string): Promise<AccountRow | undefined>;
    list(): Promise<AccountRow[]>;
    /** False if there is no such account. */
    setDisabled(username: string, disabled: boolean): Promise<boolean>;
  };
  sessions: {
    insert(row: SessionRow): Promise<void>;
    get(tokenHash: string): Promise<SessionRow | undefined>;
    delete(tokenHash: string): Promise<void>;
    deleteOf(username: string): Promise<void>;
  };
}

/** Who is signed in, as every route sees them. */
export interface Principal {
  username: string;
  displayName: string;
  roles: Role[];
  /** Candidate groups whose tasks they work. */
  groups: string[];
  permissions: Permission[];
  provider: string;
}

export interface NewAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  provider: string;
}

export interface Session {
  /** Shown once, at sign-in: a bearer token, and the cookie's value. */
  token: string;
  /** ISO instant. */
  expiresAt: string;
  principal: Principal;
}

/** A working day and a half: a session opened in the morning lasts the day, not the week. */
export const defaultSessionHours = 12;

/** As Camunda's user ids: letters, digits and a few marks; compared exactly, case included. */
const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const minPasswordLength = 10;

export type Accounts = ReturnType<typeof createAccounts>;

/**
 * Accounts, sign-in and sessions. A session is an opaque random token (256 bits) whose SHA-256 is
 * stored with its expiry; signing out deletes it, and disabling an account deletes all of its.
 * Errors: ValidationError naming the field (a new account), ConflictError (a taken username),
 * UnauthorizedError (sign-in: the same answer for an unknown user, a wrong password and a disabled
 * account), NotFoundError (no such account). `now` is real time (the server's lease clock), not the
 * business clock: moving a manual clock by working days must not sign everyone out.
 */
export function createAccounts(store: AccountStore, now: () => Date, { sessionHours = defaultSessionHours } = {}) {
  function principalOf(row: Account): Principal {
    return { username: row.username, displayName: row.displayName, roles: row.roles, groups: groupsOf(row.roles), permissions: permissionsOf(row.roles), provider: row.provider };
  }

  return {
    async add(input: NewAccount): Promise<Account> {
      const problems = checkNewAccount(input);
      if (problems.length) throw new ValidationError(`invalid account: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { problems });
      const username = input.username;
      if (await store.users.get(username)) throw new ConflictError(`an account "${username}" exists already`, { field: 'username' });
      const row: AccountRow = { username, displayName: input.displayName.trim(), roles: [...new Set(input.roles)], provider: input.provider.trim(), disabled: false, createdAt: now().toISOString(), passwordHash: await hashPassword(input.password) };
      await store.users.insert(row);
      return withoutHash(row);
    },

    async list(): Promise<Account[]> {
      return (await store.users.list()).map(withoutHash);
    },

    /** Disables (or enables again) an account; disabling ends its sessions at once. */
    async setDisabled(username: string, disabled: boolean): Promise<Account> {
      if (!(await store.users.setDisabled(username, disabled))) throw new NotFoundError(`no account "${username}"`, { username });
      if (disabled) await store.sessions.deleteOf(username);
      return withoutHash((await store.users.get(username))!);
    },

    async login(username: unknown, password: unknown): Promise<Session> {
      if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) throw new ValidationError('username and password are required', { fields: ['username', 'password'] });
      const row = await store.users.get(username);
      const matches = await verifyPassword(password, row?.passwordHash ?? unknownUserHash);
      if (!row || !matches || row.disabled) throw new UnauthorizedError('wrong username or password');
      const account = withoutHash(row);
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      const expiresAt = new Date(createdAt.getTime() + sessionHours * 3_600_000).toISOString();
      await store.sessions.insert({ tokenHash: tokenHash(token), username: row.username, createdAt: createdAt.toISOString(), expiresAt });
      return { token, expiresAt, principal: principalOf(account) };
    },

    /** The principal of a live session, or undefined (no such token, expired, account disabled). */
    async authenticate(token: string): Promise<Principal | undefined> {
      const session = await store.sessions.get(tokenHash(token));
      if (!session) return undefined;
      // As instants, not as text: past year 9999 an ISO string gains a sign and six digits and sorts before every four-digit year.
      if (Date.parse(session.expiresAt) <= now().getTime()) {
        await store.sessions.delete(session.tokenHash);
        return undefined;
      }
      const row = await store.users.get(session.username);
      return row && !row.disabled ? principalOf(withoutHash(row)) : undefined;
    },

    async logout(token: string): Promise<void> {
      await store.sessions.delete(tokenHash(token));
    },
  };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The account without its hash; a role this version does not know grants nothing. */
function withoutHash({ passwordHash: _hash, ...account }: AccountRow): Account {
  return { ...account, roles: account.roles.filter(isRole) };
}

function checkNewAccount(input: Partial<Record<keyof NewAccount, unknown>>): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (typeof input.username !== 'string' || !usernamePattern.test(input.username)) problems.push({ field: 'username', message: '1–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit' });
  if (typeof input.password !== 'string' || [...input.password].length < minPasswordLength) problems.push({ field: 'password', message: `at least ${minPasswordLength} characters` });
  if (typeof input.displayName !== 'string' || !input.displayName.trim() || input.displayName.length > 200) problems.push({ field: 'displayName', message: 'a name of 1–200 characters' });
  if (!Array.isArray(input.roles) || !input.roles.length || !input.roles.every(isRole)) problems.push({ field: 'roles', message: `one or more of ${roles.join(', ')}` });
  if (typeof input.provider !== 'string' || !input.provider.trim() || input.provider.length > 100) problems.push({ field: 'provider', message: 'the provider the roles are held in, 1–100 characters' });
  return problems;
}
