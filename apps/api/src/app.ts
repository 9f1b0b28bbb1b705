/**
 * The Jalur HTTP application: one sub-app per feature, chained so their
 * route types flow into {@link AppType} (and so into the typed client).
 * `createApp` takes its dependencies, so tests build an app on a temporary
 * SQLite file and call `app.request()` directly.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { type AppDeps, createApiContext } from './context.ts';
import { bodySizeLimit } from './http/body-size.ts';
import { apiDocsRoutes } from './http/api-docs.ts';
import { mountEditor } from './http/editor-static.ts';
import { openApiDocument } from './http/openapi-document.ts';
import { handleError, handleNotFound } from './http/errors.ts';
import type { AppEnv } from './http/router.ts';
import { authRoutes } from './routes/auth.ts';
import { accountRoutes } from './auth/account-routes.ts';
import { teamRoutes } from './team/routes.ts';
import { caseRoutes } from './routes/cases.ts';
import { healthRoutes } from './routes/health.ts';
import { pathwayRoutes } from './routes/pathways.ts';
import { studentRoutes } from './routes/students.ts';
import { reportRoutes } from './reports/routes.ts';
import { districtRoutes } from './district/routes.ts';
import { migrationRoutes } from './reports/migrations.ts';
import { processRoutes } from './process/routes.ts';
import { caseworkRoutes } from './casework/index.ts';
import { interventionRoutes } from './cases/intervention-routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { fundRoutes } from './registers/funds-routes.ts';
import { partnerRoutes } from './registers/partners-routes.ts';
import { peerRoutes } from './registers/peers-routes.ts';
import { groupRoutes } from './registers/groups-routes.ts';
import { meRoutes } from './reports/me-routes.ts';

export type { AppDeps } from './context.ts';

/** Request bodies above this size are refused (a pathway document may be up to 2 MB). */
const MAX_BODY_BYTES = 2_500_000;

/** Builds the application. */
export function createApp(deps: AppDeps) {
  const ctx = createApiContext(deps);
  const app = new OpenAPIHono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use(
    '*',
    secureHeaders({
      // The editor is a Vite build served from this origin; the API answers JSON only.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        // The API reference (/api/docs) starts its bundle with one inline script that carries this request's nonce.
        scriptSrc: ["'self'", NONCE],
        // Canvas exports (html-to-image) and charts draw into data:/blob: images.
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // React Flow and the charts position nodes with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/api/*', bodySizeLimit(MAX_BODY_BYTES));
  // API answers carry students' data: never kept by the browser or a proxy on a shared school computer.
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  const routes = app
    .route('/api', healthRoutes(ctx))
    .route('/api', apiDocsRoutes())
    .route('/api/auth', authRoutes(ctx))
    .route('/api/accounts', accountRoutes(ctx))
    .route('/api/team', teamRoutes(ctx))
    .route('/api/pathways', pathwayRoutes(ctx))
    .route('/api/students', studentRoutes(ctx))
    .route('/api/cases', caseRoutes(ctx))
    .route('/api/reports', reportRoutes(ctx))
    .route('/api/district', districtRoutes(ctx))
    .route('/api/pathways', migrationRoutes(ctx))
    .route('/api/pathways', processRoutes(ctx))
    .route('/api', caseworkRoutes(ctx))
    .route('/api', interventionRoutes(ctx))
    .route('/api', partnerRoutes(ctx))
    .route('/api', peerRoutes(ctx))
    .route('/api', groupRoutes(ctx))
    .route('/api', privacyRoutes(ctx))
    .route('/api', documentRoutes(ctx))
    .route('/api', fundRoutes(ctx))
    .route('/api', meRoutes(ctx));

  const document = openApiDocument(app);
  app.get('/api/openapi.json', (c) => c.json(document()));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', { type: 'apiKey', in: 'cookie', name: 'jalur_session' });

  if (deps.editorDist) mountEditor(app, deps.editorDist);
  return routes;
}

/** The route types of the whole API, for `hc<AppType>`. */
export type AppType = ReturnType<typeof createApp>;
