import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import { Diff } from '../src/admin/components/audit/Diff';
import { qrDataUrl, QrCode } from '../src/admin/components/invite/QrCode';
import { RecordForm } from '../src/console/form/RecordForm';
import { setAt, specPathOf, type FieldSpec } from '../src/console/form/spec';
import { rootSizeFor } from '../src/lib/root-size';

const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as Element, { target: { value } });

interface UnitDraft extends Record<string, unknown> {
  id: string;
  name: string;
  track?: string;
  rev?: number;
}
const SPECS: FieldSpec[] = [
  { kind: 'text', path: 'id', label: '编号', required: true, readOnlyWhenEditing: true },
  { kind: 'text', path: 'name', label: '名称', required: true },
  {
    kind: 'choice',
    path: 'track',
    label: '考核序列',
    options: [
      { value: 'department', label: '部门' },
      { value: 'township', label: '镇街' },
    ],
  },
];
const describeUnit = (u: UnitDraft) => `${u.name}（${u.track ?? ''}）`;

describe('a record form', () => {
  it('sends the draft with the rev it was read at', async () => {
    const save = vi.fn((d: UnitDraft) => Promise.resolve({ ...d, rev: (d.rev ?? 0) + 1 }));
    const onDone = vi.fn();
    render(<RecordForm<UnitDraft> specs={SPECS} initial={{ id: 'swj', name: '商务局', track: 'department', rev: 3 }} isNew={false} what="单位" save={save} describe={describeUnit} onDone={onDone} />);
    type('.f-name input', '区商务委');
    fireEvent.click(screen.getByText('保存单位'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ id: 'swj', name: '区商务委', track: 'department', rev: 4 }));
    expect(save.mock.calls[0]?.[0]).toEqual({ id: 'swj', name: '区商务委', track: 'department', rev: 3 });
  });

  it('on a stale save (409) shows 已被他人修改 with the current record, and goes on from it with its rev', async () => {
    const current = { id: 'swj', name: '区商务委员会', track: 'township', rev: 5 };
    const save = vi
      .fn<(d: UnitDraft) => Promise<UnitDraft>>()
      .mockRejectedValueOnce(new ApiError(409, 'CONFLICT', '记录已被他人修改', { current }))
      .mockImplementation((d) => Promise.resolve({ ...d, rev: 6 }));
    const onDone = vi.fn();
    render(<RecordForm<UnitDraft> specs={SPECS} initial={{ id: 'swj', name: '商务局', track: 'department', rev: 3 }} isNew={false} what="单位" save={save} describe={describeUnit} onDone={onDone} />);
    type('.f-name input', '商务委');
    fireEvent.click(screen.getByText('保存单位'));
    await waitFor(() => expect(document.querySelector('.conflict__title')?.textContent).toBe('已被他人修改'));
    expect(document.querySelector('.conflict__current')?.textContent).toBe('当前内容：区商务委员会（township）');
    expect(document.querySelector('.form-error')?.textContent).toMatch(/已被他人修改/);
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('以最新内容继续编辑'));
    expect((document.querySelector('.f-name input') as HTMLInputElement).value).toBe('区商务委员会');
    expect(document.querySelector('.conflict')).toBeNull();
    type('.f-name input', '商务委');
    fireEvent.click(screen.getByText('保存单位'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(save.mock.calls[1]?.[0]).toEqual({ id: 'swj', name: '商务委', track: 'township', rev: 5 });
  });

  it('shows the server’s messages at their fields, a refused delete’s reason on the error line', async () => {
    const save = vi.fn(() => Promise.reject(new ApiError(400, 'VALIDATION', '校验失败', [{ field: 'name', message: '名称已被单位「商务局」使用' }, { field: 'leadUserId', message: '负责人不存在' }])));
    const remove = vi.fn((): Promise<boolean> => Promise.reject(new ApiError(409, 'IN_USE', '仍有 2 个服务群以该单位为成员：制造业群、物流群', { references: 2 })));
    render(<RecordForm<UnitDraft> specs={SPECS} initial={{ id: 'swj', name: '商务局', rev: 1 }} isNew={false} what="单位" save={save} remove={remove} describe={describeUnit} onDone={vi.fn()} />);
    fireEvent.click(screen.getByText('保存单位'));
    await waitFor(() => expect(texts('.field--error .field__error')).toEqual(['名称已被单位「商务局」使用']));
    expect(document.querySelector('.form-error')?.textContent).toBe('负责人不存在');
    fireEvent.click(screen.getByText('删除'));
    await waitFor(() => expect(document.querySelector('.form-error')?.textContent).toBe('删除单位失败：仍有 2 个服务群以该单位为成员：制造业群、物流群'));
    expect(document.querySelector('.conflict')).toBeNull();
  });

  it('edits nested fields by path and finds the field of a nested issue', () => {
    expect(setAt({ officer: { name: '张' } }, 'officer.phone', '138')).toEqual({ officer: { name: '张', phone: '138' } });
    expect(setAt({ track: 'x' }, 'track', undefined)).toEqual({});
    const specs: FieldSpec[] = [{ kind: 'multi', path: 'memberUnitIds', label: '成员', options: [] }, { kind: 'text', path: 'officer.phone', label: '电话' }];
    expect([specPathOf('memberUnitIds.2', specs), specPathOf('body.officer.phone', specs), specPathOf('tier', specs)]).toEqual(['memberUnitIds', 'officer.phone', undefined]);
  });
});

describe('audit diff, QR code, desktop root size', () => {
  it('shows only the changed fields, before and after', () => {
    render(<Diff before={{ id: 'swj', name: '商务局', track: 'department', rev: 1 }} after={{ id: 'swj', name: '商务委', track: 'department', rev: 2 }} />);
    expect(texts('.diff__row').map((t) => t)).toEqual(['name商务局→商务委']);
  });

  it('draws a QR code in the browser as an image of the payload', () => {
    render(<QrCode text="pages/login/index?invite=AB12CD34" />);
    const img = document.querySelector('img.qr') as HTMLImageElement;
    expect(document.querySelector('.qr-box')?.getAttribute('data-qr')).toBe('pages/login/index?invite=AB12CD34');
    expect(img.src).toMatch(/^data:image\/gif;base64,/);
    expect(qrDataUrl('a')).not.toBe(qrDataUrl('b'));
  });

  it('keeps design pixels as CSS pixels at desktop width', () => {
    expect([rootSizeFor(375, 812), rootSizeFor(750, 1000), rootSizeFor(1280, 800), rootSizeFor(0, 0)]).toEqual(['20px', '40px', '20px', '']);
  });
});
