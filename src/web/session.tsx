import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, whenSignedOut, type Me } from './api';

interface Session {
  /** The signed-in user; null when signed out; undefined while the first `me` is on its way. */
  me: Me | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Whether the user holds a permission (src/auth/roles.ts names them). */
  can(permission: string): boolean;
}

const SessionContext = createContext<Session | null>(null);

/** Holds who is signed in, asked of the server once at load and after each sign-in. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    whenSignedOut(() => setMe(null));
    api<Me>('GET', '/auth/me').then(setMe, () => setMe(null));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api<{ user: Me }>('POST', '/auth/login', { username, password });
    setMe(answer.user);
  }, []);

  const signOut = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setMe(null);
  }, []);

  const can = useCallback((permission: string) => !!me?.permissions.includes(permission), [me]);

  return <SessionContext.Provider value={{ me, signIn, signOut, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
