import { DEFAULT_SCHEME, type AssessmentScheme } from '@whistle/shared';
import { num } from './figures';

/**
 * The assessment scheme (考核方案) in words: a version and the month it
 * applies from, a weight, a deduction.
 */
type Version = Pick<AssessmentScheme, 'version' | 'effectiveFrom'>;

/** `2026-12 起`; the district's starting scheme (never dated by a tenant) is `初始方案`. */
export const schemeSince = (s: Version): string => (s.effectiveFrom === DEFAULT_SCHEME.effectiveFrom ? '初始方案' : `${s.effectiveFrom} 起`);

/** `考核方案 v3（2026-12 起）` */
export const schemeTitle = (s: Version): string => `考核方案 v${s.version}（${schemeSince(s)}）`;

/** The title of a version by its number, dated once the versions are loaded. */
export function schemeLabel(version: number, versions: readonly Version[] | undefined): string {
  const v = versions?.find((x) => x.version === version);
  return v ? schemeTitle(v) : `考核方案 v${version}`;
}

/** A weight; 0 leaves the indicator out of the index. */
export const weightText = (w: number): string => (w > 0 ? num(w) : '不计入');

/** Where a version stands against the one in force: 当前执行, 待生效 (starts later), or nothing (scores earlier periods). */
export function versionStatus(v: Version, current: Version): '当前执行' | '待生效' | undefined {
  if (v.version === current.version) return '当前执行';
  return v.effectiveFrom > current.effectiveFrom ? '待生效' : undefined;
}

/** Newest version first. */
export const newestFirst = <T extends Version>(versions: readonly T[]): T[] => [...versions].sort((a, b) => b.version - a.version);
