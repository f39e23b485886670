import { describe, expect, it } from 'vitest';
import { INVITE_ALPHABET, INVITE_CODE_LENGTH, inviteCodeFrom, InvitationCode, invitationStatus, normalizeInviteCode, templatesForMoment, thingValue, type Invitation } from '@whistle/shared';
import { wechatLogin } from '../../../functions/src/services/auth.js';
import { deliver } from '../../../functions/src/services/notify.js';
import { bindByInvitation, issueInvitations, recordSubscriptions, unbindUser } from '../../../functions/src/services/wechat.js';
import { failure, kit } from './kit.js';

const sign = async () => ({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z' });

describe('invitation codes (shared/src/wechat)', () => {
  it('draws every symbol from the unambiguous alphabet, evenly, and skips bytes that would bias it', () => {
    expect(INVITE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(INVITE_ALPHABET).toHaveLength(30);
    // 240..255 are above the largest multiple of 30: skipped
    expect(inviteCodeFrom(new Uint8Array([255, 240, ...Array.from({ length: 10 }, (_, i) => i)]))).toBe(INVITE_ALPHABET.slice(0, 10));
    expect(inviteCodeFrom(new Uint8Array([250, 251, 1, 2]))).toBeUndefined();
    expect(inviteCodeFrom(new Uint8Array(Array.from({ length: 10 }, () => 30)))).toBe(INVITE_ALPHABET[0]?.repeat(INVITE_CODE_LENGTH));
  });

  it('reads a code as typed and tells a pending invitation past its expiry as expired', () => {
    expect(normalizeInviteCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(InvitationCode.parse('abcde fghjk')).toBe('ABCDEFGHJK');
    expect(InvitationCode.safeParse('ABCDE-FGHJ0').success).toBe(false);
    const inv = { status: 'pending', expiresAt: '2026-12-01T00:00:00.000Z' } as const;
    expect(invitationStatus(inv, '2026-11-30T23:59:59.999Z')).toBe('pending');
    expect(invitationStatus(inv, '2026-12-01T00:00:00.000Z')).toBe('expired');
    expect(invitationStatus({ ...inv, status: 'used' }, '2027-01-01T00:00:00.000Z')).toBe('used');
  });

  it('asks for at most three distinct templates at a moment, and keeps thing values within 20 characters', () => {
    expect(templatesForMoment('raised', { claimed: 'a', replied: 'a', resolved: 'b', infoRequested: 'c', rated: 'd' })).toEqual(['a', 'b', 'c']);
    expect(templatesForMoment('claimed', {})).toEqual([]);
    expect(Array.from(thingValue('一二三四五六七八九十一二三四五六七八九十👍'))).toHaveLength(20);
    expect(thingValue('  ')).toBe('-');
  });
});

describe('invitations and binding (services/wechat.ts on memory ports)', () => {
  it('leaves exactly one pending invitation of a user issued to many times at once', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const issued = (await Promise.all(Array.from({ length: 6 }, () => issueInvitations(k.ports, admin, { userIds: ['owner-02'] })))).flat();
    const stored = await Promise.all(issued.map((i) => k.ports.wechatAccounts.invitation(i.code)));
    expect(stored.filter((i) => i?.status === 'pending')).toHaveLength(1);
    expect(stored.filter((i) => i?.status === 'revoked')).toHaveLength(5);
  });

  it('binds one of many racing sign-ins with one invitation, and a retry of the winner signs in again', async () => {
    const k = await kit();
    const [inv] = await issueInvitations(k.ports, await k.as('admin'), { userIds: ['owner-02'] });
    const code = inv?.code ?? '';
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => bindByInvitation(k.ports, `o-${i}`, code).then(() => i, () => undefined)));
    const winners = outcomes.filter((o) => o !== undefined);
    expect(winners).toHaveLength(1);
    const openId = `o-${winners[0]}`;
    expect((await k.ports.refs.user(k.tenantId, 'owner-02'))?.wechatOpenId).toBe(openId);
    // the same WeChat again with the same code (a retried request): still its own
    expect(await bindByInvitation(k.ports, openId, code)).toEqual({ tenantId: k.tenantId, userId: 'owner-02' });
    // the memory WeChat answers `openid-<code>`: the sign-in route's path with and without an invitation
    expect((await failure(() => wechatLogin(k.ports, sign, 'x'))).message).toMatch(/邀请码/);
    const [next] = await issueInvitations(k.ports, await k.as('admin'), { userIds: ['owner-04'] });
    expect((await wechatLogin(k.ports, sign, 'x', undefined, next?.code)).user.id).toBe('owner-04');
    expect((await wechatLogin(k.ports, sign, 'x')).user.id).toBe('owner-04');
  });

  it('gives the invitation back when the WeChat is bound to someone else, and unbinding frees it', async () => {
    const k = await kit();
    const admin = await k.as('admin');
    const [a, b] = await issueInvitations(k.ports, admin, { userIds: ['owner-02', 'owner-04'] });
    await bindByInvitation(k.ports, 'o-shared', a?.code ?? '');
    const err = await failure(() => bindByInvitation(k.ports, 'o-shared', b?.code ?? ''));
    expect(err).toMatchObject({ code: 'CONFLICT' });
    expect((await k.ports.wechatAccounts.invitation(b?.code ?? ''))?.status).toBe('pending');
    expect(await unbindUser(k.ports, admin, 'owner-02')).toEqual({ userId: 'owner-02', unbound: true });
    expect(await bindByInvitation(k.ports, 'o-shared', b?.code ?? '')).toEqual({ tenantId: k.tenantId, userId: 'owner-04' });
    const supervisor = await k.as('supervisor');
    expect((await failure(() => unbindUser(k.ports, supervisor, 'owner-04'))).message).toMatch(/管理员/);
    const actions = (await k.ports.audit.list(k.tenantId, { month: k.ports.clock.now().toISOString().slice(0, 7) })).items.map((e) => e.action).sort();
    expect(actions).toEqual(['bind', 'bind', 'invite', 'invite', 'unbind']);
  });

  it('refuses an expired invitation', async () => {
    const k = await kit();
    const [inv] = await issueInvitations(k.ports, await k.as('admin'), { userIds: ['owner-02'], days: 1 });
    k.ports.clock.advance(86_400_000);
    const err = await failure(() => bindByInvitation(k.ports, 'o-late', inv?.code ?? ''));
    expect(err).toMatchObject({ code: 'VALIDATION', details: [{ field: 'invitation', message: expect.stringMatching(/已过期/) }] });
    const stored = (await k.ports.wechatAccounts.invitation(inv?.code ?? '')) as Invitation;
    expect(stored.status).toBe('pending');
  });
});

describe('consents (the notifier spends one per send)', () => {
  it('sends as many messages as consents were given, on the tenant’s own template, then the inbox only', async () => {
    const k = await kit();
    k.ports.wechatTemplates = { published: 'tmpl-deployment' };
    await k.ports.wechatAccounts.putTemplates(k.tenantId, { published: 'tmpl-tenant' });
    const officer = await k.as('officer-dgjd');
    const [inv] = await issueInvitations(k.ports, await k.as('admin'), { userIds: ['officer-dgjd'] });
    await bindByInvitation(k.ports, 'o-dgjd', inv?.code ?? '');
    await recordSubscriptions(k.ports, officer, { 'tmpl-tenant': 'accept', 'tmpl-deployment': 'accept', errMsg: 'requestSubscribeMessage:ok' }, 'req-1');
    await recordSubscriptions(k.ports, officer, { 'tmpl-tenant': 'accept' }, 'req-1'); // a retry: nothing more
    await recordSubscriptions(k.ports, officer, { 'tmpl-tenant': 'accept' }, 'req-2');
    expect(await k.ports.wechatAccounts.consents(k.tenantId, 'officer-dgjd')).toEqual({ 'tmpl-tenant': 2 });
    for (let i = 0; i < 3; i++) {
      await k.raise();
      for (const msg of k.ports.queue.outbox.filter((m) => m.event === 'published')) await deliver(k.ports, msg);
      k.ports.queue.outbox.length = 0;
    }
    expect(k.ports.wechat.sent.map((s) => [s.openId, s.templateId])).toEqual([
      ['o-dgjd', 'tmpl-tenant'],
      ['o-dgjd', 'tmpl-tenant'],
    ]);
    expect((await k.ports.inbox.list(k.tenantId, 'officer-dgjd')).filter((i) => i.kind === 'published')).toHaveLength(3);
    expect(await k.ports.wechatAccounts.consents(k.tenantId, 'officer-dgjd')).toEqual({});
  });
});
