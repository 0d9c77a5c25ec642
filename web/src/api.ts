import { createSignal } from 'solid-js';
import createClient, { type ClientPathsWithMethod, createFinalURL, defaultPathSerializer } from 'openapi-fetch';
import type { FormData, FormDefinition } from '../../domain/forms.ts';
import type { QuestionnaireDefinition } from '../../domain/questionnaires.ts';
import type { components, paths } from './api-schema.ts';

/**
 * Every call the portal makes to the Casebook API, in one place, through a client
 * typed by web/src/api-schema.ts (generated from the API's OpenAPI document by
 * `npm run api:types`): a renamed route or a changed body fails the typecheck.
 */

type Method = 'get' | 'put' | 'post' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** The JSON a route answers with when it succeeds. */
type Ok<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? {
        [S in keyof R]: S extends 200 | 201 | 202
          ? R[S] extends { content: { 'application/json': infer J } }
            ? J
            : never
          : never;
      }[keyof R]
    : never;
/** The JSON body a route takes. */
type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type Query<P extends keyof paths, M extends Method> = NonNullable<Operation<P, M>['parameters']['query']>;
type Schemas = components['schemas'];

export type Session = Schemas['Session'];
export type NavItem = Session['navigation'][number];
export type ReferralRow = Schemas['ReferralRow'];
/** The definition travels as JSON the schema leaves open; it is the domain's form. */
export type Referral = Omit<Ok<'/api/referrals/{id}', 'get'>, 'definition' | 'formData'> & {
  definition: FormDefinition;
  formData: FormData;
};
/** The lists the API keeps (it takes them as a query string); each page shows the tabs it wants. */
export type ReferralTab = NonNullable<Query<'/api/referrals', 'get'>['tab']>;
/** A Track Referrals view as the list API takes it: tab, sort, per-column filters, user, scope, search, page. */
export type ListQuery = Query<'/api/referrals', 'get'> & { tab: ReferralTab };
export type ListSort = NonNullable<ListQuery['sort']>;
/** The per-column filters: each a query parameter named as its column. */
export type ListFilter =
  | 'employee'
  | 'caseNumber'
  | 'division'
  | 'location'
  | 'department'
  | 'status'
  | 'caseType'
  | 'organisation'
  | 'owner';
type TriagePage = Ok<'/api/triage', 'get'>;
export type TriageRow = TriagePage['rows'][number];
type ApprovalPage = Ok<'/api/approvals', 'get'>;
export type ApprovalRow = ApprovalPage['rows'][number];
export type SupportingDocument = Schemas['Document'];
export type CaseAction = Schemas['CaseAction'];
/** A rejection, the same at approval and at triage: a category from the fixed list and the reason. */
export type Rejection = Schemas['Rejection'];

/** A Track Questionnaires view as the list API takes it: tab, sort, per-column filters, user, search, page. */
export type QuestionnaireQuery = Query<'/api/questionnaires', 'get'>;
export type QuestionnaireTab = NonNullable<QuestionnaireQuery['tab']>;
export type QuestionnaireSort = NonNullable<QuestionnaireQuery['sort']>;
export type QuestionnaireRow = Schemas['QuestionnaireRow'];
export type QuestionnaireDetail = Schemas['QuestionnaireDetail'];
export type QuestionnaireRequest = Body<'/api/questionnaires', 'post'>;
export type QuestionnaireOutcome = Body<'/api/questionnaire-review/{id}/accept', 'post'>['outcome'];
/** The definition travels as JSON the schema leaves open; it is the domain's questionnaire. */
export type EmployeeQuestionnaire = Omit<Ok<'/api/questionnaire-employee/questionnaire', 'get'>, 'definition'> & {
  definition: QuestionnaireDefinition;
};
export type QuestionnaireAnswers = Omit<Ok<'/api/questionnaire-review/{id}/answers', 'get'>, 'definition'> & {
  definition: QuestionnaireDefinition;
};

