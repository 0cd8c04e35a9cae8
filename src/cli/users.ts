import { roles, type Account, type Accounts, type Role } from '../auth/index.js';
import { ValidationError } from '../errors/index.js';

export const usersUsage = `  users list                             accounts, their roles, provider and state
  users add USERNAME ROLE[,ROLE] PROVIDER NAME…
                                         add an account; the password is read from standard input
  users disable USERNAME                 disable an account and end its sessions
  users enable USERNAME                  enable it again`;

/** `qyzmet users …`: the same operations as /api/users, for an admin at a terminal. */
export async function usersCommand(accounts: Accounts, args: string[], readPassword: () => Promise<string>, out: (line: string) => void): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      for (const a of await accounts.list()) out(describe(a));
      return;
    case 'add': {
      const [username = '', roleList = '', provider = '', ...name] = rest;
      const held = roleList.split(',').filter(Boolean);
      const unknown = held.filter((r) => !(roles as readonly string[]).includes(r));
      if (unknown.length) throw new ValidationError(`unknown role ${unknown.join(', ')}: roles are ${roles.join(', ')}`, { field: 'roles' });
      const account = await accounts.add({ username, roles: held as Role[], provider, displayName: name.join(' '), password: await readPassword() });
      out(`added ${describe(account)}`);
      return;
    }
    case 'disable':
    case 'enable':
      out(describe(await accounts.setDisabled(rest[0] ?? '', sub === 'disable')));
      return;
    default:
      throw new ValidationError(`users: unknown command "${sub ?? ''}"\n${usersUsage}`, { field: 'command' });
  }
}

function describe(a: Account): string {
  return `${a.username.padEnd(16)} ${a.roles.join(',').padEnd(20)} ${a.provider.padEnd(16)} ${a.disabled ? 'disabled' : 'active  '} ${a.displayName}`;
}

/** The first line of standard input (a password piped in: `echo "$PASSWORD" | qyzmet users add …`). */
export async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
