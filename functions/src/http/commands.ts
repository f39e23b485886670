import { COMMANDS, COMMAND_TYPES, routeKey, ticketParamOf, type CommandRequest, type CommandSpec } from '@whistle/shared';
import { issueCommand } from '../services/tickets.js';
import type { RouteImpl } from './handler.js';

/**
 * The route implementations of one function's ticket commands, derived from
 * the catalogue (shared/src/ticket/commands.ts): the ticket id and any other
 * path parameter (the route's `params`, from the catalogue) and the body were
 * parsed at the edge by the route wrapper, and the command runs through the
 * one service entry.
 */
export function commandImpls(fn: CommandSpec['fn']): Record<string, RouteImpl> {
  return Object.fromEntries(
    COMMAND_TYPES.filter((type) => COMMANDS[type].fn === fn).map((type) => {
      const spec: CommandSpec = COMMANDS[type];
      const impl: RouteImpl = async ({ deps, principal, req }) => {
        const { [ticketParamOf(type)]: id = '', ...params } = req.params;
        const request = { ...(req.body as object), ...params, type } as CommandRequest;
        return { body: { ticket: await issueCommand(deps, principal, id, request) } };
      };
      return [routeKey({ method: 'POST', path: spec.path }), impl];
    }),
  );
}