export type Organisation = Ok<'/api/registration/organisations/{code}', 'get'>;
export type Registration = Required<Body<'/api/registration', 'post'>>;
export type Message = Ok<'/api/recovery/forgot-password', 'post'>;
export type AccountDetails = Ok<'/api/account', 'get'>;
export type Share = Schemas['Share'];
export type Reassign = Schemas['Reassign'];
export type EditableDetails = Body<'/api/account', 'put'>;
export type TwoFactorSetup = Ok<'/api/account/two-factor/setup', 'post'>;
export type Membership = Ok<'/api/account/organisations', 'get'>['organisations'][number];
type LockedUserPage = Ok<'/api/users/locked', 'get'>;
export type LockedUser = LockedUserPage['users'][number];
type AccessRequestPage = Ok<'/api/users/membership-requests', 'get'>;
export type AccessRequest = AccessRequestPage['requests'][number];
export type UserQuery = Query<'/api/users', 'get'>;
export type UserRow = Schemas['UserRow'];
export type UserDetail = Schemas['UserDetail'];
export type OrganisationSettings = Schemas['OrganisationSettings'];
export type NewOrganisation = Schemas['NewOrganisation'];
export type OrganisationDetail = Schemas['OrganisationDetail'];
export type MiFilters = Query<'/api/mi/volumes', 'get'>;
export type MiVolumes = Schemas['MiVolumes'];
export type MiOutcomes = Schemas['MiOutcomes'];
export type MiTurnaround = Schemas['MiTurnaround'];

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

/** As the portal always sent queries: a parameter left empty is left out. */
function querySerializer(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  querySerializer,
  // Looked up per call, and a connection that fails becomes the error pages know how to show.
  fetch: (request) =>
    globalThis.fetch(request).catch(() => {
      throw new ApiError(0, 'NETWORK', 'Casebook could not be reached. Check your connection and try again.');
    }),
});

/** Calls whose 401 the page itself answers (a wrong password, say), not the app. */
type Options = { ownsUnauthenticated?: boolean };
const OWN_401: Options = { ownsUnauthenticated: true };

/** What openapi-fetch answers: the parsed success body, or the parsed error body, and the response. */
type Answer<D> = { data?: D; error?: unknown; response: Response };

/** An answer's JSON, or its error thrown, after telling the app what a 401 or 403 means. */
async function settle<D>(sent: Promise<Answer<D>>, options: Options = {}): Promise<D> {
  const { data, error, response } = await sent;
  noteSessionExpiry(response);
  // openapi-fetch leaves `data` undefined only for an empty answer (204), which the route's type says.
  if (response.ok) return data as D;
  const failure = toApiError(response.status, error);
  if (response.status === 401 && !options.ownsUnauthenticated) {
    setSessionExpiry(null);
    handlers.unauthenticated();
  }
  if (response.status === 403 && failure.code === 'TWO_FACTOR_REQUIRED') handlers.twoFactorRequired();
  throw failure;
}

/** The API's `{ error: { code, message, fields } }`, or a generic message for any other body (a proxy's page, say). */
function toApiError(status: number, body: unknown): ApiError {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as Partial<Schemas['Error']['error']>)
      : undefined;
  if (typeof error?.message === 'string' && error.message) {
    return new ApiError(
      status,
      typeof error.code === 'string' ? error.code : 'ERROR',
      error.message,
      error.fields ?? {},
    );
  }
  return new ApiError(status, 'ERROR', 'Sorry, there is a problem with the service. Try again later.');
}

/** A multipart body from a route's typed fields; a field left undefined is left out. */
function multipart(fields: Record<string, string | Blob | undefined>): globalThis.FormData {
  const form = new globalThis.FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
  return form;
}

/**
 * The fetch for uploads: fetch cannot report an upload's progress, so the request
 * openapi-fetch built is sent by XMLHttpRequest, and its answer handed back as a
 * Response for the same session, error and expiry handling as every other call.
 */
