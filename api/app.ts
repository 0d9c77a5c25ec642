import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { isDatabaseUnreachable } from '../db/unreachable.ts';
import { AppError, ServiceUnavailableError } from '../domain/errors.ts';
import { defaultLog } from '../services/logger.ts';
import type { AppDeps } from './context.ts';
import { sameOrigin } from './middleware/same-origin.ts';
import { storableText } from './middleware/storable-text.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { loadSession, requireSignInOutsidePublicRoutes } from './middleware/session.ts';
import { createRouter } from './openapi.ts';
import { accountRoutes } from './routes/account.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { authRoutes } from './routes/auth.ts';
import { botCheckRoutes } from './routes/bot-check.ts';
import { caseRecordRoutes } from './routes/case-records.ts';
import { caseRoutes } from './routes/cases.ts';
import { docsRoutes } from './routes/docs.ts';
import { employeeRoutes } from './routes/employee.ts';
import { formTypeRoutes } from './routes/form-types.ts';
import { healthRoutes } from './routes/health.ts';
import { libraryRoutes } from './routes/library.ts';
import { miRoutes } from './routes/mi.ts';
import { passwordCheckRoutes } from './routes/password-check.ts';
import { questionnaireEmployeeRoutes } from './routes/questionnaire-employee.ts';
import { questionnaireReviewRoutes } from './routes/questionnaire-review.ts';
import { questionnaireRoutes } from './routes/questionnaires.ts';
import { providerAdminRoutes } from './routes/provider-admin.ts';
import { reassignmentRoutes, caseReassignRoutes, userReassignRoutes } from './routes/reassignments.ts';
import { recoveryRoutes } from './routes/recovery.ts';
import { referralDocumentRoutes } from './routes/referral-documents.ts';
import { referralLifecycleRoutes } from './routes/referral-lifecycle.ts';
import { registrationRoutes } from './routes/registration.ts';
import { shareRoutes, userShareRoutes } from './routes/shares.ts';
import { referralRoutes } from './routes/referrals.ts';
import { triageRoutes } from './routes/triage.ts';
import { userRoutes } from './routes/users.ts';

/** The whole HTTP surface, composed in one place. */
export function createApp(deps: AppDeps) {
  const log = deps.log ?? defaultLog();
  const app = createRouter();
  app.use('*', requestId());
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('/api/*', async (c, next) => {
    // Nothing the API says may be cached: it is personal data. Set before the handler, like every
    // header the middleware adds: one set after it makes @hono/node-server rebuild the response.
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // Order matters: a cross-site request is refused before any work, and an
  // anonymous one before its input is validated (authenticate, then validate).
  app.use('*', sameOrigin(new URL(deps.settings.publicUrl).origin));
  app.use('/api/*', loadSession());
  app.use('/api/*', requireSignInOutsidePublicRoutes());
  app.use('/api/*', storableText());

  app.route('/api', healthRoutes());
  app.route('/api/auth', authRoutes);
  app.route('/api/registration', registrationRoutes);
  app.route('/api/recovery', recoveryRoutes);
  app.route('/api/password-check', passwordCheckRoutes);
  app.route('/api/account/shares', shareRoutes);
  app.route('/api/account', accountRoutes);
  app.route('/api/users', userRoutes);
  app.route('/api/admin', providerAdminRoutes);
  app.route('/api/users', userReassignRoutes);
  app.route('/api/user-shares', userShareRoutes);
  app.route('/api/reassignments', reassignmentRoutes);
  app.route('/api/bot-check', botCheckRoutes);
  app.route('/api/form-types', formTypeRoutes);
  app.route('/api/referrals', referralRoutes);
  app.route('/api/referrals', referralDocumentRoutes);
  app.route('/api/referrals', referralLifecycleRoutes);
  app.route('/api/referrals', caseReassignRoutes);
  app.route('/api/cases', caseRoutes);
  app.route('/api/cases', caseRecordRoutes);
  app.route('/api/employee', employeeRoutes);
  app.route('/api/triage', triageRoutes);
  app.route('/api/approvals', approvalRoutes);
  app.route('/api/questionnaires', questionnaireRoutes);
  app.route('/api/questionnaire-review', questionnaireReviewRoutes);
  app.route('/api/questionnaire-employee', questionnaireEmployeeRoutes);
  app.route('/api/mi', miRoutes);
  app.route('/api/library', libraryRoutes);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Casebook API', version: '1', description: 'Occupational-health referrals and case management.' },
  });
  app.route('/api/docs', docsRoutes());
  // The address as people type it, with a trailing slash (a mounted route cannot say it).
  app.get('/api/docs/', (c) => c.redirect('/api/docs', 301));

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'There is nothing at this address.' } }, 404));

  app.onError((error, c) => {
    // The route's pattern, not the URL (its query can hold a surname); the error reduced to codes and frames.
    const request = (status: number) => ({
      requestId: c.get('requestId'),
      method: c.req.method,
      route: routePath(c, -1),
      status,
    });
    // PostgreSQL or Temporal not answering is no bug: a 503 to retry (the Temporal edge raises its own).
    const unavailable =
      error instanceof ServiceUnavailableError
        ? error
        : isDatabaseUnreachable(error)
          ? new ServiceUnavailableError('database', error)
          : undefined;
    if (unavailable) {
      const { dependency, cause } = unavailable;
      log.warn({ ...request(503), dependency, err: cause }, 'dependency unavailable');
      c.header('Retry-After', '60');
      return c.json({ error: { code: unavailable.code, message: unavailable.message } }, 503);
    }
    if (error instanceof AppError) {
      return c.json(
        { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } },
        error.status as 400,
      );
    }
    if (error instanceof HTTPException) {
      const status = error.status;
      return c.json(
        {
          error: {
            code: status === 413 ? 'TOO_LARGE' : 'BAD_REQUEST',
            message: error.message || 'The request could not be read.',
          },
        },
        status,
      );
    }
    if (error instanceof SyntaxError) {
      return c.json({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } }, 400);
    }
    log.error({ ...request(500), err: error }, 'request failed');
    return c.json(
      {
        error: {
          code: 'INTERNAL',
          message: `Something went wrong on our side. Quote reference ${c.get('requestId')} if you contact us.`,
        },
      },
      500,
    );
  });

  if (deps.settings.webDist) mountPortal(app, deps.settings.webDist);
  return app;
}

/** The built SolidJS portal: files as they are, and index.html for its routes. */
function mountPortal(app: ReturnType<typeof createRouter>, dist: string) {
  const index = path.join(dist, 'index.html');
  const relative = path.relative(process.cwd(), dist) || '.';
  app.use('/assets/*', serveStatic({ root: relative }));
  app.get('/favicon.svg', serveStatic({ root: relative }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    if (!fs.existsSync(index)) return c.text('The portal has not been built: run npm run build:web', 503);
    return c.html(fs.readFileSync(index, 'utf8'));
  });
}
