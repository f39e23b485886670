import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { InboxItem } from '@whistle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as notifier } from '../../functions/src/handlers/notifier.js';
import type { SqsPoller } from '../../functions/src/local/sqs-poller.js';
import { WechatApi } from '../../functions/src/adapters/wechat.js';
import { startWechatDouble } from '../support/wechat-double.js';
import { outboxPoller, startKit, type Kit } from './requests-kit.js';

/** The outbox: intake, claim, reply, resolve and rate notify the right people, once each. */
let kit: Kit;
let poller: SqsPoller;
beforeAll(async () => {
  kit = await startKit();
  poller = await outboxPoller(kit.env);
  await poller.drain();
});
afterAll(async () => {
  await kit.close();
});

const MINUTE = 60_000;
const inbox = async (userId: string) => {
  const res = await kit.api.call('GET', '/api/inbox', { token: await kit.token(userId) });
  expect(res.status).toBe(200);
  return res.body as { items: InboxItem[]; unread: number };
};
/** the inbox items about one ticket, by kind */
const about = async (userId: string, ticketId: string) => (await inbox(userId)).items.filter((i) => i.ticketId === ticketId).map((i) => i.kind).sort();
const usersOf = (unit: string) => kit.env.data.users.filter((u) => u.unitId === unit).map((u) => u.id);

