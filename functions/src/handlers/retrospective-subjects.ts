import type { RetrospectiveSubject } from '@whistle/shared';
import type { RouteRequest } from '../http/handler.js';

/** A retrospective's subject from its route's path: a ticket (`/api/tickets/{id}/…`) or a common issue (`/api/common-issues/{commonIssueId}/…`). */
export const ticketSubject = (req: RouteRequest): RetrospectiveSubject => ({ kind: 'ticket', ticketId: req.params.id ?? '' });
export const commonIssueSubject = (req: RouteRequest): RetrospectiveSubject => ({ kind: 'commonIssue', commonIssueId: req.params.commonIssueId ?? '' });
