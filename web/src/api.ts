import { createSignal } from 'solid-js';
import type { ExtractSchema } from 'hono/types';
import type { accountRoutes } from '../../api/routes/account.ts';
import type { authRoutes, SessionResponse } from '../../api/routes/auth.ts';
import type { FormTypeSummary } from '../../api/routes/form-types.ts';
import type { recoveryRoutes } from '../../api/routes/recovery.ts';
import type { ReferralRow, referralRoutes } from '../../api/routes/referrals.ts';
import type { registrationRoutes } from '../../api/routes/registration.ts';
import type { triageRoutes } from '../../api/routes/triage.ts';
import type { userRoutes } from '../../api/routes/users.ts';
import type { FormData, FormDefinition } from '../../domain/forms.ts';
import type { AcceptStatus } from '../../domain/statuses.ts';

/**
 * Every call the portal makes to the Casebook API, in one place. The shapes of
 * requests and answers are the API's own zod schemas, inferred through type-only
 * imports: nothing of the server reaches the bundle.
 */

type Routes<R> = ExtractSchema<R>;
type Endpoint<R, P extends keyof Routes<R>, M extends keyof Routes<R>[P]> = Routes<R>[P][M];
/** The JSON a route answers with when it succeeds. */
type Ok<R, P extends keyof Routes<R>, M extends keyof Routes<R>[P]> =
  Extract<Endpoint<R, P, M>, { status: 200 | 201 | 202 }> extends { output: infer O } ? O : never;
/** The JSON body a route takes. */
type Body<R, P extends keyof Routes<R>, M extends keyof Routes<R>[P]> = Endpoint<R, P, M> extends { input: { json: infer J } } ? J : never;

type Referrals = typeof referralRoutes;
type Registration_ = typeof registrationRoutes;
type Recovery = typeof recoveryRoutes;
type Account = typeof accountRoutes;
type Users = typeof userRoutes;

export type Session = SessionResponse;
export type NavItem = Session['navigation'][number];
export type FormType = FormTypeSummary;
export type { ReferralRow };
/** The definition travels as JSON the schema leaves open; it is the domain's form. */
export type Referral = Omit<Ok<Referrals, '/:id', '$get'>, 'definition' | 'formData'> & { definition: FormDefinition; formData: FormData };
export type ReferralPage = Ok<Referrals, '/', '$get'>;
/** The lists the portal shows as tabs (the API takes them as a query string). */
export type ReferralTab = 'open' | 'closed' | 'pending' | 'draft' | 'rejected';
export type TriageRow = Ok<typeof triageRoutes, '/', '$get'>['rows'][number];
export type ReferralState = Ok<Referrals, '/:id/submit', '$post'>;

export type Organisation = Ok<Registration_, '/organisations/:code', '$get'>;
export type Registration = Required<Body<Registration_, '/', '$post'>>;
export type PasswordReset = Body<Recovery, '/reset-password', '$post'>;
export type Message = Ok<Recovery, '/forgot-password', '$post'>;
export type AccountDetails = Ok<Account, '/', '$get'>;
export type EditableDetails = Body<Account, '/', '$put'>;
export type PasswordChange = Body<Account, '/password', '$post'>;
export type TwoFactorSetup = Ok<Account, '/two-factor/setup', '$post'>;
export type Membership = Ok<Account, '/organisations', '$get'>['organisations'][number];
export type MembershipRequest = Body<Account, '/organisations', '$post'>;
export type LockedUser = Ok<Users, '/locked', '$get'>['users'][number];
export type AccessRequest = Ok<Users, '/membership-requests', '$get'>['requests'][number];
type SignInAnswer = Ok<typeof authRoutes, '/login', '$post'>;

/** The API's error body, thrown so pages can show it in an error summary. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Handlers = {
  /** A 401 from a signed-in call: back to sign-in, then back here. */
  unauthenticated: () => void;
  /** A 403 because the organisation requires two-factor authentication not yet set up. */
  twoFactorRequired: () => void;
};
const handlers: Handlers = { unauthenticated: () => undefined, twoFactorRequired: () => undefined };

/** The app decides what a 401 or a missing two-factor set-up means for the user. */
export function setAuthHandlers(next: Partial<Handlers>): void {
  Object.assign(handlers, next);
}

/**
 * When the session ends if nothing more happens, in this browser's clock: the
 * API says it in `X-Session-Expires` on every signed-in answer. Measured from
 * the answer's `Date`, so a browser clock that is out does not matter.
 */
const [sessionExpiry, setSessionExpiry] = createSignal<number | null>(null);
export { sessionExpiry };

function noteSessionExpiry(res: Response) {
  const expires = Date.parse(res.headers.get('x-session-expires') ?? '');
  if (Number.isNaN(expires)) return;
  const serverNow = Date.parse(res.headers.get('date') ?? '');
  setSessionExpiry(Date.now() + expires - (Number.isNaN(serverNow) ? Date.now() : serverNow));
}

/** Calls whose 401 the page itself answers (a wrong password, say), not the app. */
type Options = { ownsUnauthenticated?: boolean };
const OWN_401: Options = { ownsUnauthenticated: true };

