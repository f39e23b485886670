import { ConflictError, ValidationError, type FieldIssue } from '../errors.js';
import { localDate } from '../calendar/index.js';
import { LABELS, UNIT_TRACKS, type UnitTrack } from '../schemas/common.js';
import type { Unit } from '../schemas/reference.js';
import { hasRole, type Principal } from '../ticket/roles.js';
import type { Ballot, BallotPicks, Race, RaceActor, RaceCase, Voter, VoterKind } from './schemas.js';

/**
 * The race's rules, pure: who opens and closes it, who votes for whom, what a
 * ballot may pick. The services load and store; these decide.
 */

/** Supervisors (and admins) open and close races. */
export const mayManageRaces = (p: Pick<Principal, 'roles'>): boolean => hasRole(p, 'supervisor', 'admin');

/**
 * Whom the principal votes for: a unit lead for their unit, an owner for
 * their enterprise (a unit lead who also owns an enterprise votes for the
 * unit). Anyone else does not vote.
 */
export function voterOf(p: Principal): { kind: VoterKind; id: string } | undefined {
  if (hasRole(p, 'unitLead') && p.unitId) return { kind: 'unit', id: p.unitId };
  if (hasRole(p, 'owner') && p.enterpriseId) return { kind: 'enterprise', id: p.enterpriseId };
  return undefined;
}

/** A voter's identity within a race: one ballot per key. */
export const voterKey = (v: { kind: VoterKind; id: string }): string => `${v.kind === 'enterprise' ? 'ENT' : 'UNIT'}#${v.id}`;

/** The quarter an instant falls in, in Shanghai: `2026-Q4`. */
export function quarterOf(at: Date | string | number): string {
  const day = localDate(at);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter before: `2026-Q1` → `2025-Q4`. */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
/** `2026-Q4` → `2026 年第四季度` */
export const quarterLabel = (quarter: string): string => `${quarter.slice(0, 4)} 年第${QUARTER_NAMES[Number(quarter.slice(6)) - 1] ?? ''}季度`;

export interface NewRace {
  tenantId: string;
  quarter: string;
  fiveStar: Record<UnitTrack, number>;
  bestPractice: number;
  cases: RaceCase[];
  /** the tenant's units: the candidates of each track */
  units: readonly Unit[];
  at: string;
  by: RaceActor;
}

/**
 * A race as it opens: each track's candidates are the tenant's units of that
 * track, named as they are now; a track cannot name more five-star units than
 * it has, nor the race more best-practice cases than its candidates.
 */
export function openRace(input: NewRace): Race {
  const issues: FieldIssue[] = [];
  const tracks = Object.fromEntries(
    UNIT_TRACKS.map((track) => {
      const units = input.units.filter((u) => u.track === track).map((u) => ({ unitId: u.id, name: u.name }));
      const n = input.fiveStar[track];
      if (n > units.length) issues.push({ field: `fiveStar.${track}`, message: `${LABELS.track[track]}赛道只有 ${units.length} 个单位，五星单位数不能超过 ${units.length}` });
      return [track, { fiveStar: n, units }];
    }),
  ) as Race['tracks'];
  if (input.cases.length > 0 && input.bestPractice > input.cases.length) {
    issues.push({ field: 'bestPractice', message: `只有 ${input.cases.length} 个候选案例，最佳实践案例数不能超过 ${input.cases.length}` });
  }
  if (issues.length) throw new ValidationError(issues);
  return {
    id: input.quarter,
    tenantId: input.tenantId,
    quarter: input.quarter,
    status: 'open',
    tracks,
    bestPractice: input.cases.length === 0 ? 0 : input.bestPractice,
    cases: input.cases,
    openedAt: input.at,
    openedBy: input.by,
  };
}

/** The issues of a list of picks: each a candidate, none twice, none for the voter itself, at most `max`. */
function pickIssues(
  field: string,
  picks: readonly string[],
  opts: { max: number; what: string; isCandidate: (id: string) => boolean; elsewhere: (id: string) => string | undefined; isOwn: (id: string) => boolean; own: string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (picks.length > opts.max) issues.push({ field, message: `${opts.what}最多选 ${opts.max} 个` });
  const seen = new Set<string>();
  picks.forEach((id, i) => {
    const at = `${field}.${i}`;
    if (seen.has(id)) issues.push({ field: at, message: `重复选择了 ${id}` });
    else if (!opts.isCandidate(id)) issues.push({ field: at, message: opts.elsewhere(id) ?? `${id} 不是本期赛马的候选${opts.what}` });
    else if (opts.isOwn(id)) issues.push({ field: at, message: opts.own });
    seen.add(id);
  });
  return issues;
}

/**
 * The ballot `voter` casts with `picks`: only while the race is open (409),
 * and only picks the race's rules allow (400 naming each wrong pick): each
 * track's picks among that track's candidates and at most its five-star count,
 * cases among the candidates and at most `bestPractice`, nothing twice, a unit
 * never for itself nor for its own case, and at least one pick.
 */
export function castBallot(race: Race, voter: Voter, picks: BallotPicks, by: RaceActor, at: string): Ballot {
  if (race.status !== 'open') throw new ConflictError(`${quarterLabel(race.quarter)}赛马比拼投票已结束`);
  const isUnit = voter.kind === 'unit';
  const trackOf = (unitId: string) => UNIT_TRACKS.find((t) => race.tracks[t].units.some((u) => u.unitId === unitId));
  const issues: FieldIssue[] = UNIT_TRACKS.flatMap((track) =>
    pickIssues(`fiveStar.${track}`, picks.fiveStar[track], {
      max: race.tracks[track].fiveStar,
      what: `${LABELS.track[track]}赛道五星单位`,
      isCandidate: (id) => trackOf(id) === track,
      elsewhere: (id) => {
        const other = trackOf(id);
        return other ? `${id} 属于${LABELS.track[other]}赛道，不能投在${LABELS.track[track]}赛道` : undefined;
      },
      isOwn: (id) => isUnit && id === voter.id,
      own: '不能给本单位投票',
    }),
  );
  issues.push(
    ...pickIssues('cases', picks.cases, {
      max: race.bestPractice,
      what: '最佳实践案例',
      isCandidate: (id) => race.cases.some((c) => c.id === id),
      elsewhere: () => undefined,
      isOwn: (id) => isUnit && race.cases.find((c) => c.id === id)?.unitId === voter.id,
      own: '不能给本单位的案例投票',
    }),
  );
  if (!issues.length && picks.cases.length === 0 && UNIT_TRACKS.every((t) => picks.fiveStar[t].length === 0)) {
    issues.push({ field: 'body', message: '选票至少要选一个五星单位或一个最佳实践案例' });
  }
  if (issues.length) throw new ValidationError(issues);
  return {
    raceId: race.id,
    tenantId: race.tenantId,
    voter,
    castBy: by,
    castAt: at,
    fiveStar: { department: [...picks.fiveStar.department], township: [...picks.fiveStar.township] },
    cases: [...picks.cases],
  };
}
