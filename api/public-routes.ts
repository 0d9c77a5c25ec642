/**
 * The one list of API routes anyone may call without a session. Every other
 * /api route is refused with 401 before its input is read (api/app.ts).
 * `:name` stands for one path segment; HEAD goes with GET.
 */
const PUBLIC_ROUTES: readonly (readonly [method: string, path: string])[] = [
  ['GET', '/api/health'],
  // A load balancer's readiness probe: reports which dependency is down, nothing else.
  ['GET', '/api/ready'],
  ['GET', '/api/openapi.json'],
  ['GET', '/api/docs'],
  ['GET', '/api/docs/'],
  ['GET', '/api/docs/:file'],
  ['POST', '/api/auth/login'],
  // Password accepted, second factor owed: the handler needs the pending session, not a full one.
  ['POST', '/api/auth/two-factor'],
  // Anyone may drop a session cookie, live or not.
  ['POST', '/api/auth/logout'],
  ['GET', '/api/registration/organisations/:code'],
  ['POST', '/api/registration'],
  ['POST', '/api/registration/activate'],
  ['POST', '/api/registration/resend-activation'],
  ['POST', '/api/recovery/forgot-password'],
  ['POST', '/api/recovery/reset-password'],
  ['POST', '/api/recovery/forgot-username'],
  ['GET', '/api/bot-check'],
  // The live password rules on registration and reset pages, before anyone is signed in.
  ['POST', '/api/password-check'],
  // The referred employee's emailed links: the token in the request is the credential.
  ['GET', '/api/employee/consent'],
  ['POST', '/api/employee/consent'],
  ['GET', '/api/employee/letter'],
  ['GET', '/api/employee/letter/document'],
  ['POST', '/api/employee/letter'],
  ['GET', '/api/referrals/statuses'],
  // The questionnaire's employee: the emailed link, a one-time code, then their own password and session.
  ['GET', '/api/questionnaire-employee/link'],
  ['POST', '/api/questionnaire-employee/code'],
  ['POST', '/api/questionnaire-employee/verify'],
  ['POST', '/api/questionnaire-employee/sign-in'],
  ['POST', '/api/questionnaire-employee/sign-out'],
  ['GET', '/api/questionnaire-employee/questionnaire'],
  ['PUT', '/api/questionnaire-employee/questionnaire/pages/:page'],
  ['PUT', '/api/questionnaire-employee/questionnaire/question'],
  ['POST', '/api/questionnaire-employee/questionnaire/submit'],
];

const PATTERNS = PUBLIC_ROUTES.map(([method, path]) => ({ method, segments: path.split('/') }));

export function isPublicRoute(method: string, path: string): boolean {
  const asked = method === 'HEAD' ? 'GET' : method;
  const segments = path.split('/');
  return PATTERNS.some(
    (p) =>
      p.method === asked &&
      p.segments.length === segments.length &&
      p.segments.every((s, i) => (s.startsWith(':') ? segments[i] !== '' : s === segments[i])),
  );
}

/** The list as written, for the test that checks it against the routes the API has. */
export const publicRoutes = () => PUBLIC_ROUTES.map(([method, path]) => ({ method, path }));
