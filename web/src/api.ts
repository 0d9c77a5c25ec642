import { createSignal } from 'solid-js';
import type { ExtractSchema } from 'hono/types';
import type { accountRoutes } from '../../api/routes/account.ts';
import type { approvalRoutes } from '../../api/routes/approvals.ts';
import type { caseRoutes } from '../../api/routes/cases.ts';
import type { employeeRoutes } from '../../api/routes/employee.ts';
import type { referralDocumentRoutes } from '../../api/routes/referral-documents.ts';
import type { authRoutes, SessionResponse } from '../../api/routes/auth.ts';
import type { FormTypeSummary } from '../../api/routes/form-types.ts';
import type { passwordCheckRoutes } from '../../api/routes/password-check.ts';
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
type Cases = typeof caseRoutes;

export type Session = SessionResponse;
export type NavItem = Session['navigation'][number];
export type FormType = FormTypeSummary;
export type { ReferralRow };
/** The definition travels as JSON the schema leaves open; it is the domain's form. */
export type Referral = Omit<Ok<Referrals, '/:id', '$get'>, 'definition' | 'formData'> & { definition: FormDefinition; formData: FormData };
export type ReferralPage = Ok<Referrals, '/', '$get'>;
/** The lists the portal shows as tabs (the API takes them as a query string). */
export type ReferralTab = 'open' | 'closed' | 'pending' | 'draft' | 'rejected';
type TriagePage = Ok<typeof triageRoutes, '/', '$get'>;
export type TriageRow = TriagePage['rows'][number];
type ApprovalPage = Ok<typeof approvalRoutes, '/', '$get'>;
export type ApprovalRow = ApprovalPage['rows'][number];
export type Allowed = Referral['allowed'];
export type SupportingDocument = Ok<typeof referralDocumentRoutes, '/:id/documents', '$get'>['documents'][number];
export type CaseAction = Ok<Cases, '/:id/actions', '$get'>['actions'][number];
export type ActionResult = Ok<Cases, '/:id/actions', '$post'>;
export type AdviceLetter = Ok<Cases, '/:id/letters', '$get'>['letters'][number];
export type ConsentRequest = Ok<typeof employeeRoutes, '/consent', '$get'>;
export type ReferralState = Ok<Referrals, '/:id/submit', '$post'>;
/** A rejection, the same at approval and at triage: a category from the fixed list and the reason. */
export type Rejection = Body<typeof triageRoutes, '/:id/reject', '$post'>;

export type Organisation = Ok<Registration_, '/organisations/:code', '$get'>;
export type Registration = Required<Body<Registration_, '/', '$post'>>;
export type PasswordReset = Body<Recovery, '/reset-password', '$post'>;
export type Message = Ok<Recovery, '/forgot-password', '$post'>;
export type AccountDetails = Ok<Account, '/', '$get'>;
export type EditableDetails = Body<Account, '/', '$put'>;
export type PasswordChange = Body<Account, '/password', '$post'>;
export type PasswordRuleResults = Ok<typeof passwordCheckRoutes, '/', '$post'>['rules'];
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
  return settle<T>(res, options);
}

