import type { MeResponse } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { getMe, saveMe } from '../../lib/session';

/** The caller as the home page last saved them (their duties with it), refreshed once. */
export function useMe(): MeResponse | undefined {
  const [me, setMe] = useState<MeResponse | undefined>(() => getMe());
  useEffect(() => {
    api
      .me()
      .then((m) => {
        saveMe(m);
        setMe(m);
      })
      .catch(() => undefined);
  }, []);
  return me;
}
