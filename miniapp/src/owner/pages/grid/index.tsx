import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Contact } from '@whistle/shared';
import { api } from '../../../api';
import { Avatar, Btn, Empty, Loading, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { errorText, toastInfo } from '../../../lib/toast';

function ContactCard(props: { role: string; duty: string; contact: Contact; tone: 'green' | 'blue' | 'purple' }) {
  const c = props.contact;
  const call = () => {
    Taro.makePhoneCall({ phoneNumber: c.phone.replace(/[\s-]/g, '') }).catch(() => toastInfo(`请拨打 ${c.phone}`));
  };
  return (
    <View className="card contact">
      <Avatar name={c.name} tone={props.tone} />
      <View className="contact__main">
        <Text className="contact__role">{props.role}</Text>
        <Text className="contact__name">{c.name}</Text>
        <Text className="contact__duty">{props.duty}</Text>
        <Text className="contact__phone">{c.phone}</Text>
      </View>
      <Btn kind="primary" size="small" onClick={call} className="call-btn">
        拨打
      </Btn>
    </View>
  );
}

export default function GridBoard() {
  const board = useLoader(() => api.gridMine(), '加载网格信息');
  if (!board.data) {
    return board.loading ? (
      <Loading />
    ) : (
      <Empty text="暂时无法显示网格信息" hint={board.error ? errorText(board.error) : '下拉刷新重试'} />
    );
  }
  const { grid, area, commissioners = [] } = board.data;
  return (
    <View className="page grid-board">
      <View className="grid-hero">
        <Text className="grid-hero__name">{grid.name}</Text>
        <Text className="grid-hero__sub">{area ? `${area.name} · ` : ''}网格化服务，有事直接找人</Text>
      </View>
      <Section title="服务本企业的人">
        <ContactCard role="网格员" duty="日常走访、帮您吹哨、跟进办理" contact={grid.officer} tone="green" />
        <ContactCard role="片区负责人" duty="协调片区内的难事" contact={grid.areaLead} tone="blue" />
        <ContactCard role="网格总负责人" duty="统筹全区网格服务" contact={grid.chief} tone="purple" />
      </Section>
      {commissioners.length ? (
        <Section title="亲清特使" className="grid-board__commissioners">
          {commissioners.map((c) =>
            c.phone ? (
              <ContactCard
                key={c.userId}
                role={c.unitName ? `亲清特使 · ${c.unitName}` : '亲清特使'}
                duty="驻企服务，诉求提交、催办、办结都会告知"
                contact={{ name: c.name, phone: c.phone }}
                tone="blue"
              />
            ) : null,
          )}
        </Section>
      ) : null}
    </View>
  );
}
