import {
  type CreateRetrospectiveBody,
  RetrospectiveListResponse,
  RetrospectiveResponse,
  type FindingTag,
  type RecommendationTag,
  type RetroTaskDraft,
} from '@whistle/shared';
import { request } from '../../api/client';

/** Retrospectives (典型问题复盘) on a ticket: the list, opening one, and its Word document's path (lib/download). */
export const retroApi = {
  list: (ticketId: string) => request({ method: 'GET', path: `/api/tickets/${encodeURIComponent(ticketId)}/retrospectives`, schema: RetrospectiveListResponse }),
  create: (ticketId: string, body: CreateRetrospectiveBody) =>
    request({ method: 'POST', path: `/api/tickets/${encodeURIComponent(ticketId)}/retrospectives`, schema: RetrospectiveResponse, body }),
  taskDone: (ticketId: string, retroId: string, itemId: string) =>
    request({
      method: 'POST',
      path: `/api/tickets/${encodeURIComponent(ticketId)}/retrospectives/${encodeURIComponent(retroId)}/tasks/${encodeURIComponent(itemId)}/done`,
      schema: RetrospectiveResponse,
      body: {},
    }),
  documentPath: (ticketId: string, retroId: string) => `/api/tickets/${encodeURIComponent(ticketId)}/retrospectives/${encodeURIComponent(retroId)}/document`,
};

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