async function request<T>(method: string, path: string, body?: unknown, options: Options = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Casebook could not be reached. Check your connection and try again.');
  }
  noteSessionExpiry(res);
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  const error = await readError(res);
  if (res.status === 401 && !options.ownsUnauthenticated) {
    setSessionExpiry(null);
    handlers.unauthenticated();
  }
  if (res.status === 403 && error.code === 'TWO_FACTOR_REQUIRED') handlers.twoFactorRequired();
  throw error;
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
    if (body.error?.message) return new ApiError(res.status, body.error.code ?? 'ERROR', body.error.message, body.error.fields ?? {});
  } catch {
    // Not JSON: fall through to a generic message.
  }
  return new ApiError(res.status, 'ERROR', 'Sorry, there is a problem with the service. Try again later.');
}

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
};

const id = encodeURIComponent;

export const api = {
  login: (username: string, password: string) => request<SignInAnswer>('POST', '/api/auth/login', { username, password }, OWN_401),
  twoFactor: (answer: { code: string } | { recoveryCode: string }) => request<void>('POST', '/api/auth/two-factor', answer, OWN_401),
  logout: () => request<void>('POST', '/api/auth/logout', undefined, OWN_401).finally(() => setSessionExpiry(null)),
  session: () => request<Session>('GET', '/api/auth/session'),
  /** Whether the session is still alive, without sending the user to sign in. */
  sessionAlive: () =>
    request<Session>('GET', '/api/auth/session', undefined, OWN_401).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return false;
        throw error;
      },
    ),
  extendSession: () => request<{ expiresAt: string }>('POST', '/api/auth/session/extend'),
  switchOrganisation: (organisationId: string) => request<void>('PUT', '/api/auth/organisation', { organisationId }),

  organisation: (code: string) => request<Organisation>('GET', `/api/registration/organisations/${id(code)}`),
  register: (registration: Registration) => request<Message>('POST', '/api/registration', registration),
  activate: (token: string) => request<void>('POST', '/api/registration/activate', { token }),
  resendActivation: (username: string, password: string) => request<Message>('POST', '/api/registration/resend-activation', { username, password }),
  forgotPassword: (email: string, botCheck: string) => request<Message>('POST', '/api/recovery/forgot-password', { email, botCheck }),
  forgotUsername: (email: string, botCheck: string) => request<Message>('POST', '/api/recovery/forgot-username', { email, botCheck }),
  resetPassword: (reset: PasswordReset) => request<void>('POST', '/api/recovery/reset-password', reset),

  account: () => request<AccountDetails>('GET', '/api/account'),
  saveAccount: (details: EditableDetails) => request<void>('PUT', '/api/account', details),
  changePassword: (change: PasswordChange) => request<void>('POST', '/api/account/password', change),
  setUpTwoFactor: () => request<TwoFactorSetup>('POST', '/api/account/two-factor/setup'),
  confirmTwoFactor: (code: string) => request<{ recoveryCodes: string[] }>('POST', '/api/account/two-factor/confirm', { code }),
  turnOffTwoFactor: () => request<void>('DELETE', '/api/account/two-factor'),
  memberships: () => request<{ organisations: Membership[] }>('GET', '/api/account/organisations').then((r) => r.organisations),
  requestMembership: (membership: MembershipRequest) => request<{ organisation: string }>('POST', '/api/account/organisations', membership),

  lockedUsers: () => request<{ users: LockedUser[] }>('GET', '/api/users/locked').then((r) => r.users),
  unlockUser: (userId: string) => request<void>('POST', `/api/users/${id(userId)}/unlock`),
  accessRequests: () => request<{ requests: AccessRequest[] }>('GET', '/api/users/membership-requests').then((r) => r.requests),
  approveAccess: (requestId: string) => request<void>('POST', `/api/users/membership-requests/${id(requestId)}/approve`),

  formTypes: () => request<{ formTypes: FormType[] }>('GET', '/api/form-types').then((r) => r.formTypes),

  listReferrals: (params: { tab: ReferralTab; search?: string; cursor?: string }) =>
    request<ReferralPage>('GET', `/api/referrals?${query(params)}`),
  createReferral: (formKey: string) => request<{ id: string }>('POST', '/api/referrals', { formKey, formData: {} }),
  referral: (referralId: string) => request<Referral>('GET', `/api/referrals/${id(referralId)}`),
  saveReferral: (referralId: string, formData: FormData) =>
    request<{ savedAt: string }>('PUT', `/api/referrals/${id(referralId)}`, { formData }),
  submitReferral: (referralId: string) => request<ReferralState>('POST', `/api/referrals/${id(referralId)}/submit`),

  triageQueue: () => request<{ rows: TriageRow[] }>('GET', '/api/triage').then((r) => r.rows),
  acceptReferral: (referralId: string, status: AcceptStatus) =>
    request<ReferralState>('POST', `/api/triage/${id(referralId)}/accept`, { status }),
  rejectReferral: (referralId: string, reason: string) =>
    request<ReferralState>('POST', `/api/triage/${id(referralId)}/reject`, { reason }),
};