describe('notifications', () => {
  it('tells the group units and the grid officer of a new request, the owner of its claim, reply and resolve, the unit of the rating', async () => {
    const t = await kit.raise('owner-03'); // ind-materials (jxw, ghzy, zjw, scjg) + town-nsz (nsz, jxw, scjg); grid g03
    await poller.drain();
    const groupUnits = ['jxw', 'ghzy', 'zjw', 'scjg', 'nsz'];
    for (const unit of groupUnits) {
      for (const user of usersOf(unit)) expect(await about(user, t.id), user).toEqual(['published']);
    }
    expect(await about('grid-g03', t.id)).toEqual(['published']);
    // nobody else
    for (const user of [...usersOf('rsj'), ...usersOf('xcjd'), 'owner-03', 'owner-04', 'supervisor', 'leader-zhang', 'grid-g04']) {
      expect(await about(user, t.id), user).toEqual([]);
    }

    kit.advance(MINUTE);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/claim`)).status).toBe(200);
    kit.advance(MINUTE);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/messages`, { text: '您好，南山镇已认领' })).status).toBe(200);
    kit.advance(MINUTE);
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/messages`, { text: '谢谢' })).status).toBe(200);
    kit.advance(MINUTE);
    expect((await kit.post('officer-nsz', `/api/tickets/${t.id}/resolve`, { kind: 'answered', summary: '已答复' })).status).toBe(200);
    kit.advance(MINUTE);
    expect((await kit.post('owner-03', `/api/tickets/${t.id}/rating`, { score: 'satisfied' })).status).toBe(200);
    await poller.drain();

    expect(await about('owner-03', t.id)).toEqual(['claimed', 'replied', 'resolved']);
    const items = (await inbox('owner-03')).items.filter((i) => i.ticketId === t.id);
    expect(items.map((i) => i.kind)).toEqual(['resolved', 'replied', 'claimed']); // newest first
    expect(items.find((i) => i.kind === 'claimed')?.body).toContain('南山镇');
    // the handling unit hears the owner's reply and the rating; the other group units hear of the claim only
    expect(await about('officer-nsz', t.id)).toEqual(['claimed', 'published', 'rated', 'replied']);
    expect(await about('officer-ghzy', t.id)).toEqual(['claimed', 'published']);
    // a satisfied rating does not go to the supervisors
    expect(await about('supervisor', t.id)).toEqual([]);
  });

  it('tells the supervisors of an unsatisfied rating, and the leader of a led matter’s resolve', async () => {
    const t = await kit.raise('owner-01');
    await kit.post('officer-jxw', `/api/tickets/${t.id}/claim`);
    await kit.post('leader-li', `/api/tickets/${t.id}/lead`, { leaderUserId: 'leader-li' });
    await kit.post('officer-jxw', `/api/tickets/${t.id}/resolve`, { kind: 'resolved', summary: '已解决' });
    await kit.post('owner-01', `/api/tickets/${t.id}/rating`, { score: 'unsatisfied', comment: '太慢' });
    await poller.drain();
    expect(await about('supervisor', t.id)).toEqual(['rated']);
    expect(await about('leader-li', t.id)).toEqual(['leaderTook', 'resolved']);
    expect(await about('leader-zhang', t.id)).toEqual([]);
  });

  it('lands a redelivered message once', async () => {
    const t = await kit.raise('owner-04');
    // take the message off the queue by hand, then deliver it three times
    let body: string | undefined;
    for (let i = 0; i < 20 && !body; i++) {
      const out = await kit.env.sqs.send(new ReceiveMessageCommand({ QueueUrl: kit.env.queueUrls.outbox, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      body = out.Messages?.find((m) => m.Body?.includes(t.id))?.Body;
    }
    expect(body).toBeDefined();
    const event = (n: number): SQSEvent => ({
      Records: [{ messageId: `m-${n}`, receiptHandle: `r-${n}`, body: body ?? '', attributes: {} as SQSEvent['Records'][number]['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:local', awsRegion: 'us-east-1' }],
    });
    for (let n = 0; n < 3; n++) expect((await notifier(event(n))).batchItemFailures).toEqual([]);
    // and once more through the queue
    await kit.env.sqs.send(new SendMessageCommand({ QueueUrl: kit.env.queueUrls.outbox, MessageBody: body ?? '' }));
    await poller.drain();
    for (const user of ['officer-xcjd', 'lead-xcjd', 'grid-g04', 'officer-jxw']) {
      expect(await about(user, t.id), user).toEqual(['published']);
    }
    const { items, unread } = await inbox('grid-g04');
    expect(unread).toBe(items.filter((i) => !i.readAt).length);
  });

  it('sends a WeChat message once to a person who bound WeChat, and a redelivery leaves read items read', async () => {
    const deps = kit.env.deps;
    const sent: Array<{ openId: string; templateId: string }> = [];
    const saved = { wechat: deps.wechat, templates: deps.config.wechat.templates };
    const officer = kit.env.data.users.find((u) => u.id === 'officer-xcjd');
    if (!officer) throw new Error('demo user missing');
    await deps.refs.put('USER', { ...officer, wechatOpenId: 'o-officer-xcjd' });
    deps.config.wechat.templates = { published: 'tmpl-published' };
    // one one-time consent (wx.requestSubscribeMessage accepted once): one send
    await deps.wechatAccounts.addConsents(kit.tenantId, 'officer-xcjd', ['tmpl-published'], `consent-${Date.now()}-a`, Date.now());
    deps.wechat = {
      code2Session: () => Promise.reject(new Error('not used')),
      sendSubscribeMessage: async (openId, templateId) => {
        sent.push({ openId, templateId });
      },
    };
    try {
      const t = await kit.raise('owner-04');
      let body: string | undefined;
      for (let i = 0; i < 20 && !body; i++) {
        const out = await kit.env.sqs.send(new ReceiveMessageCommand({ QueueUrl: kit.env.queueUrls.outbox, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        body = out.Messages?.find((m) => m.Body?.includes(t.id))?.Body;
      }
      const event = (n: number): SQSEvent => ({
        Records: [{ messageId: `w-${n}`, receiptHandle: `w-${n}`, body: body ?? '', attributes: {} as SQSEvent['Records'][number]['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:local', awsRegion: 'us-east-1' }],
      });
      expect((await notifier(event(0))).batchItemFailures).toEqual([]);
      expect(sent).toEqual([{ openId: 'o-officer-xcjd', templateId: 'tmpl-published' }]);
      // someone reads theirs, then the message comes again, twice
      const item = (await inbox('grid-g04')).items.find((i) => i.ticketId === t.id);
      const read = await kit.api.call('POST', `/api/inbox/${encodeURIComponent(item?.id ?? '')}/read`, { token: await kit.token('grid-g04') });
      expect(read.status).toBe(200);
      for (const n of [1, 2]) expect((await notifier(event(n))).batchItemFailures).toEqual([]);
      expect(sent).toHaveLength(1);
      expect((await inbox('grid-g04')).items.find((i) => i.ticketId === t.id)?.readAt).toBeDefined();
      for (const user of ['officer-xcjd', 'lead-xcjd', 'grid-g04']) expect(await about(user, t.id), user).toEqual(['published']);
    } finally {
      deps.wechat = saved.wechat;
      deps.config.wechat.templates = saved.templates;
      await deps.refs.put('USER', officer);
    }
  });

  it('reports a poison message in batchItemFailures and still delivers the rest of the batch', async () => {
    const t = await kit.raise('owner-04');
    let good: string | undefined;
    for (let i = 0; i < 20 && !good; i++) {
      const out = await kit.env.sqs.send(new ReceiveMessageCommand({ QueueUrl: kit.env.queueUrls.outbox, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      good = out.Messages?.find((m) => m.Body?.includes(t.id))?.Body;
    }
    const record = (messageId: string, body: string) => ({
      messageId, receiptHandle: messageId, body, attributes: {} as SQSEvent['Records'][number]['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:local', awsRegion: 'us-east-1',
    });
    const res = await notifier({
      Records: [
        record('bad-json', '{"id": "x", '),
        record('good', good ?? ''),
        record('bad-shape', JSON.stringify({ id: 'y', tenantId: kit.tenantId, audience: [{ kind: 'planet', id: 'mars' }] })),
        record('empty', ''),
      ],
    });
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad-json', 'bad-shape', 'empty']);
    expect(await about('lead-xcjd', t.id)).toEqual(['published']);
  });

  it('delivers a message with characters outside the Basic Multilingual Plane through fauxqs to the inbox unchanged', async () => {
    const id = `bmp-${Date.now()}`;
    const at = kit.env.deps.clock.now().toISOString();
    await kit.env.deps.queue.sendOutbox([{ id, tenantId: kit.tenantId, event: 'published', audience: [{ kind: 'user', id: 'lead-xcjd' }], title: '收到👍', body: '𠀀𡈼 生僻字', at }]);
    await poller.drain();
    const items = (await inbox('lead-xcjd')).items.filter((i) => i.id === `${id}:lead-xcjd`);
    expect(items.map((i) => ({ title: i.title, body: i.body }))).toEqual([{ title: '收到👍', body: '𠀀𡈼 生僻字' }]);
  });

  it('retries a failed WeChat send on redelivery until it goes out, then never again, with one inbox item', async () => {
    const wx = await startWechatDouble();
    const deps = kit.env.deps;
    const saved = { wechat: deps.wechat, templates: deps.config.wechat.templates };
    const officer = kit.env.data.users.find((u) => u.id === 'officer-xcjd');
    if (!officer) throw new Error('demo user missing');
    await deps.refs.put('USER', { ...officer, wechatOpenId: 'o-officer-xcjd' });
    deps.config.wechat.templates = { published: 'tmpl-published' };
    // one consent: the failed send's retry finds the one it took, and spends no other
    await deps.wechatAccounts.addConsents(kit.tenantId, 'officer-xcjd', ['tmpl-published'], `consent-${Date.now()}-b`, Date.now());
    deps.wechat = new WechatApi(wx.appId, async () => wx.secret, { baseUrl: wx.baseUrl });
    try {
      const id = `wx-${Date.now()}`;
      const body = JSON.stringify({ id, tenantId: kit.tenantId, event: 'published', audience: [{ kind: 'user', id: 'officer-xcjd' }], title: '新诉求：厂区道路破损', body: '请及时认领', at: kit.env.deps.clock.now().toISOString() });
      const event = (n: number): SQSEvent => ({
        Records: [{ messageId: `r-${n}`, receiptHandle: `r-${n}`, body, attributes: {} as SQSEvent['Records'][number]['attributes'], messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:local', awsRegion: 'us-east-1' }],
      });
      // the first delivery's send fails: the record is reported failed, so SQS redelivers it
      wx.failSends.push(45009);
      expect((await notifier(event(0))).batchItemFailures).toEqual([{ itemIdentifier: 'r-0' }]);
      expect(wx.sent).toEqual([]);
      // the redelivery sends it, once
      expect((await notifier(event(1))).batchItemFailures).toEqual([]);
      expect(wx.sent).toEqual([
        { touser: 'o-officer-xcjd', template_id: 'tmpl-published', data: { thing1: { value: '新诉求：厂区道路破损' }, thing2: { value: '请及时认领' }, time3: { value: expect.any(String) } }, accessToken: wx.accessToken },
      ]);
      // a third delivery sends nothing more
      expect((await notifier(event(2))).batchItemFailures).toEqual([]);
      expect(wx.sent).toHaveLength(1);
      expect(wx.attempts).toBe(2);
      expect(wx.problems).toEqual([]);
      expect((await inbox('officer-xcjd')).items.filter((i) => i.id === `${id}:officer-xcjd`)).toHaveLength(1);
    } finally {
      deps.wechat = saved.wechat;
      deps.config.wechat.templates = saved.templates;
      await deps.refs.put('USER', officer);
      await wx.close();
    }
  });

  it('marks an item read, for its own user only', async () => {
    const t = await kit.raise('owner-04');
    await poller.drain();
    const item = (await inbox('officer-xcjd')).items.find((i) => i.ticketId === t.id);
    expect(item).toBeDefined();
    const path = `/api/inbox/${encodeURIComponent(item?.id ?? '')}/read`;
    expect((await kit.post('lead-xcjd', path)).status).toBe(404);
    const before = (await inbox('officer-xcjd')).unread;
    expect((await kit.post('officer-xcjd', path)).status).toBe(200);
    expect((await kit.post('officer-xcjd', path)).status).toBe(200);
    const after = await inbox('officer-xcjd');
    expect(after.unread).toBe(before - 1);
    expect(after.items.find((i) => i.id === item?.id)?.readAt).toBeDefined();
    expect((await kit.post('officer-xcjd', '/api/inbox/no-such-item/read')).status).toBe(404);
  });
});

describe('after-hours requests', () => {
  it('reach the desk agents on duty at once, and only them', async () => {
    // Saturday 2026-11-28 22:00 Shanghai: out of hours; agent-2 is rostered, agent-1 is not
    const saturdayNight = Date.parse('2026-11-28T14:00:00.000Z');
    kit.setNow(saturdayNight);
    await kit.env.deps.settings.putDutyRoster(kit.tenantId, [
      { agentUserId: 'agent-2', from: '2026-11-28T10:00:00.000Z', to: '2026-11-29T01:00:00.000Z' },
      { agentUserId: 'agent-1', from: '2026-11-29T09:30:00.000Z', to: '2026-11-30T01:00:00.000Z' },
    ]);
    const t = await kit.raise('owner-05');
    expect(t.desk?.state).toBe('waiting');
    await poller.drain();
    expect(await about('agent-2', t.id)).toEqual(['published']);
    expect(await about('agent-1', t.id)).toEqual([]);
  });

  it('reach every agent when nobody is rostered, and no agent in office hours', async () => {
    await kit.env.deps.settings.putDutyRoster(kit.tenantId, []);
    kit.setNow(Date.parse('2026-11-28T15:00:00.000Z'));
    const night = await kit.raise('owner-06');
    kit.setNow(Date.parse('2026-11-24T02:00:00.000Z')); // Tuesday 10:00
    const day = await kit.raise('owner-07');
    await poller.drain();
    for (const agent of ['agent-1', 'agent-2']) {
      expect(await about(agent, night.id), agent).toEqual(['published']);
      expect(await about(agent, day.id), agent).toEqual([]);
    }
  });
});
