import type { ClockKind, TimelineKind } from '../schemas/ticket.js';

/** What people call each timeline entry and clock, for the retrospective's document. */
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  created: '提交诉求',
  published: '发布',
  claimed: '认领',
  declined: '退回',
  assigned: '指派',
  transferred: '转办',
  message: '留言',
  progress: '进展',
  infoRequested: '请企业补充',
  jointStarted: '启动联办',
  taskDone: '协办完成',
  leaderTook: '领导领办',
  resolved: '办结',
  rated: '评价',
  reopened: '重新办理',
  deskAnswered: '值班答复',
  deskForwarded: '值班转交',
  supervision: '督办',
  clockMet: '时限达成',
  firstContact: '首问答复',
  classified: '分类',
  planSet: '制定方案',
  itemAdded: '增加事项',
  itemDone: '事项完成',
  itemRescheduled: '事项改期',
};

export const CLOCK_KIND_LABELS: Record<ClockKind, string> = {
  claim: '认领时限',
  contact: '联系时限',
  resolve: '办结时限',
  progress: '进展报告',
  leaderProgress: '领导调度',
  leaderOnsite: '领导现场办公',
  leaderReview: '领导审阅',
  task: '协办任务',
  item: '方案事项',
};
