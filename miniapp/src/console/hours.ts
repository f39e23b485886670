import type { OfficePeriod } from '@whistle/shared';

/** Office hours as a person types them, `09:00-12:00, 13:30-17:30`, and back. */
export const hoursText = (ps: readonly OfficePeriod[]): string => ps.map((p) => `${p.start}-${p.end}`).join(', ');

export const parseHours = (t: string): OfficePeriod[] =>
  t
    .split(/[,，;；\s]+/)
    .filter(Boolean)
    .map((s) => {
      const [start = '', end = ''] = s.split(/[-–~至]/);
      return { start: start.trim(), end: end.trim() };
    });