function sendWithProgress(onProgress: (fraction: number) => void) {
  return async (request: Request): Promise<Response> => {
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      for (const [name, value] of request.headers) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onerror = () =>
        reject(new ApiError(0, 'NETWORK', 'The file could not be sent. Check your connection and try again.'));
      xhr.onload = () => {
        const headers = new Headers();
        for (const name of ['x-session-expires', 'date', 'content-type']) {
          const value = xhr.getResponseHeader(name);
          if (value) headers.set(name, value);
        }
        resolve(new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers }));
      };
      xhr.send(body);
    });
  };
}

type GetPath = ClientPathsWithMethod<typeof client, 'get'>;

/** The address of a route the browser follows itself (a download link), from its typed parameters. */
function href<P extends GetPath>(path: P, params: Operation<P, 'get'>['parameters']): string {
  return createFinalURL(path, { baseUrl: '', params, querySerializer, pathSerializer: defaultPathSerializer });
}

/** A route's path parameters, in the shape openapi-fetch takes them. */
const withPath = <T extends Record<string, string>>(params: T) => ({ params: { path: params } });

/** A file the browser saves, and the name the server gave it. */
export type Workbook = { blob: Blob; filename: string };

/**
 * A tracking list's view as an Excel workbook, read as it streams so the page can say
 * how much has arrived; the file is handed back whole.
 */
async function exportWorkbook(
  path: '/api/referrals/export.xlsx' | '/api/questionnaires/export.xlsx',
  query: Record<string, unknown>,
  onProgress: (bytes: number) => void,
): Promise<Workbook> {
  const response = await globalThis
    .fetch(`${path}?${querySerializer(query)}`, { credentials: 'same-origin' })
    .catch(() => {
      throw new ApiError(0, 'NETWORK', 'Casebook could not be reached. Check your connection and try again.');
    });
  if (!response.ok || !response.body) {
    const error = await response.json().catch(() => undefined);
    return settle<never>(Promise.resolve({ error, response }));
  }
  noteSessionExpiry(response);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new ApiError(0, 'NETWORK', 'The export stopped before it finished. Check your connection and try again.');
    });
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received);
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return {
    blob: new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? undefined }),
    filename: name ?? path.slice(path.lastIndexOf('/') + 1),
  };
}

