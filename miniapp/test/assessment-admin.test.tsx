import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_SCHEME, type AssessmentScheme, type ManualEntry, type ManualScoreBody } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { SchemeVersions } from '../src/assess/components/SchemeVersions';
import { SchemeView } from '../src/assess/components/SchemeView';
import { ScoreForm, type ScoreTarget } from '../src/assess/components/ScoreForm';
import { IndicatorList } from '../src/assess/components/UnitFigures';
import SchemePage from '../src/assess/pages/scheme/index';
import UnitPage from '../src/assess/pages/unit/index';
import { STORE_KEYS, writeStore } from '../src/lib/storage';
import { scoreOf } from './assessment-fixtures';
import { calls, setRequest, setRouterParams, type RequestOptions } from './taro';

const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as Element, { target: { value } });
const ok = (data: unknown) => Promise.resolve({ statusCode: 200, data });
const signIn = (roles: string[]) =>
  writeStore(STORE_KEYS.session, { token: 'tok', expiresAt: '2099-01-01T00:00:00Z', user: { id: 'assessor', tenantId: 'demo', name: '王敏', roles } });

const target: ScoreTarget = { unitId: 'jxw', unitName: '区经信委', period: '2026-Q2', indicator: 'supplyDemand', current: null };
const v3: AssessmentScheme = {
  ...DEFAULT_SCHEME,
  version: 3,
  effectiveFrom: '2026-12',
  createdAt: '2026-11-20T02:00:00.000Z',
  createdBy: 'supervisor',
  levelWeights: { reply: 30, resolution: 45, satisfaction: 25 },
  weights: { ...DEFAULT_SCHEME.weights, jointTasks: 0 },
  deductions: { reminder: 0.5, urge: 1.5, warning: 3, cap: 15 },
  targets: { claimHours: 4, resolveHours: 16 },
};
const v2: AssessmentScheme = { ...DEFAULT_SCHEME, version: 2, effectiveFrom: '2026-06', createdAt: '2026-05-28T02:00:00.000Z', createdBy: 'supervisor' };

describe('录入评分', () => {
  it('checks the score and the evidence as the API would, at their fields, before sending', async () => {
    const submit = vi.fn((_b: ManualScoreBody) => Promise.resolve());
    render(<ScoreForm target={target} submit={submit} />);
    expect(document.querySelector('.dispute-form__what')?.textContent).toBe('区经信委 · 2026年第二季度 · 供需对接');
    type('.score-input', '120');
    fireEvent.click(screen.getByText('确认录入'));
    await waitFor(() => expect(texts('.field--error .field__error')).toEqual(['分数不能高于 100', '请填写佐证材料说明']));
    expect(submit).not.toHaveBeenCalled();
    type('.score-input', '88.5');
    expect(texts('.field--error .field__error')).toEqual(['请填写佐证材料说明']);
    type('.score-evidence', '  对接会 2 场，达成意向 5 项 ');
    fireEvent.click(screen.getByText('确认录入'));
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit.mock.calls[0]?.[0]).toEqual({ period: '2026-Q2', unitId: 'jxw', indicator: 'supplyDemand', score: 88.5, evidence: '对接会 2 场，达成意向 5 项' });
  });

  it('shows the API’s messages at their fields, and the rest below', async () => {
    const submit = vi.fn(() =>
      Promise.reject(
        new ApiError(400, 'VALIDATION', 'score：分数必须是数字', [
          { field: 'score', message: '分数必须是数字' },
          { field: 'unitId', message: '单位不存在' },
        ]),
      ),
    );
    render(<ScoreForm target={{ ...target, current: 80 }} submit={submit} />);
    expect(screen.getByText(/当前 80 分/)).toBeTruthy();
    type('.score-input', '90');
    type('.score-evidence', '宣讲 3 场');
    fireEvent.click(screen.getByText('确认录入'));
    await waitFor(() => expect(texts('.field--error .field__error')).toEqual(['分数必须是数字']));
    expect(document.querySelector('.form-error')?.textContent).toBe('单位不存在');
  });

  it('offers 录入评分 on the entered indicators only to those who score', () => {
    const onOpen = vi.fn();
    const onEnter = vi.fn();
    const { rerender } = render(<IndicatorList score={scoreOf('jxw')} onOpen={onOpen} onEnter={onEnter} />);
    expect([...document.querySelectorAll('.ind-row__enter')].map((e) => e.closest('.ind-row')?.getAttribute('data-code'))).toEqual(['policyPromotion', 'supplyDemand', 'preciseService']);
    fireEvent.click(document.querySelector('.ind-row[data-code="preciseService"] .ind-row__enter') as Element);
    fireEvent.click(document.querySelector('.ind-row[data-code="claimRate"]') as Element);
    expect([onEnter.mock.calls, onOpen.mock.calls]).toEqual([[['preciseService']], [['claimRate']]]);
    rerender(<IndicatorList score={scoreOf('jxw')} onOpen={onOpen} />);
    expect(document.querySelector('.ind-row__enter')).toBeNull();
  });

  it('on the unit page: sends the entry, then shows the unit again with the new entry and its previous score', async () => {
    signIn(['assessor']);
    setRouterParams({ unitId: 'jxw', period: '2026-Q2' });
    const entry: ManualEntry = { id: 'm2', period: '2026-Q2', unitId: 'jxw', indicator: 'policyPromotion', score: 95, previous: 90, evidence: '宣讲 4 场', by: 'assessor', byName: '王敏', at: '2026-06-12T02:00:00.000Z' };
    let entries: ManualEntry[] = [];
    const sent: unknown[] = [];
    setRequest((o: RequestOptions) => {
      if (o.method === 'PUT') {
        sent.push(o.data);
        entries = [entry];
        return ok({ entry });
      }
      return ok({ period: '2026-Q2', schemeVersion: 1, score: scoreOf('jxw'), rankedOf: 4, trend: [], manualEntries: entries, disputes: [] });
    });
    render(<UnitPage />);
    await waitFor(() => expect(screen.getByText('本期暂无评分录入')).toBeTruthy());
    fireEvent.click(document.querySelector('.ind-row[data-code="policyPromotion"]') as Element);
    expect(screen.getByText(/当前 90 分/)).toBeTruthy();
    type('.score-input', '95');
    type('.score-evidence', '宣讲 4 场');
    fireEvent.click(screen.getByText('确认录入'));
    await waitFor(() => expect(document.querySelector('.manual-entry .record__score')?.textContent).toBe('90 → 95 分'));
    expect(sent).toEqual([{ period: '2026-Q2', unitId: 'jxw', indicator: 'policyPromotion', score: 95, evidence: '宣讲 4 场' }]);
    expect(document.querySelector('.score-form')).toBeNull();
    expect(calls.toasts).toContain('评分已录入');
  });
});

