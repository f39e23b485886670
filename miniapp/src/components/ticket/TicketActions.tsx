import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COMMANDS, type CommandRequest, type TicketDetailResponse } from '@whistle/shared';
import { useState } from 'react';
import { claimTicket } from '../../lib/claim';
import { askSubscribe } from '../../lib/subscribe';
import { toastInfo, toastOk } from '../../lib/toast';
import { CommandSheet, SHEET_COMMANDS, type SheetCommand } from '../commands';
import { Btn, Section } from '../ui';

const buttonKind = (type: SheetCommand) =>
  type === 'resolve' || type === 'rate' || type === 'deskAnswer' ? 'primary' : type === 'decline' ? 'warn' : 'default';

/**
 * 办理: the commands the server offers on this ticket. Claim races at once;
 * the others open their form in a sheet; after each, the detail refreshes.
 * An unsatisfied rating offers to reopen straight away.
 */
export function TicketActions(props: { detail: TicketDetailResponse; refresh: () => Promise<TicketDetailResponse | undefined> }) {
  const { ticket: t, actions } = props.detail;
  const [sheet, setSheet] = useState<SheetCommand | undefined>(undefined);
  const [claiming, setClaiming] = useState(false);
  const [claimNote, setClaimNote] = useState<string | undefined>(undefined);
  const canClaim = actions.includes('claim');
  // reopening is offered after an unsatisfied rating (the server still decides the window)
  const offered = SHEET_COMMANDS.filter((a) => actions.includes(a) && !(a === 'reopen' && t.rating?.score !== 'unsatisfied'));

  const claim = async () => {
    if (claiming) return;
    // from the tap itself (WeChat's rule): the officer hears the owner's replies and the rating by WeChat
    askSubscribe('claimed');
    setClaiming(true);
    const r = await claimTicket(t.id);
    setClaiming(false);
    if (r.kind === 'won') {
      setClaimNote(undefined);
      toastOk(COMMANDS.claim.done);
    } else {
      setClaimNote(r.message);
      toastInfo(r.message);
    }
    await props.refresh();
  };

  const done = async (request: CommandRequest) => {
    setSheet(undefined);
    const fresh = await props.refresh();
    if (request.type !== 'rate' || request.score !== 'unsatisfied' || !fresh?.actions.includes('reopen')) return;
    const r = await Taro.showModal({
      title: '很抱歉没能让您满意',
      content: '需要重新打开这件事，让承办单位继续办理吗？',
      confirmText: COMMANDS.reopen.label,
      cancelText: '暂不',
    });
    if (r.confirm) setSheet('reopen');
  };

  return (
    <>
      {canClaim || offered.length || claimNote ? (
        <Section title="办理">
          <View className="card actions">
            {claimNote ? <Text className="feed-card__result feed-card__result--lost claim-note">{claimNote}</Text> : null}
            <View className="actions__buttons">
              {canClaim ? (
                <Btn kind="primary" loading={claiming} onClick={() => void claim()} className="action-claim">
                  {claiming ? '认领中' : COMMANDS.claim.label}
                </Btn>
              ) : null}
              {offered.map((a) => (
                <Btn key={a} kind={buttonKind(a)} onClick={() => setSheet(a)} className={`action-${a}`}>
                  {COMMANDS[a].label}
                </Btn>
              ))}
            </View>
          </View>
        </Section>
      ) : null}
      <CommandSheet ticket={t} type={sheet} onClose={() => setSheet(undefined)} onDone={(request) => void done(request)} />
    </>
  );
}
