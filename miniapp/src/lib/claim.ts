import type { CommandRequestOf } from '@whistle/shared';
import { api, isApiError } from '../api';

export type ClaimOutcome =
  | { kind: 'won'; unitName?: string }
  | { kind: 'lost'; unitName: string; message: string }
  | { kind: 'error'; message: string };

interface ClaimClient {
  command: (id: string, req: CommandRequestOf<'claim'>) => Promise<{ ticket?: { handlingUnitName?: string | undefined } | undefined }>;
  ticket: (id: string) => Promise<{ ticket: { handlingUnitName?: string | undefined } }>;
}

const lostTo = (unitName: string, message?: string): ClaimOutcome => ({
  kind: 'lost',
  unitName,
  message: message && message.startsWith('已被') ? message : `已被 ${unitName} 认领`,
});

/**
 * Claims a ticket (发声认领). Losing the race is an answer, not an error: it
 * says who won (`已被 XX 认领`), from the 409's details, or from the ticket
 * when the server refused for another reason because someone got there first.
 */
export async function claimTicket(id: string, client: ClaimClient = api): Promise<ClaimOutcome> {
  try {
    const r = await client.command(id, { type: 'claim' });
    return { kind: 'won', ...(r.ticket?.handlingUnitName ? { unitName: r.ticket.handlingUnitName } : {}) };
  } catch (e) {
    if (!isApiError(e)) return { kind: 'error', message: '认领失败，请稍后重试' };
    if (e.code === 'ALREADY_CLAIMED') {
      const d = (e.details ?? {}) as { unitName?: unknown };
      const name = typeof d.unitName === 'string' && d.unitName ? d.unitName : e.message.replace(/^已被\s*|\s*认领$/g, '');
      return lostTo(name, e.message);
    }
    if (e.status === 409) {
      // e.g. INVALID_TRANSITION: no longer waiting to be claimed; say who has it
      try {
        const { ticket } = await client.ticket(id);
        if (ticket.handlingUnitName) return lostTo(ticket.handlingUnitName);
      } catch {
        // fall through to the server's own words
      }
    }
    if (e.offline) return { kind: 'error', message: '网络连接失败，认领未成功，请检查网络后重试' };
    return { kind: 'error', message: `认领失败：${e.message}` };
  }
}
