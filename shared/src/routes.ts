import { matchRouteIn, type RouteDef } from './routes/define.js';
import { SYSTEM_ROUTES } from './routes/system.js';
import { DOCS_ROUTES } from './routes/docs.js';
import { AUTH_ROUTES } from './routes/auth.js';
import { DIRECTORY_ROUTES } from './routes/directory.js';
import { INTAKE_ROUTES } from './routes/intake.js';
import { TICKETS_ROUTES } from './routes/tickets.js';
import { CLAIM_ROUTES } from './routes/claim.js';
import { INBOX_ROUTES } from './routes/inbox.js';
import { DESK_ROUTES } from './routes/desk.js';
import { SUPERVISION_ROUTES } from './routes/supervision.js';
import { RACES_ROUTES } from './routes/races.js';
import { ADMIN_ROUTES } from './routes/admin.js';
import { ASSESSMENT_ROUTES } from './routes/assessment.js';
import { EXPORTS_ROUTES } from './routes/exports.js';
import { DEV_ROUTES } from './routes/dev.js';
import { IMPORT_TEMPLATES_ROUTES, IMPORTS_ROUTES } from './routes/imports.js';
import { WECHAT_ROUTES } from './routes/wechat.js';
import { PLATFORM_ROUTES } from './routes/platform.js';
import { POLICIES_ROUTES } from './routes/policies.js';
import { VISITS_ROUTES } from './routes/visits.js';
import { RETROSPECTIVE_DOCS_ROUTES, RETROSPECTIVES_ROUTES } from './routes/retrospectives.js';
import { COMMON_ISSUES_ROUTES } from './routes/common-issues.js';


/**
 * The route table: the one list of HTTP routes, each function's routes
 * (shared/src/routes/<fn>.ts) in turn. The local gateway serves it, the CDK
 * stack creates exactly these routes on the HTTP API, the OpenAPI document is
 * generated from it, and the mini-program's client calls it. A function's
 * handler takes only its own routes, so its bundle carries only their schemas.
 */
export const ROUTES: readonly RouteDef[] = [
  ...SYSTEM_ROUTES,
  ...DOCS_ROUTES,
  ...AUTH_ROUTES,
  ...DIRECTORY_ROUTES,
  ...INTAKE_ROUTES,
  ...TICKETS_ROUTES,
  ...CLAIM_ROUTES,
  ...INBOX_ROUTES,
  ...DESK_ROUTES,
  ...SUPERVISION_ROUTES,
  ...RACES_ROUTES,
  ...ADMIN_ROUTES,
  ...ASSESSMENT_ROUTES,
  ...EXPORTS_ROUTES,
  ...DEV_ROUTES,
  ...IMPORTS_ROUTES,
  ...IMPORT_TEMPLATES_ROUTES,
  ...WECHAT_ROUTES,
  ...PLATFORM_ROUTES,
  ...POLICIES_ROUTES,
  ...VISITS_ROUTES,
  ...RETROSPECTIVES_ROUTES,
  ...RETROSPECTIVE_DOCS_ROUTES,
  ...COMMON_ISSUES_ROUTES,
];

/** Matches a concrete path against the table (or some routes of it); returns the route and its path parameters. */
export const matchRoute = (method: string, path: string, routes: readonly RouteDef[] = ROUTES) => matchRouteIn(method, path, routes);
