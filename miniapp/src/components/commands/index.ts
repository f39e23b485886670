export { CommandForm, isSheetCommand, SHEET_COMMANDS } from './CommandForm';
export { CommandSheet } from './CommandSheet';
export type { CommandContext, Leader, SheetCommand, TicketLike } from './types';
