import { COMMANDS, type CommandRequest, type Unit } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { issueCommand } from '../../lib/commands';
import { currentUser, getMe, hasRole } from '../../lib/session';
import { toastError } from '../../lib/toast';
import { Sheet } from '../Sheet';
import { CommandForm } from './CommandForm';
import type { CommandContext, Leader, SheetCommand, TicketLike } from './types';

const NEEDS_UNITS: readonly SheetCommand[] = ['assign', 'transfer', 'joint', 'plan', 'addItem'];

/** The units and leaders the open form picks from, loaded once it needs them. */
function usePickLists(type: SheetCommand | undefined, isSupervisor: boolean) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [leaders, setLeaders] = useState<Leader[]>([]);
  const needUnits = !!type && NEEDS_UNITS.includes(type) && !units.length;
  const needLeaders = type === 'lead' && isSupervisor && !leaders.length;
  useEffect(() => {
    if (!needUnits) return;
    api
      .units()
      .then((r) => setUnits(r.items))
      .catch((e: unknown) => toastError(e, '加载单位列表'));
  }, [needUnits]);
  useEffect(() => {
    if (!needLeaders) return;
    api
      .leaders()
      .then((r) => setLeaders(r.items))
      .catch((e: unknown) => toastError(e, '加载领导名单'));
  }, [needLeaders]);
  return { units, leaders };
}

/**
 * A command's form in a bottom sheet, for one ticket: sends what the form
 * validated, toasts the command's done text, then hands the request to
 * `onDone`. `titled` adds the ticket's title to the sheet's (list pages).
 */
export function CommandSheet(props: {
  ticket: TicketLike | undefined;
  type: SheetCommand | undefined;
  titled?: boolean;
  /** the plan item the form opens on */
  focusItemId?: string | undefined;
  onClose: () => void;
  onDone: (request: CommandRequest, ticket: TicketLike) => void;
}) {
  const { ticket, type } = props;
  const user = currentUser();
  const isSupervisor = hasRole(user, 'supervisor');
  const lists = usePickLists(type, isSupervisor);
  const open = !!ticket && !!type;
  const label = type ? COMMANDS[type].label : '';

  const submit = async (request: CommandRequest): Promise<boolean> => {
    if (!ticket) return false;
    if (!(await issueCommand(ticket.id, request))) return false;
    props.onDone(request, ticket);
    return true;
  };

  const ctx = (t: TicketLike): CommandContext => ({
    ticket: t,
    me: {
      userId: user?.id ?? '',
      unitId: user?.unitId ?? getMe()?.unit?.id,
      isSupervisor,
      isLeader: hasRole(user, 'leader'),
      name: user?.name ?? '',
    },
    ...lists,
    focusItemId: props.focusItemId,
  });

  return (
    <Sheet open={open} title={props.titled ? `${label} · ${ticket?.title ?? ''}` : label} onClose={props.onClose}>
      {ticket && type ? <CommandForm key={`${ticket.id}:${type}`} type={type} ctx={ctx(ticket)} submit={submit} /> : null}
    </Sheet>
  );
}