export const api = {
  login: (username: string, password: string) =>
    settle(client.POST('/api/auth/login', { body: { username, password } }), OWN_401),
  twoFactor: (answer: Body<'/api/auth/two-factor', 'post'>) =>
    settle(client.POST('/api/auth/two-factor', { body: answer }), OWN_401),
  logout: () => settle(client.POST('/api/auth/logout'), OWN_401).finally(() => setSessionExpiry(null)),
  session: () => settle(client.GET('/api/auth/session')),
  /** Whether the session is still alive, without sending the user to sign in. */
  sessionAlive: () =>
    settle(client.GET('/api/auth/session'), OWN_401).then(
      () => true,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) return false;
        throw error;
      },
    ),
  extendSession: () => settle(client.POST('/api/auth/session/extend')),
  switchOrganisation: (organisationId: string) =>
    settle(client.PUT('/api/auth/organisation', { body: { organisationId } })),

  organisation: (code: string) => settle(client.GET('/api/registration/organisations/{code}', withPath({ code }))),
  register: (registration: Registration) => settle(client.POST('/api/registration', { body: registration })),
  activate: (token: string) => settle(client.POST('/api/registration/activate', { body: { token } })),
  resendActivation: (username: string, password: string) =>
    settle(client.POST('/api/registration/resend-activation', { body: { username, password } })),
  forgotPassword: (email: string, botCheck: string) =>
    settle(client.POST('/api/recovery/forgot-password', { body: { email, botCheck } })),
  forgotUsername: (email: string, botCheck: string) =>
    settle(client.POST('/api/recovery/forgot-username', { body: { email, botCheck } })),
  resetPassword: (reset: Body<'/api/recovery/reset-password', 'post'>) =>
    settle(client.POST('/api/recovery/reset-password', { body: reset })),
  checkPassword: (password: string) =>
    settle(client.POST('/api/password-check', { body: { password } })).then((r) => r.rules),

  account: () => settle(client.GET('/api/account')),
  saveAccount: (details: EditableDetails) => settle(client.PUT('/api/account', { body: details })),
  changePassword: (change: Body<'/api/account/password', 'post'>) =>
    settle(client.POST('/api/account/password', { body: change })),
  setUpTwoFactor: () => settle(client.POST('/api/account/two-factor/setup')),
  confirmTwoFactor: (code: string) => settle(client.POST('/api/account/two-factor/confirm', { body: { code } })),
  turnOffTwoFactor: () => settle(client.DELETE('/api/account/two-factor')),
  memberships: () => settle(client.GET('/api/account/organisations')).then((r) => r.organisations),
  requestMembership: (membership: Body<'/api/account/organisations', 'post'>) =>
    settle(client.POST('/api/account/organisations', { body: membership })),

  lockedUsers: (query: { cursor?: string }) => settle(client.GET('/api/users/locked', { params: { query } })),
  unlockUser: (userId: string) => settle(client.POST('/api/users/{id}/unlock', withPath({ id: userId }))),
  accessRequests: (query: { cursor?: string }) =>
    settle(client.GET('/api/users/membership-requests', { params: { query } })),
  approveAccess: (requestId: string) =>
    settle(client.POST('/api/users/membership-requests/{id}/approve', withPath({ id: requestId }))),
  users: (query: UserQuery) => settle(client.GET('/api/users', { params: { query } })),
  usersExportHref: () => href('/api/users/export', {}),
  user: (userId: string) => settle(client.GET('/api/users/{id}', withPath({ id: userId }))),
  setUserAccess: (userId: string, access: Body<'/api/users/{id}/access', 'put'>) =>
    settle(client.PUT('/api/users/{id}/access', { ...withPath({ id: userId }), body: access })),
  disableUser: (userId: string) => settle(client.POST('/api/users/{id}/disable', withPath({ id: userId }))),
  enableUser: (userId: string) => settle(client.POST('/api/users/{id}/enable', withPath({ id: userId }))),

  organisations: (query: { cursor?: string }) => settle(client.GET('/api/admin/organisations', { params: { query } })),
  organisationDetail: (id: string) => settle(client.GET('/api/admin/organisations/{id}', withPath({ id }))),
  createOrganisation: (organisation: NewOrganisation) =>
    settle(client.POST('/api/admin/organisations', { body: organisation })),
  /** Every referral form and questionnaire type, for a new organisation's choices. */
  allFormTypes: () => settle(client.GET('/api/admin/form-types')),
  organisationPacks: (id: string) =>
    settle(client.GET('/api/admin/organisations/{id}/packs', withPath({ id }))).then((r) => r.packs),
  saveOrganisation: (id: string, settings: OrganisationSettings) =>
    settle(client.PUT('/api/admin/organisations/{id}', { ...withPath({ id }), body: settings })),
  rotateVerificationCode: (id: string) =>
    settle(client.POST('/api/admin/organisations/{id}/verification-code', withPath({ id }))),
  organisationUsers: (id: string, query: UserQuery) =>
    settle(client.GET('/api/admin/organisations/{id}/users', { params: { path: { id }, query } })),
  changeUserEmail: (userId: string, email: string) =>
    settle(client.PUT('/api/admin/users/{id}/email', { ...withPath({ id: userId }), body: { email } })),

  shares: () => settle(client.GET('/api/account/shares')).then((r) => r.shares),
  shareCandidates: () => settle(client.GET('/api/account/shares/candidates')).then((r) => r.users),
  share: (viewerId: string) => settle(client.POST('/api/account/shares', { body: { viewerId } })),
  setShareNotify: (viewerId: string, notify: boolean) =>
    settle(client.PUT('/api/account/shares/{viewerId}', { ...withPath({ viewerId }), body: { notify } })),
  unshare: (viewerId: string) => settle(client.DELETE('/api/account/shares/{viewerId}', withPath({ viewerId }))),
  userShares: () => settle(client.GET('/api/user-shares')).then((r) => r.owners),
  removeUserShare: (ownerId: string, viewerId: string) =>
    settle(client.DELETE('/api/user-shares/{ownerId}/{viewerId}', withPath({ ownerId, viewerId }))),
  reassignCase: (referralId: string, body: Reassign) =>
    settle(client.POST('/api/referrals/{id}/reassign', { ...withPath({ id: referralId }), body })),
  caseReassignments: (referralId: string) =>
    settle(client.GET('/api/referrals/{id}/reassignments', withPath({ id: referralId }))).then((r) => r.reassignments),
  reassignAll: (userId: string, body: Reassign) =>
    settle(client.POST('/api/users/{id}/reassign-all', { ...withPath({ id: userId }), body })),
  leaver: (userId: string, body: Reassign) =>
    settle(client.POST('/api/users/{id}/leaver', { ...withPath({ id: userId }), body })),
  reassignTargets: () => settle(client.GET('/api/reassignments/targets')).then((r) => r.users),
  reassignment: (reassignmentId: string) =>
    settle(client.GET('/api/reassignments/{id}', withPath({ id: reassignmentId }))),

  formTypes: () => settle(client.GET('/api/form-types')).then((r) => r.formTypes),
  /** One form, to open a new referral unsaved. */
  formType: (key: string) =>
    settle(client.GET('/api/form-types/{key}', withPath({ key }))) as Promise<{
      key: string;
      name: string;
      definition: FormDefinition;
    }>,

  listReferrals: (query: ListQuery) => settle(client.GET('/api/referrals', { params: { query } })),
  /** The people whose cases the user may see, for Filter by User. */
  referralOwners: () => settle(client.GET('/api/referrals/owners')),
  /** The view as an Excel workbook (open cases, then closed). */
  exportReferrals: (query: Omit<ListQuery, 'tab' | 'cursor' | 'limit'>, onProgress: (bytes: number) => void) =>
    exportWorkbook('/api/referrals/export.xlsx', query, onProgress),
  /** The first save of a new referral, with its first answers. */
  createReferral: (formKey: string, formData: FormData) =>
    settle(client.POST('/api/referrals', { body: { formKey, formData } })),
  referral: (referralId: string) =>
    settle(client.GET('/api/referrals/{id}', withPath({ id: referralId }))) as Promise<Referral>,
  saveReferral: (referralId: string, formData: FormData) =>
    settle(client.PUT('/api/referrals/{id}', { ...withPath({ id: referralId }), body: { formData } })),
  submitReferral: (referralId: string) =>
    settle(client.POST('/api/referrals/{id}/submit', withPath({ id: referralId }))),

  reRefer: (referralId: string) => settle(client.POST('/api/referrals/{id}/re-refer', withPath({ id: referralId }))),
  deleteReferral: (referralId: string) => settle(client.DELETE('/api/referrals/{id}', withPath({ id: referralId }))),

  documents: (referralId: string) =>
    settle(client.GET('/api/referrals/{id}/documents', withPath({ id: referralId }))).then((r) => r.documents),
  uploadDocument: (referralId: string, file: File, slot: string | undefined, onProgress: (fraction: number) => void) =>
    settle(
      client.POST('/api/referrals/{id}/documents', {
        ...withPath({ id: referralId }),
        body: { file, slot },
        bodySerializer: multipart,
        fetch: sendWithProgress(onProgress),
      }),
    ),
  deleteDocument: (referralId: string, documentId: string) =>
    settle(client.DELETE('/api/referrals/{id}/documents/{documentId}', withPath({ id: referralId, documentId }))),
  miFilters: () => settle(client.GET('/api/mi/filters')),
  miVolumes: (query: MiFilters) => settle(client.GET('/api/mi/volumes', { params: { query } })),
  miOutcomes: (query: MiFilters) => settle(client.GET('/api/mi/outcomes', { params: { query } })),
  miTurnaround: (query: MiFilters) => settle(client.GET('/api/mi/turnaround', { params: { query } })),
  miExportHref: (tab: 'volumes' | 'outcomes' | 'turnaround', query: MiFilters) =>
    href('/api/mi/{tab}/export', { path: { tab }, query }),
  miPacks: () => settle(client.GET('/api/mi/packs')).then((r) => r.packs),
  miPackHref: (id: string, format: 'xlsx' | 'pdf') => href('/api/mi/packs/{id}/{format}', { path: { id, format } }),
  runMiPack: (organisationId: string, month: string) =>
    settle(client.POST('/api/mi/packs/run', { body: { organisationId, month } })),
  library: () => settle(client.GET('/api/library')).then((r) => r.documents),
  libraryHref: (id: string) => href('/api/library/{id}', { path: { id } }),
  clientOrganisations: () => settle(client.GET('/api/library/organisations')).then((r) => r.organisations),
  libraryOf: (organisationId: string) =>
    settle(client.GET('/api/library/organisations/{organisationId}/documents', withPath({ organisationId }))).then(
      (r) => r.documents,
    ),
  publishLibraryDocument: (organisationId: string, title: string, file: File) =>
    settle(
      client.POST('/api/library/organisations/{organisationId}/documents', {
        ...withPath({ organisationId }),
        body: { file, title },
        bodySerializer: multipart,
      }),
    ),
  withdrawLibraryDocument: (organisationId: string, id: string) =>
    settle(
      client.DELETE('/api/library/organisations/{organisationId}/documents/{id}', withPath({ organisationId, id })),
    ),
  documentHref: (referralId: string, documentId: string) =>
    href('/api/referrals/{id}/documents/{documentId}', { path: { id: referralId, documentId } }),

  approvalQueue: (cursor?: string) => settle(client.GET('/api/approvals', { params: { query: { cursor } } })),
  approveReferral: (referralId: string) =>
    settle(client.POST('/api/approvals/{id}/approve', withPath({ id: referralId }))),
  declineApproval: (referralId: string, rejection: Rejection) =>
    settle(client.POST('/api/approvals/{id}/reject', { ...withPath({ id: referralId }), body: rejection })),

  actions: (caseId: string) =>
    settle(client.GET('/api/cases/{id}/actions', withPath({ id: caseId }))).then((r) => r.actions),
  bookAction: (caseId: string, action: Body<'/api/cases/{id}/actions', 'post'>) =>
    settle(client.POST('/api/cases/{id}/actions', { ...withPath({ id: caseId }), body: action })),
  changeActionStatus: (
    caseId: string,
    actionId: string,
    status: Body<'/api/cases/{id}/actions/{actionId}/status', 'put'>['status'],
  ) =>
    settle(
      client.PUT('/api/cases/{id}/actions/{actionId}/status', {
        ...withPath({ id: caseId, actionId }),
        body: { status },
      }),
    ),
  rebookAction: (
    caseId: string,
    actionId: string,
    rebooking: Body<'/api/cases/{id}/actions/{actionId}/rebook', 'post'>,
  ) =>
    settle(
      client.POST('/api/cases/{id}/actions/{actionId}/rebook', {
        ...withPath({ id: caseId, actionId }),
        body: rebooking,
      }),
    ),
  requestConsent: (caseId: string) => settle(client.POST('/api/cases/{id}/consent/request', withPath({ id: caseId }))),
  recordConsent: (caseId: string, decision: Body<'/api/cases/{id}/consent', 'put'>['decision']) =>
    settle(client.PUT('/api/cases/{id}/consent', { ...withPath({ id: caseId }), body: { decision } })),
  letters: (caseId: string) =>
    settle(client.GET('/api/cases/{id}/letters', withPath({ id: caseId }))).then((r) => r.letters),
  writeLetter: (caseId: string, letter: Body<'/api/cases/{id}/letters', 'post'>) =>
    settle(client.POST('/api/cases/{id}/letters', { ...withPath({ id: caseId }), body: letter })),
  /** The letter as it would be issued, as a PDF to open in the browser; nothing is stored or issued. */
  previewLetter: (caseId: string, body: string) =>
    settle(
      client.POST('/api/cases/{id}/letters/preview', { ...withPath({ id: caseId }), body: { body }, parseAs: 'blob' }),
    ),
  uploadLetter: (caseId: string, file: File, employeeReview: boolean, onProgress: (fraction: number) => void) =>
    settle(
      client.POST('/api/cases/{id}/letters/upload', {
        ...withPath({ id: caseId }),
        body: { file, employeeReview: employeeReview ? 'true' : 'false' },
        bodySerializer: multipart,
        fetch: sendWithProgress(onProgress),
      }),
    ),
  letterHref: (caseId: string, letterId: string) =>
    href('/api/cases/{id}/letters/{letterId}/document', { path: { id: caseId, letterId } }),
  notes: (caseId: string) => settle(client.GET('/api/cases/{id}/notes', withPath({ id: caseId }))).then((r) => r.notes),
  addNote: (caseId: string, body: string) =>
    settle(client.POST('/api/cases/{id}/notes', { ...withPath({ id: caseId }), body: { body } })),
  linkedCases: (caseId: string) =>
    settle(client.GET('/api/cases/{id}/linked', withPath({ id: caseId }))).then((r) => r.cases),
  referralFormHref: (caseId: string) => href('/api/cases/{id}/referral-form', { path: { id: caseId } }),
  statuses: () => settle(client.GET('/api/referrals/statuses')),
  closeCase: (caseId: string, closure: Body<'/api/cases/{id}/close', 'post'>) =>
    settle(client.POST('/api/cases/{id}/close', { ...withPath({ id: caseId }), body: closure })),

  consentRequest: (token: string) =>
    settle(client.GET('/api/employee/consent', { params: { query: { token } } }), OWN_401),
  answerConsent: (token: string, decision: Body<'/api/employee/consent', 'post'>['decision']) =>
    settle(client.POST('/api/employee/consent', { body: { token, decision } }), OWN_401),
  letterReview: (token: string) =>
    settle(client.GET('/api/employee/letter', { params: { query: { token } } }), OWN_401),
  employeeLetterHref: (token: string) => href('/api/employee/letter/document', { query: { token } }),
  answerLetter: (token: string, response: Body<'/api/employee/letter', 'post'>['response']) =>
    settle(client.POST('/api/employee/letter', { body: { token, response } }), OWN_401),

  triageQueue: (cursor?: string) => settle(client.GET('/api/triage', { params: { query: { cursor } } })),
  acceptReferral: (referralId: string, status: Body<'/api/triage/{id}/accept', 'post'>['status']) =>
    settle(client.POST('/api/triage/{id}/accept', { ...withPath({ id: referralId }), body: { status } })),
  rejectReferral: (referralId: string, rejection: Rejection) =>
    settle(client.POST('/api/triage/{id}/reject', { ...withPath({ id: referralId }), body: rejection })),

  questionnaireTypes: () => settle(client.GET('/api/questionnaires/types')),
  requestQuestionnaire: (request: QuestionnaireRequest) =>
    settle(client.POST('/api/questionnaires', { body: request })),
  listQuestionnaires: (query: QuestionnaireQuery) => settle(client.GET('/api/questionnaires', { params: { query } })),
  /** The people whose questionnaires the user may see, for Filter by User. */
  questionnaireOwners: () => settle(client.GET('/api/questionnaires/owners')),
  /** The view as an Excel workbook, a worksheet per tab. */
  exportQuestionnaires: (
    query: Omit<QuestionnaireQuery, 'tab' | 'cursor' | 'limit'>,
    onProgress: (bytes: number) => void,
  ) => exportWorkbook('/api/questionnaires/export.xlsx', query, onProgress),
  questionnaire: (id: string) => settle(client.GET('/api/questionnaires/{id}', withPath({ id }))),
  resendQuestionnaire: (id: string, employeeEmail?: string) =>
    settle(
      client.POST('/api/questionnaires/{id}/resend', {
        ...withPath({ id }),
        body: employeeEmail ? { employeeEmail } : {},
      }),
    ),
  certificateHref: (id: string) => href('/api/questionnaires/{id}/certificate', { path: { id } }),

  reviewQueue: (cursor?: string) => settle(client.GET('/api/questionnaire-review', { params: { query: { cursor } } })),
  questionnaireAnswers: (id: string) =>
    settle(client.GET('/api/questionnaire-review/{id}/answers', withPath({ id }))) as Promise<QuestionnaireAnswers>,
  acceptQuestionnaire: (id: string, outcome: QuestionnaireOutcome) =>
    settle(client.POST('/api/questionnaire-review/{id}/accept', { ...withPath({ id }), body: { outcome } })),
  returnQuestionnaire: (id: string, question: string) =>
    settle(client.POST('/api/questionnaire-review/{id}/return', { ...withPath({ id }), body: { question } })),
  requireAppointment: (id: string) =>
    settle(client.POST('/api/questionnaire-review/{id}/appointment-required', withPath({ id }))),
  referQuestionnaire: (id: string) => settle(client.POST('/api/questionnaire-review/{id}/refer', withPath({ id }))),
  bookQuestionnaireAppointment: (id: string, booking: Body<'/api/questionnaire-review/{id}/actions', 'post'>) =>
    settle(client.POST('/api/questionnaire-review/{id}/actions', { ...withPath({ id }), body: booking })),
  changeQuestionnaireAppointment: (
    id: string,
    actionId: string,
    status: Body<'/api/questionnaire-review/{id}/actions/{actionId}/status', 'post'>['status'],
  ) =>
    settle(
      client.POST('/api/questionnaire-review/{id}/actions/{actionId}/status', {
        ...withPath({ id, actionId }),
        body: { status },
      }),
    ),
  rebookQuestionnaireAppointment: (
    id: string,
    actionId: string,
    rebooking: Body<'/api/questionnaire-review/{id}/actions/{actionId}/rebook', 'post'>,
  ) =>
    settle(
      client.POST('/api/questionnaire-review/{id}/actions/{actionId}/rebook', {
        ...withPath({ id, actionId }),
        body: rebooking,
      }),
    ),

  /** The questionnaire's employee: no account, their own session; a 401 is theirs to answer, not the app's. */
  questionnaireLink: (token: string) =>
    settle(client.GET('/api/questionnaire-employee/link', { params: { query: { token } } }), OWN_401),
  questionnaireCode: (token: string) =>
    settle(client.POST('/api/questionnaire-employee/code', { body: { token } }), OWN_401),
  verifyQuestionnaireCode: (verification: Body<'/api/questionnaire-employee/verify', 'post'>) =>
    settle(client.POST('/api/questionnaire-employee/verify', { body: verification }), OWN_401),
  questionnaireSignIn: (email: string, password: string) =>
    settle(client.POST('/api/questionnaire-employee/sign-in', { body: { email, password } }), OWN_401),
  questionnaireSignOut: () => settle(client.POST('/api/questionnaire-employee/sign-out'), OWN_401),
  employeeQuestionnaire: () =>
    settle(client.GET('/api/questionnaire-employee/questionnaire'), OWN_401) as Promise<EmployeeQuestionnaire>,
  saveQuestionnairePage: (page: string, answers: Record<string, string>, check: boolean) =>
    settle(
      client.PUT('/api/questionnaire-employee/questionnaire/pages/{page}', {
        ...withPath({ page }),
        body: { answers, check },
      }),
      OWN_401,
    ),
  answerClinicianQuestion: (answer: string) =>
    settle(client.PUT('/api/questionnaire-employee/questionnaire/question', { body: { answer } }), OWN_401),
  submitQuestionnaire: (declaration: boolean) =>
    settle(client.POST('/api/questionnaire-employee/questionnaire/submit', { body: { declaration } }), OWN_401),
};
