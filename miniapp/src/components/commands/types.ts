import { COMMANDS, type CommandRequestOf, type CommandSpec, type CommandType, type Ticket, type Unit } from '@whistle/shared';

/** The commands issued through a form in a sheet; claim and message have their own buttons. */
export type SheetCommand = Exclude<CommandType, 'claim' | 'message'>;

/** What the forms need of a ticket (a full Ticket, or an overview row). */
export interface TicketLike {
  id: string;
  title: string;
  handlingUnitId?: string | undefined;
  joint?: Ticket['joint'];
  leader?: Ticket['leader'];
  classification?: Ticket['classification'];
  plan?: Ticket['plan'];
}

export interface Leader {
  userId: string;
  name: string;
  title?: string | undefined;
}

/** The ticket, who is acting, and the lists some forms pick from. */
export interface CommandContext {
  ticket: TicketLike;
  me: { userId: string; unitId?: string | undefined; isSupervisor: boolean; isLeader: boolean; name: string };
  units: readonly Unit[];
  leaders: readonly Leader[];
  /** the plan item a form opens on (the plan's own 完成 button) */
  focusItemId?: string | undefined;
}

/** Sends the request; true once it succeeded. */
export type Submit<K extends SheetCommand> = (request: CommandRequestOf<K>) => Promise<boolean>;

export interface FormProps<K extends SheetCommand> {
  ctx: CommandContext;
  submit: Submit<K>;
}

/** A request ready to send, or the one error line to show under the form. */
export type Built<K extends SheetCommand> = { request: CommandRequestOf<K> } | { error: string };

const firstMessage = (r: { success: boolean; error?: { issues: ReadonlyArray<{ message: string }> } }) =>
  r.error?.issues[0]?.message ?? '请检查填写内容';

/**
 * Checks a command's body, and its extra path parameters, with the catalogue's
 * own schemas (`COMMANDS[type].body` / `.params`), so the form says what the
 * server would say; the parsed, trimmed values make the request.
 */
export function buildRequest<K extends SheetCommand>(type: K, body: object, params: object = {}): Built<K> {
  const spec: CommandSpec = COMMANDS[type];
  const b = spec.body ? spec.body.safeParse(body) : { success: true as const, data: {} };
  if (!b.success) return { error: firstMessage(b) };
  const p = spec.params ? spec.params.safeParse(params) : { success: true as const, data: {} };
  if (!p.success) return { error: firstMessage(p) };
  // sound: the fields are exactly what this command's schemas accepted
  return { request: { type, ...b.data, ...p.data } as CommandRequestOf<K> };
}
