import { COMMANDS, type CommandRequest, type Ticket } from '@whistle/shared';
import { api } from '../api';
import { toastError, toastOk } from './toast';

/**
 * Sends one ticket command and says how it went: the catalogue's `done` text,
 * or what failed under the command's label. The updated ticket, or undefined
 * when it failed.
 */
export async function issueCommand(ticketId: string, request: CommandRequest): Promise<Ticket | undefined> {
  const spec = COMMANDS[request.type];
  try {
    const { ticket } = await api.command(ticketId, request);
    toastOk(spec.done);
    return ticket;
  } catch (e) {
    toastError(e, spec.label);
    return undefined;
  }
}
