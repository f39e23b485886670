import type { Unit } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { currentUser, hasRole } from '../lib/session';
import { toastError, toastOk } from '../lib/toast';
import { ACTION_LABELS, ActionForm, type ActionKind, type ActionPayload, type TicketLike } from './ActionForms';
import { Sheet } from './Sheet';

/** One list-level quick action (desk answer/forward, supervisor assign) in a sheet. */
export function QuickAction(props: {
  ticket: TicketLike | undefined;
  kind: ActionKind | undefined;
  onClose: () => void;
  onDone: (ticket: TicketLike, kind: ActionKind) => void;
}) {
  const { ticket, kind } = props;
  const user = currentUser();
  const [units, setUnits] = useState<Unit[]>([]);
  const [leaders, setLeaders] = useState<Array<{ userId: string; name: string; title?: string | undefined }>>([]);
  useEffect(() => {
    if ((kind === 'assign' || kind === 'transfer' || kind === 'joint') && !units.length) {
      api
        .units()
        .then((r) => setUnits(r.items))
        .catch((e: unknown) => toastError(e, '加载单位列表'));
    }
    if (kind === 'lead' && !leaders.length) {
      api
        .leaders()
        .then((r) => setLeaders(r.items))
        .catch((e: unknown) => toastError(e, '加载领导名单'));
    }
  }, [kind, units.length, leaders.length]);

  const submit = async (p: ActionPayload): Promise<boolean> => {
    if (!ticket) return false;
    try {
      if (p.kind === 'deskAnswer') await api.command(ticket.id, { type: 'deskAnswer', text: p.text });
      else if (p.kind === 'deskForward') await api.command(ticket.id, { type: 'deskForward', ...(p.text ? { text: p.text } : {}) });
      else if (p.kind === 'assign') await api.command(ticket.id, { type: 'assign', unitId: p.unitId });
      else if (p.kind === 'lead') await api.command(ticket.id, { type: 'lead', leaderUserId: p.leaderUserId });
      else return false;
    } catch (e) {
      toastError(e, ACTION_LABELS[p.kind]);
      return false;
    }
    toastOk(p.kind === 'deskAnswer' ? '已答复企业' : p.kind === 'deskForward' ? '已转交部门' : p.kind === 'assign' ? '已指派' : '已设定领办');
    props.onDone(ticket, p.kind);
    return true;
  };

  return (
    <Sheet open={!!ticket && !!kind} title={kind ? `${ACTION_LABELS[kind] ?? ''} · ${ticket?.title ?? ''}` : ''} onClose={props.onClose}>
      {ticket && kind ? (
        <ActionForm
          key={`${ticket.id}:${kind}`}
          kind={kind}
          ctx={{
            ticket,
            me: {
              userId: user?.id ?? '',
              unitId: user?.unitId,
              isSupervisor: hasRole(user, 'supervisor'),
              isLeader: hasRole(user, 'leader'),
              name: user?.name ?? '',
            },
            units,
            leaders,
          }}
          submit={submit}
        />
      ) : null}
    </Sheet>
  );
}
