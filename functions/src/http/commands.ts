import { COMMANDS, COMMAND_TYPES, parseOrThrow, routeKey, ticketParamOf, TicketIdParam, type CommandRequest, type CommandSpec } from '@whistle/shared';
import { issueCommand } from '../services/tickets.js';
import type { RouteImpl } from './handler.js';

/**
 * The route implementations of one function's ticket commands, derived from
 * the catalogue (shared/src/ticket/commands.ts): the ticket id and any other
 * path parameter are parsed, the body was parsed at the edge with the
 * command's schema, and the command runs through the one service entry.
 */
export function commandImpls(fn: CommandSpec['fn']): Record<string, RouteImpl> {
  return Object.fromEntries(
    COMMAND_TYPES.filter((type) => COMMANDS[type].fn === fn).map((type) => {
      const spec: CommandSpec = COMMANDS[type];
      const impl: RouteImpl = async ({ deps, principal, req }) => {
        const { id } = parseOrThrow(TicketIdParam, { id: req.params[ticketParamOf(type)] }, 'path');
        const params = spec.params ? parseOrThrow(spec.params, Object.fromEntries(Object.entries(req.params).filter(([k]) => k !== ticketParamOf(type))), 'path') : {};
        const request = { ...(req.body as object), ...params, type } as CommandRequest;
        return { body: { ticket: await issueCommand(deps, principal, id, request) } };
      };
      return [routeKey({ method: 'POST', path: spec.path }), impl];
    }),
  );
}