/** An answer's JSON, or its error thrown, after telling the app what a 401 or 403 means. */
async function settle<T>(res: Response, options: Options): Promise<T> {
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

/**
 * A multipart upload that reports its progress (fetch cannot): the same
 * session, error and expiry handling as every other call.
 */
function upload<T>(path: string, form: globalThis.FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The file could not be sent. Check your connection and try again.'));
    xhr.onload = () => {
      const headers = new Headers();
      for (const name of ['x-session-expires', 'date', 'content-type']) {
        const value = xhr.getResponseHeader(name);
        if (value) headers.set(name, value);
      }
      // Through a Response, so the answer is read exactly as request() reads one.
      const res = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers });
      void settle<T>(res, {}).then(resolve, reject);
    };
    xhr.send(form);
  });
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
  checkPassword: (password: string) => request<{ rules: PasswordRuleResults }>('POST', '/api/password-check', { password }).then((r) => r.rules),

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

  reRefer: (referralId: string) => request<{ id: string }>('POST', `/api/referrals/${id(referralId)}/re-refer`),
  deleteReferral: (referralId: string) => request<void>('DELETE', `/api/referrals/${id(referralId)}`),

  documents: (referralId: string) =>
    request<{ documents: SupportingDocument[] }>('GET', `/api/referrals/${id(referralId)}/documents`).then((r) => r.documents),
  uploadDocument: (referralId: string, file: File, slot: string | undefined, onProgress: (fraction: number) => void) => {
    const form = new globalThis.FormData();
    form.set('file', file);
    if (slot) form.set('slot', slot);
    return upload<SupportingDocument>(`/api/referrals/${id(referralId)}/documents`, form, onProgress);
  },
  deleteDocument: (referralId: string, documentId: string) =>
    request<void>('DELETE', `/api/referrals/${id(referralId)}/documents/${id(documentId)}`),
  documentHref: (referralId: string, documentId: string) => `/api/referrals/${id(referralId)}/documents/${id(documentId)}`,

  approvalQueue: (cursor?: string) => request<ApprovalPage>('GET', `/api/approvals?${query({ cursor })}`),
  approveReferral: (referralId: string) => request<ReferralState>('POST', `/api/approvals/${id(referralId)}/approve`),
  declineApproval: (referralId: string, rejection: Rejection) =>
    request<ReferralState>('POST', `/api/approvals/${id(referralId)}/reject`, rejection),

  actions: (caseId: string) => request<{ actions: CaseAction[] }>('GET', `/api/cases/${id(caseId)}/actions`).then((r) => r.actions),
  bookAction: (caseId: string, action: Body<Cases, '/:id/actions', '$post'>) =>
    request<ActionResult>('POST', `/api/cases/${id(caseId)}/actions`, action),
  changeActionStatus: (caseId: string, actionId: string, status: Body<Cases, '/:id/actions/:actionId/status', '$put'>['status']) =>
    request<ActionResult>('PUT', `/api/cases/${id(caseId)}/actions/${id(actionId)}/status`, { status }),
  rebookAction: (caseId: string, actionId: string, scheduledAt: string) =>
    request<ActionResult>('POST', `/api/cases/${id(caseId)}/actions/${id(actionId)}/rebook`, { scheduledAt }),
  requestConsent: (caseId: string) => request<ReferralState>('POST', `/api/cases/${id(caseId)}/consent/request`),
  recordConsent: (caseId: string, decision: 'given' | 'declined') =>
    request<ReferralState>('PUT', `/api/cases/${id(caseId)}/consent`, { decision }),
  letters: (caseId: string) => request<{ letters: AdviceLetter[] }>('GET', `/api/cases/${id(caseId)}/letters`).then((r) => r.letters),
  writeLetter: (caseId: string, letter: Body<Cases, '/:id/letters', '$post'>) =>
    request<{ id: string; released: boolean }>('POST', `/api/cases/${id(caseId)}/letters`, letter),
  uploadLetter: (caseId: string, file: File, employeeReview: boolean, onProgress: (fraction: number) => void) => {
    const form = new globalThis.FormData();
    form.set('file', file);
    form.set('employeeReview', String(employeeReview));
    return upload<{ id: string; released: boolean }>(`/api/cases/${id(caseId)}/letters/upload`, form, onProgress);
  },
  letterHref: (caseId: string, letterId: string) => `/api/cases/${id(caseId)}/letters/${id(letterId)}/document`,
  closeCase: (caseId: string, closure: Body<Cases, '/:id/close', '$post'>) =>
    request<ReferralState>('POST', `/api/cases/${id(caseId)}/close`, closure),

  consentRequest: (token: string) => request<ConsentRequest>('GET', `/api/employee/consent?${query({ token })}`, undefined, OWN_401),
  answerConsent: (token: string, decision: 'given' | 'declined') => request<void>('POST', '/api/employee/consent', { token, decision }, OWN_401),
  letterReview: (token: string) => request<ConsentRequest>('GET', `/api/employee/letter?${query({ token })}`, undefined, OWN_401),
  employeeLetterHref: (token: string) => `/api/employee/letter/document?${query({ token })}`,
  answerLetter: (token: string, response: 'accurate' | 'correction') => request<void>('POST', '/api/employee/letter', { token, response }, OWN_401),

  triageQueue: (cursor?: string) => request<TriagePage>('GET', `/api/triage?${query({ cursor })}`),
  acceptReferral: (referralId: string, status: AcceptStatus) =>
    request<ReferralState>('POST', `/api/triage/${id(referralId)}/accept`, { status }),
  rejectReferral: (referralId: string, rejection: Rejection) =>
    request<ReferralState>('POST', `/api/triage/${id(referralId)}/reject`, rejection),
};
