import { createContext, useContext } from 'solid-js';
import type { Session } from './api.ts';

const SessionContext = createContext<Session>();

export const SessionProvider = SessionContext.Provider;

/** The signed-in user; only used inside the signed-in part of the app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** Where to go after signing in: only a path on this site, never another site. */
export function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/sign-in') ? path : '/';
}
