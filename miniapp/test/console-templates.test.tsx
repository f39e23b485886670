import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminApi } from '../src/api/admin';
import { TemplatesForm } from '../src/admin/components/settings/TemplatesForm';

const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as Element, { target: { value } });

afterEach(() => vi.restoreAllMocks());

describe('the subscribe-message templates form', () => {
  it("shows the deployment's template where the district has none, refuses a malformed id under its field, and sends only the district's own", async () => {
    const put = vi.spyOn(adminApi, 'putWechatTemplates').mockImplementation((body) => Promise.resolve({ templates: body.templates as Record<string, string>, defaults: {}, effective: {} }));
    const onSaved = vi.fn();
    render(<TemplatesForm templates={{ claimed: 'tmpl-claimed' }} defaults={{ published: 'dep-published' }} onSaved={onSaved} />);
    expect((document.querySelector('[data-event="published"] input') as HTMLInputElement).placeholder).toBe('dep-published');
    type('[data-event="resolved"] input', 'bad id!');
    fireEvent.click(screen.getByText('保存模板'));
    await waitFor(() => expect(document.querySelector('[data-event="resolved"] .field__error')?.textContent).toMatch(/模板 ID/));
    expect(put).not.toHaveBeenCalled();
    type('[data-event="resolved"] input', 'tmpl-resolved');
    fireEvent.click(screen.getByText('保存模板'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ claimed: 'tmpl-claimed', resolved: 'tmpl-resolved' }));
    expect(put.mock.calls[0]?.[0]).toEqual({ templates: { claimed: 'tmpl-claimed', resolved: 'tmpl-resolved' } });
  });
});
