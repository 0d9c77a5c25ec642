import type { FormData, FormDefinition } from '../../domain/forms.ts';
import type { AcceptStatus } from '../../domain/statuses.ts';

/** Every call the portal makes to the Casebook API, in one place. */

export type NavItem = { key: string; label: string; path: string };

export type Session = {
  user: {
    id: string;
    username: string;
    title: string | null;
    firstName: string;
    surname: string;
    email: string;
    jobTitle: string | null;
    telephone: string | null;
    workAddress: string | null;
    workPostcode: string | null;
  };
  organisation: { id: string; code: string; name: string; isProvider: boolean };
  permissions: string[];
  navigation: NavItem[];
  expiresAt: string;
};

export type FormType = { key: string; name: string };

export type Referral = {
  id: string;
  formKey: string;
  formName: string;
  status: string;
  statusLabel: string;
  statusExplanation: string;
  caseNumber: string | null;
  submittedAt: string | null;
  lastSavedAt: string;
  owner: string;
  isAuthor: boolean;
  formData: FormData;
  definition: FormDefinition;
};

export type ReferralTab = 'open' | 'closed' | 'pending' | 'draft' | 'rejected';

export type ReferralRow = {
  id: string;
  employee: string;
  caseNumber: string | null;
  division: string | null;
  location: string | null;
  department: string | null;
  received: string | null;
  status: string;
  statusLabel: string;
  caseType: string;
  owner: string;
  recallDate: string | null;
  updatedAt: string;
};

export type ReferralPage = { rows: ReferralRow[]; nextCursor: string | null };

export type TriageRow = { id: string; organisation: string; caseType: string; employee: string; received: string | null; statusLabel: string };

export type ReferralState = { status: string; caseNumber: string | null };

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

let onUnauthenticated: () => void = () => undefined;

/** The app decides what a 401 means for the user: back to sign-in, then back here. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  const error = await readError(res);
  // A failed sign-in is a 401 too, but it is answered on the sign-in page itself.
  if (res.status === 401 && path !== '/api/auth/login') onUnauthenticated();
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

export const api = {
  login: (username: string, password: string) => request<void>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  session: () => request<Session>('GET', '/api/auth/session'),

  formTypes: () => request<{ formTypes: FormType[] }>('GET', '/api/form-types').then((r) => r.formTypes),

  listReferrals: (params: { tab: ReferralTab; search?: string; cursor?: string }) =>
    request<ReferralPage>('GET', `/api/referrals?${query(params)}`),
  createReferral: (formKey: string) => request<{ id: string }>('POST', '/api/referrals', { formKey, formData: {} }),
  referral: (id: string) => request<Referral>('GET', `/api/referrals/${encodeURIComponent(id)}`),
  saveReferral: (id: string, formData: FormData) =>
    request<{ savedAt: string }>('PUT', `/api/referrals/${encodeURIComponent(id)}`, { formData }),
  submitReferral: (id: string) => request<ReferralState>('POST', `/api/referrals/${encodeURIComponent(id)}/submit`),

  triageQueue: () => request<{ rows: TriageRow[] }>('GET', '/api/triage').then((r) => r.rows),
  acceptReferral: (id: string, status: AcceptStatus) =>
    request<ReferralState>('POST', `/api/triage/${encodeURIComponent(id)}/accept`, { status }),
  rejectReferral: (id: string, reason: string) =>
    request<ReferralState>('POST', `/api/triage/${encodeURIComponent(id)}/reject`, { reason }),
};
