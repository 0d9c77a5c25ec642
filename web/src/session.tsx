import { createContext, useContext, type Accessor } from 'solid-js';
import type { Session } from './api.ts';

type SessionContextValue = {
  session: Accessor<Session>;
  /** Loads the session again (after two-factor set-up or a change of details). */
  reload: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue>();

export const SessionProvider = SessionContext.Provider;

function useSessionContext(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside a signed-in page');
  return context;
}

/** The signed-in user, as the session is when the page opens. */
export function useSession(): Session {
  return useSessionContext().session();
}

/** The session as it changes, and a way to load it again. */
export function useSessionControls(): SessionContextValue {
  return useSessionContext();
}

/** Where to go after signing in: only a path on this site, never another site. */
export function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path?.startsWith('/') && !path.startsWith('//') && !path.startsWith('/sign-in') ? path : '/';
}

/** The set-up page the portal keeps a user on until two-factor authentication is on. */
export const TWO_FACTOR_PATH = '/account/two-factor';
