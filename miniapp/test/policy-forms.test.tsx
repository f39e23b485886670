import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { EnterpriseProfileBody, PolicyInput } from '@whistle/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { PolicyEditor } from '../src/policy/components/PolicyEditor';
import { ProfileEditor } from '../src/policy/components/ProfileEditor';
import { emptyPolicyForm, formOfPolicy } from '../src/policy/lib/form';
import { enterprise, policy } from './policy-fixtures';

const typeInto = (selector: string, value: string) =>
  fireEvent.change(document.querySelector(selector) as HTMLInputElement | HTMLTextAreaElement, { target: { value } });

describe('the enterprise profile editor', () => {
  it('starts from the saved profile and saves the tags and bands picked', async () => {
    const save = vi.fn((_b: EnterpriseProfileBody) => Promise.resolve());
    render(<ProfileEditor enterprise={enterprise({ tags: ['aboveScale'], headcountBand: 'h20to99' })} save={save} />);
    expect(screen.getByLabelText('规上企业，已选')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('专精特新，未选'));
    fireEvent.click(screen.getByLabelText('规上企业，已选'));
    fireEvent.click(screen.getByText('100–299 人'));
    fireEvent.click(screen.getByText('2000 万–1 亿元'));
    fireEvent.click(screen.getByText('保存企业画像'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save).toHaveBeenCalledWith({ tags: ['specialized'], headcountBand: 'h100to299', revenueBand: 'r2000to10000' });
  });

  it('shows the API’s messages at their fields, and any other failure on one line', async () => {
    const save = vi
      .fn<(b: EnterpriseProfileBody) => Promise<void>>()
      .mockRejectedValueOnce(
        new ApiError(400, 'VALIDATION', 'tags.0：企业标签不在列表中', [
          { field: 'tags.0', message: '企业标签不在列表中' },
          { field: 'revenueBand', message: '营业收入档位不在列表中' },
        ]),
      )
      .mockRejectedValueOnce(new ApiError(403, 'FORBIDDEN', '只能修改本企业或您服务的企业的画像'));
    render(<ProfileEditor enterprise={enterprise()} save={save} />);
    fireEvent.click(screen.getByText('保存企业画像'));
    await waitFor(() => expect(screen.getByText('企业标签不在列表中')).toBeTruthy());
    expect(screen.getByText('营业收入档位不在列表中')).toBeTruthy();
    // editing a field takes its message away
    fireEvent.click(screen.getByText('4 亿元及以上'));
    expect(screen.queryByText('营业收入档位不在列表中')).toBeNull();
    fireEvent.click(screen.getByText('保存企业画像'));
    await waitFor(() => expect(screen.getByText('保存企业画像失败：只能修改本企业或您服务的企业的画像')).toBeTruthy());
  });
});

describe('the policy editor', () => {
  it('checks the form with the API’s schema and says, at each field, what is missing', () => {
    const submit = vi.fn((_i: PolicyInput) => Promise.resolve());
    render(<PolicyEditor initial={emptyPolicyForm()} me={undefined} pickUnit units={[]} label="保存草稿" submit={submit} />);
    fireEvent.click(screen.getByText('保存草稿'));
    for (const m of ['政策名称不能为空', '发文机关不能为空', '请选择政策层级', '请选择政策类别', '政策摘要不能为空', '申报方式不能为空', '请填写生效日期，如 2026-01-01', '请选择责任单位']) {
      expect(screen.getByText(m)).toBeTruthy();
    }
    expect(submit).not.toHaveBeenCalled();
  });

  it('sends what was written as a PolicyInput, conditions and keywords included', async () => {
    const submit = vi.fn((_i: PolicyInput) => Promise.resolve());
    const me = { id: 'officer-rsj', tenantId: 'demo', name: '周婷', roles: ['officer' as const], unitId: 'rsj', phone: '0571-8666 0002' };
    render(<PolicyEditor initial={emptyPolicyForm()} me={me} pickUnit={false} units={[]} label="保存草稿" submit={submit} />);
    typeInto('.policy-title-input', '稳岗返还');
    typeInto('.policy-issuer-input', '清溪区人力资源和社会保障局');
    fireEvent.click(screen.getByText('区县级'));
    fireEvent.click(screen.getByText('稳岗就业'));
    typeInto('.policy-summary-input', '上年度未裁员或裁员率低于 5.5% 的企业，返还上年度实际缴纳失业保险费的 60%。');
    typeInto('.policy-apply-input', '无需申请，符合条件的企业由系统直接发放，请留意短信通知。');
    typeInto('.policy-keywords-input', '稳岗、失业保险 返还');
    typeInto('.policy-from-input', '2026-01-01');
    fireEvent.click(screen.getByLabelText('20–99 人，未选'));
    fireEvent.click(screen.getByText('由我负责'));
    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit.mock.calls[0]?.[0]).toEqual({
      title: '稳岗返还',
      issuer: '清溪区人力资源和社会保障局',
      level: 'district',
      category: 'employment',
      summary: '上年度未裁员或裁员率低于 5.5% 的企业，返还上年度实际缴纳失业保险费的 60%。',
      keywords: ['稳岗', '失业保险', '返还'],
      conditions: { headcountBands: ['h20to99'] },
      validFrom: '2026-01-01',
      howToApply: '无需申请，符合条件的企业由系统直接发放，请留意短信通知。',
      contact: { name: '周婷', phone: '0571-8666 0002', userId: 'officer-rsj' },
    });
  });

  it('shows the API’s 400 details at their fields (a nested field at its own)', async () => {
    const submit = vi.fn<(i: PolicyInput) => Promise<void>>().mockRejectedValue(
      new ApiError(400, 'VALIDATION', 'contact.phone：电话号码格式不正确', [
        { field: 'contact.phone', message: '电话号码格式不正确' },
        { field: 'conditions.townUnitIds.0', message: '镇街不存在' },
        { field: 'body', message: '不认识的字段：extra' },
      ]),
    );
    render(<PolicyEditor initial={formOfPolicy(policy())} me={undefined} pickUnit={false} units={[]} label="保存修改" submit={submit} />);
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(screen.getByText('电话号码格式不正确')).toBeTruthy());
    expect(screen.getByText('镇街不存在')).toBeTruthy();
    expect(screen.getByText('不认识的字段：extra')).toBeTruthy();
    expect(screen.getByText('有 2 处需要修改，请看标红的地方')).toBeTruthy();
  });
});
