import { describe, expect, it } from 'vitest';
import { principalOf } from '../../functions/src/services/principal.js';
import { MemoryRefs } from '../support/memory/refs.js';
import { MemoryTable } from '../support/memory/table.js';

const TENANT = 't1';

async function refsWith(unitIdOf: string | undefined) {
  const refs = new MemoryRefs(new MemoryTable());
  await refs.put('UNIT', { id: 'u-old', tenantId: TENANT, name: '旧单位', track: 'department' });
  await refs.put('UNIT', { id: 'u-new', tenantId: TENANT, name: '新单位', track: 'department' });
  await refs.put('USER', { id: 'officer', tenantId: TENANT, name: '张三', roles: ['officer'], ...(unitIdOf ? { unitId: unitIdOf } : {}) });
  // counts the unit reads, to see which units were read
  const read: string[] = [];
  const unit = refs.unit.bind(refs);
  refs.unit = async (tenantId: string, id: string) => {
    read.push(id);
    return unit(tenantId, id);
  };
  return { refs, read };
}

describe('principalOf', () => {
  it('reads the unit the token names beside the user, and keeps it when the user is still in it', async () => {
    const { refs, read } = await refsWith('u-old');
    const p = await principalOf({ refs }, { sub: 'officer', ten: TENANT, unit: 'u-old' });
    expect(p).toMatchObject({ userId: 'officer', unitId: 'u-old', unitName: '旧单位' });
    expect(read).toEqual(['u-old']);
  });

  it('answers the unit the user is in now when they moved since the token was signed', async () => {
    const { refs, read } = await refsWith('u-new');
    const p = await principalOf({ refs }, { sub: 'officer', ten: TENANT, unit: 'u-old' });
    expect(p).toMatchObject({ unitId: 'u-new', unitName: '新单位' });
    expect(read).toEqual(['u-old', 'u-new']);
  });

  it('has no unit when the user left theirs, whatever the token says, and reads it after the user without a hint', async () => {
    const left = await refsWith(undefined);
    const p = await principalOf({ refs: left.refs }, { sub: 'officer', ten: TENANT, unit: 'u-old' });
    expect(p.unitId).toBeUndefined();
    expect(p.unitName).toBeUndefined();
    const unhinted = await refsWith('u-new');
    expect(await principalOf({ refs: unhinted.refs }, { sub: 'officer', ten: TENANT })).toMatchObject({ unitId: 'u-new', unitName: '新单位' });
    expect(unhinted.read).toEqual(['u-new']);
  });

  it('refuses a user who is not there', async () => {
    const { refs } = await refsWith('u-old');
    await expect(principalOf({ refs }, { sub: 'nobody', ten: TENANT, unit: 'u-old' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
