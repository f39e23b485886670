import type { Unit } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api';

/**
 * The district's units (to name a policy's townships, to pick a policy's
 * unit), loaded once when `enabled`: staff may read them, owners may not.
 */
export function useUnits(enabled: boolean): Unit[] | undefined {
  const [units, setUnits] = useState<Unit[] | undefined>(undefined);
  useEffect(() => {
    if (!enabled || units) return;
    let live = true;
    api
      .units()
      .then((r) => {
        if (live) setUnits(r.items);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [enabled, units]);
  return units;
}

export const namesOf = (units: readonly Unit[] | undefined): Record<string, string> => Object.fromEntries((units ?? []).map((u) => [u.id, u.name]));
