import { LABELS } from '@whistle/shared';
import { dirApi } from '../../api/directory';
import type { Option } from '../../console/form/spec';
import { useLoader } from '../../lib/hooks';

/** The small lists a directory form picks from: units (and the townships among them), areas, grids. */
export function useRefs(which: { areas?: boolean; grids?: boolean } = {}) {
  const loaded = useLoader(
    async () => {
      const [units, areas, grids] = await Promise.all([
        dirApi.all('UNIT'),
        which.areas ? dirApi.all('AREA') : Promise.resolve([]),
        which.grids ? dirApi.all('GRID') : Promise.resolve([]),
      ]);
      return { units, areas, grids };
    },
    '加载单位与网格',
    { reloadOnShow: false },
  );
  const d = loaded.data;
  const units: Option[] = (d?.units ?? []).map((u) => ({ value: u.id, label: u.name, sub: LABELS.track[u.track] }));
  return {
    units,
    townships: units.filter((u) => u.sub === LABELS.track.township),
    areas: (d?.areas ?? []).map((a) => ({ value: a.id, label: a.name })) as Option[],
    grids: (d?.grids ?? []).map((g) => ({ value: g.id, label: g.name })) as Option[],
    name: (id: string | undefined) => (id ? ([...(d?.units ?? []), ...(d?.areas ?? []), ...(d?.grids ?? [])].find((x) => x.id === id)?.name ?? id) : '—'),
  };
}

export const labelOptions = (labels: Readonly<Record<string, string>>): Option[] => Object.entries(labels).map(([value, label]) => ({ value, label }));
