import {
  type CreateRetrospectiveBody,
  RetrospectiveListResponse,
  RetrospectiveResponse,
  type FindingTag,
  type RecommendationTag,
  type RetroTaskDraft,
} from '@whistle/shared';
import { request } from '../../api/client';

/** What a retrospective is on, as the page is opened with it (`?id=` a ticket, `?commonIssueId=` a common issue). */
export type RetroSubject = { kind: 'ticket'; id: string } | { kind: 'commonIssue'; id: string };

/** The routes of a subject's retrospectives: `/api/tickets/{id}/retrospectives` or `/api/common-issues/{commonIssueId}/retrospectives`. */
export const retroBase = (s: RetroSubject): string =>
  `/api/${s.kind === 'ticket' ? 'tickets' : 'common-issues'}/${encodeURIComponent(s.id)}/retrospectives`;

/** Retrospectives (典型问题复盘) on a ticket or a common issue: the list, opening one, a task done, and its Word document's path (lib/download). */
export const retroApi = {
  list: (s: RetroSubject) => request({ method: 'GET', path: retroBase(s), schema: RetrospectiveListResponse }),
  create: (s: RetroSubject, body: CreateRetrospectiveBody) => request({ method: 'POST', path: retroBase(s), schema: RetrospectiveResponse, body }),
  taskDone: (s: RetroSubject, retroId: string, itemId: string) =>
    request({ method: 'POST', path: `${retroBase(s)}/${encodeURIComponent(retroId)}/tasks/${encodeURIComponent(itemId)}/done`, schema: RetrospectiveResponse, body: {} }),
  documentPath: (s: RetroSubject, retroId: string) => `${retroBase(s)}/${encodeURIComponent(retroId)}/document`,
};

/**
 * The retrospective page's query: a ticket (`id`, its `number`, `unit` its handling unit) or a common
 * issue (`commonIssueId`, its `title`, `unit` its lead unit, `units` its team, comma-separated).
 */
export interface RetroPage {
  subject: RetroSubject;
  /** the ticket's number, or the common issue's title */
  label: string | undefined;
  /** the handling unit, or the lead unit: first among the units offered */
  leadUnitId: string | undefined;
  /** the units chosen when the form opens (the common issue's team take part anyway) */
  unitIds: string[];
}

export function retroPageOf(params: Record<string, string | undefined>): RetroPage | undefined {
  const lead = params.unit || undefined;
  if (params.commonIssueId) {
    const team = (params.units ?? '').split(',').filter(Boolean);
    return { subject: { kind: 'commonIssue', id: params.commonIssueId }, label: params.title, leadUnitId: lead, unitIds: team.length ? team : lead ? [lead] : [] };
  }
  if (params.id) return { subject: { kind: 'ticket', id: params.id }, label: params.number, leadUnitId: lead, unitIds: lead ? [lead] : [] };
  return undefined;
}

/** The Word document's name as saved: 典型问题复盘-<number>.docx, or 典型问题复盘-共性问题-<title>.docx. */
export const retroFileName = (page: Pick<RetroPage, 'subject' | 'label'>): string =>
  page.subject.kind === 'ticket' ? `典型问题复盘-${page.label ?? page.subject.id}.docx` : `典型问题复盘-共性问题-${page.label ?? page.subject.id}.docx`;

/** The form as typed: one cause, finding or recommendation a line. */
export interface RetroForm {
  unitIds: string[];
  happened: string;
  causes: string;
  findings: Record<FindingTag, string>;
  /** a line may start with 政策修订：/ 机制调整：(else 其他) */
  recommendations: string;
  task?: RetroTaskDraft;
}

const lines = (text: string): string[] =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);

const REC_PREFIXES: ReadonlyArray<[RecommendationTag, RegExp]> = [
  ['policy', /^政策修订[：:]\s*/],
  ['mechanism', /^机制调整[：:]\s*/],
  ['other', /^其他[：:]\s*/],
];

/** The body the API takes, from the form. */
export function retroBody(f: RetroForm): CreateRetrospectiveBody {
  return {
    unitIds: f.unitIds,
    happened: f.happened.trim(),
    causes: lines(f.causes),
    findings: (['style', 'blockage', 'loophole'] as const).flatMap((tag) => lines(f.findings[tag]).map((text) => ({ tag, text }))),
    recommendations: lines(f.recommendations).map((line) => {
      const hit = REC_PREFIXES.find(([, re]) => re.test(line));
      return hit ? { tag: hit[0], text: line.replace(hit[1], '') } : { tag: 'other' as const, text: line };
    }),
    tasks: f.task ? [f.task] : [],
  };
}