describe('考核方案', () => {
  it('lists the first-level weights, each indicator’s weight, the deductions, the targets and the lists', () => {
    render(<SchemeView scheme={v3} />);
    expect(texts('.scheme-level .ind-group__head')).toEqual(['问题回复权重 30', '事项办结权重 45', '满意度权重 25']);
    const line = (code: string) => document.querySelector(`.scheme-line[data-code="${code}"]`)?.textContent;
    expect(line('claimRate')).toBe('接哨率30');
    expect(line('preciseService')).toBe('精准服务20');
    expect(line('jointTasks')).toBe('联办任务按时率不计入');
    expect(document.querySelectorAll('.scheme-level .scheme-line')).toHaveLength(14);
    expect(texts('.scheme-line[data-code="reminder"], .scheme-line[data-code="urge"], .scheme-line[data-code="warning"], .scheme-line[data-code="cap"]')).toEqual([
      '每张提醒单−0.5 分',
      '每张催办单−1.5 分',
      '每张警告单−3 分',
      '扣分上限15 分',
    ]);
    expect(line('claimHours')).toBe('平均认领用时不超过目标得满分，12 小时及以上不得分4 小时');
    expect(line('listSize')).toBe('每个赛道各列2 个单位');
  });

  it('lists the versions newest first, the one in force and the one to come marked; a tap picks one', () => {
    const onSelect = vi.fn();
    render(<SchemeVersions versions={[DEFAULT_SCHEME, v2, v3]} current={v2} selected={2} onSelect={onSelect} />);
    expect(texts('.scheme-version .record__title')).toEqual(['v3 · 2026-12 起', 'v2 · 2026-06 起', 'v1 · 初始方案']);
    expect(texts('.scheme-version .chip')).toEqual(['待生效', '当前执行']);
    expect(document.querySelector('.scheme-version--on')?.getAttribute('data-version')).toBe('2');
    fireEvent.click(screen.getByText('v1 · 初始方案'));
    expect(onSelect).toHaveBeenCalledWith(1);
  });

  it('the page shows the version asked for, switches versions, and says when it cannot load', async () => {
    signIn(['supervisor']);
    setRouterParams({ version: '3' });
    let fail = true;
    setRequest((o: RequestOptions) => {
      expect(o.url).toBe('/api/admin/assessment');
      return fail ? Promise.resolve({ statusCode: 503, data: {} }) : ok({ current: v2, versions: [DEFAULT_SCHEME, v2, v3] });
    });
    render(<SchemePage />);
    await waitFor(() => expect(screen.getByText('加载考核方案失败')).toBeTruthy());
    fail = false;
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(document.querySelector('.scheme-title')?.textContent).toBe('考核方案 v3（2026-12 起）'));
    fireEvent.click(screen.getByText('v2 · 2026-06 起'));
    expect(document.querySelector('.scheme-title')?.textContent).toBe('考核方案 v2（2026-06 起） · 当前执行');
  });

  it('is not offered to a unit officer', () => {
    signIn(['officer']);
    render(<SchemePage />);
    expect(screen.getByText('无权查看考核方案')).toBeTruthy();
  });
});
