import { View } from '@tarojs/components';
import type { TicketDetailResponse } from '@whistle/shared';
import { withResume, type ClockLike } from '../../lib/format';
import { ClockChip } from '../TicketCard';
import { Section } from '../ui';

const CLOCK_ORDER: Record<ClockLike['state'], number> = { missed: 0, running: 1, paused: 2, metLate: 3, met: 4 };

/** The ticket's time limits: open ones first (missed, running, paused), then the met ones; plan items show in the plan. */
export function TicketClocks(props: { clocks: TicketDetailResponse['clocks']; now: number }) {
  const clocks = props.clocks.filter((c) => c.kind !== 'item').map((c) => withResume(c, props.now)).sort((a, b) => CLOCK_ORDER[a.state] - CLOCK_ORDER[b.state]);
  if (!clocks.length) return null;
  return (
    <Section title="时限" className="clocks-section">
      <View className="card clocks">
        {clocks.map((c) => (
          <ClockChip key={c.id} clock={c} />
        ))}
      </View>
    </Section>
  );
}
