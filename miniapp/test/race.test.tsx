import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { openRace, tally, type BallotPicks, type Race, type Unit, type Voter } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { BallotForm } from '../src/components/race/BallotForm';
import { TallyView } from '../src/components/race/TallyView';
import { ballotProblem, emptyPicks, togglePick } from '../src/lib/race';

const unit = (id: string, name: string, track: Unit['track']): Unit => ({ id, tenantId: 'demo', name, track });
const race: Race = openRace({
  tenantId: 'demo',
  quarter: '2026-Q4',
  fiveStar: { department: 2, township: 1 },
  bestPractice: 1,
  cases: [{ id: 'c1', kind: 'writeUp', title: '用电增容联办', unitId: 'jxw', unitName: '区经信委', summary: '45 天压缩到 12 天' }],
  units: [unit('jxw', '区经信委', 'department'), unit('fgw', '区发改委', 'department'), unit('rsj', '区人社局', 'department'), unit('nsz', '南山镇', 'township')],
  at: '2026-10-08T01:00:00.000Z',
  by: { userId: 'supervisor', name: '督办' },
});
const lead: Voter = { kind: 'unit', id: 'jxw', name: '区经信委' };
const owner: Voter = { kind: 'enterprise', id: 'E1', name: '清溪恒通机械有限公司' };

describe('picks', () => {
  it('toggle within the race’s maximum, and are checked by the server’s own rules', () => {
    let p = emptyPicks();
    p = togglePick(race, p, 'department', 'jxw').picks;
    p = togglePick(race, p, 'department', 'fgw').picks;
    const third = togglePick(race, p, 'department', 'rsj');
    expect(third.error).toBe('这一项最多选 2 个，请先取消一个');
    expect(third.picks).toBe(p);
    expect(togglePick(race, p, 'department', 'jxw').picks.fiveStar.department).toEqual(['fgw']);
    expect(ballotProblem(race, lead, p)).toBe('不能给本单位投票');
    expect(ballotProblem(race, owner, p)).toBeUndefined();
    expect(ballotProblem(race, owner, emptyPicks())).toMatch(/至少要选/);
  });
});

describe('ballot form', () => {
  it('keeps a unit from picking itself or its own case, and casts what was picked', async () => {
    const onCast = vi.fn((_p: BallotPicks) => Promise.resolve());
    render(<BallotForm race={race} voter={lead} onCast={onCast} />);
    expect(screen.getByText('本单位，不能投给自己')).toBeTruthy();
    expect(screen.getByText('本单位的案例，不能投给自己')).toBeTruthy();
    fireEvent.click(screen.getByText('区经信委'));
    fireEvent.click(screen.getByText('投出选票'));
    expect(screen.getByText('选票至少要选一个五星单位或一个最佳实践案例')).toBeTruthy();
    fireEvent.click(screen.getByText('区发改委'));
    fireEvent.click(screen.getByText('南山镇'));
    fireEvent.click(screen.getByText('投出选票'));
    await waitFor(() => expect(onCast).toHaveBeenCalledWith({ fiveStar: { department: ['fgw'], township: ['nsz'] }, cases: [] }));
  });

  it('refuses a pick over the track’s count with a message', () => {
    render(<BallotForm race={race} voter={owner} onCast={() => Promise.resolve()} />);
    for (const name of ['区经信委', '区发改委', '区人社局']) fireEvent.click(screen.getByText(name));
    expect(screen.getByText('这一项最多选 2 个，请先取消一个')).toBeTruthy();
  });
});

describe('tally', () => {
  it('shows each track’s ranking with its five-star units, and the best-practice cases', () => {
    const ballot = (id: string, department: string[], township: string[], cases: string[]) => ({
      raceId: race.id,
      tenantId: 'demo',
      voter: { kind: 'enterprise' as const, id, name: id },
      castBy: { userId: id, name: id },
      castAt: '2026-10-09T01:00:00.000Z',
      fiveStar: { department, township },
      cases,
    });
    const t = tally(race, [ballot('E1', ['jxw', 'fgw'], ['nsz'], ['c1']), ballot('E2', ['jxw'], [], [])]);
    render(<TallyView tally={t} />);
    expect(screen.getByText('共 2 张选票：企业 2 张，单位 0 张')).toBeTruthy();
    expect(screen.getAllByText('★ 五星单位')).toHaveLength(3);
    expect(screen.getByText('最佳实践')).toBeTruthy();
    expect(document.querySelector('.tally__row--on .tally__name')?.textContent).toBe('区经信委');
  });
});
