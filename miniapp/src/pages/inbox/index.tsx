import { View } from '@tarojs/components';
import type { InboxItem } from '@whistle/shared';
import { api } from '../../api';
import { InboxList } from '../../components/InboxList';
import { Loading } from '../../components/ui';
import { useLoader, useNow } from '../../lib/hooks';
import { go, openTicket } from '../../lib/nav';

export default function Inbox() {
  const now = useNow();
  const inbox = useLoader(() => api.inbox(), '加载通知');
  const open = (it: InboxItem) => {
    if (!it.readAt) {
      const at = new Date().toISOString();
      inbox.setData((d) =>
        d ? { ...d, unread: Math.max(0, d.unread - 1), items: d.items.map((x) => (x.id === it.id ? { ...x, readAt: at } : x)) } : d,
      );
      api.readInbox(it.id).catch(() => undefined);
    }
    // a pushed policy opens its page, a common issue's notice the common issue; anything about a request opens the request
    if (it.policyId) go('policyDetail', { id: it.policyId });
    else if (it.commonIssueId) go('commonIssue', { id: it.commonIssueId });
    else if (it.ticketId) openTicket(it.ticketId);
  };
  return (
    <View className="page">
      {inbox.loading && !inbox.data ? <Loading /> : <InboxList items={inbox.data?.items ?? []} now={now} onOpen={open} />}
    </View>
  );
}
