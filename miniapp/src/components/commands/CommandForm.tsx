import type { CommandRequest } from '@whistle/shared';
import type { ComponentType } from 'react';
import { AddItemForm } from './AddItemForm';
import { AssignForm } from './AssignForm';
import { ClassifyForm } from './ClassifyForm';
import { DeclineForm } from './DeclineForm';
import { DeskAnswerForm } from './DeskAnswerForm';
import { DeskForwardForm } from './DeskForwardForm';
import { ItemDoneForm } from './ItemDoneForm';
import { ItemDueForm } from './ItemDueForm';
import { JointForm } from './JointForm';
import { LeadForm } from './LeadForm';
import { PlanForm } from './PlanForm';
import { ProgressForm } from './ProgressForm';
import { RateForm } from './RateForm';
import { ReopenForm } from './ReopenForm';
import { RequestInfoForm } from './RequestInfoForm';
import { ResolveForm } from './ResolveForm';
import { TaskDoneForm } from './TaskDoneForm';
import { TransferForm } from './TransferForm';
import type { CommandContext, FormProps, SheetCommand } from './types';

/**
 * One form per sheet command: the type system proves every sheet command has
 * one, and that each form submits its own command. The order is the order of
 * the buttons on the ticket.
 */
const FORMS: { [K in SheetCommand]: ComponentType<FormProps<K>> } = {
  resolve: ResolveForm,
  progress: ProgressForm,
  requestInfo: RequestInfoForm,
  taskDone: TaskDoneForm,
  itemDone: ItemDoneForm,
  joint: JointForm,
  classify: ClassifyForm,
  plan: PlanForm,
  addItem: AddItemForm,
  itemDue: ItemDueForm,
  transfer: TransferForm,
  assign: AssignForm,
  lead: LeadForm,
  decline: DeclineForm,
  rate: RateForm,
  reopen: ReopenForm,
  deskAnswer: DeskAnswerForm,
  deskForward: DeskForwardForm,
};

/** The sheet commands, in the order of their buttons. */
export const SHEET_COMMANDS = Object.keys(FORMS) as SheetCommand[];

export const isSheetCommand = (type: string): type is SheetCommand => Object.hasOwn(FORMS, type);

/** The form of one command; `submit` sends what it validated. */
export function CommandForm<K extends SheetCommand>(props: { type: K; ctx: CommandContext; submit: (r: CommandRequest) => Promise<boolean> }) {
  const Form: ComponentType<FormProps<K>> = FORMS[props.type];
  return <Form ctx={props.ctx} submit={props.submit} />;
}
