import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DirectoryType } from '@whistle/shared';
import { useState, type ReactNode } from 'react';
import { dirApi, type DirRecord } from '../../../api/directory';
import { Btn, ChoiceChips } from '../../../components/ui';
import type { PageName } from '../../../lib/nav';
import { toastOk } from '../../../lib/toast';
import { AdminPage } from '../../../console/AdminPage';
import { Pager } from '../../../console/Pager';
import { Panel } from '../../../console/Panel';
import { DataTable, type Column } from '../../../console/Table';
import { RecordForm } from '../../../console/form/RecordForm';
import type { Draft, FieldSpec, Option } from '../../../console/form/spec';
import { useDirectoryList } from '../../lib/useDirectoryList';

export interface ChoiceFilter {
  param: string;
  label: string;
  options: readonly Option[];
}

/** What goes to PUT: the record less its id, tenant and read-only fields (the rev stays: the one read). */
export const bodyOf = (d: Draft): Record<string, unknown> => {
  const { id: _id, tenantId: _t, wechatBound: _w, ...rest } = d;
  return rest;
};

/**
 * A directory section: filters (search, one choice), the wide table with
 * 加载更多, 新增 and a row's edit form in the side panel (rev, 409), delete
 * after a confirmation (the server's reason when refused).
 */
export function DirectoryPage<T extends DirectoryType>(props: {
  type: T;
  page: PageName;
  title: string;
  what: string;
  columns: ReadonlyArray<Column<DirRecord<T>>>;
  specs: (editing: boolean) => readonly FieldSpec[];
  blank: () => Draft;
  describe: (r: Draft) => string;
  filter?: ChoiceFilter;
  /** above the form of a record being edited; `replace`: the record saved by it (the form goes on from its rev) */
  extra?: (r: DirRecord<T>, replace: (saved: DirRecord<T>) => void) => ReactNode;
  /** above the filters (the grids page's 片区/网格 switch) */
  head?: ReactNode;
}) {
  const [q, setQ] = useState('');
  const [choice, setChoice] = useState('');
  const list = useDirectoryList(props.type, { q: q || undefined, [props.filter?.param ?? 'none']: choice || undefined, limit: 50 });
  const [editing, setEditing] = useState<{ rec: Draft; isNew: boolean } | undefined>(undefined);
  const save = async (d: Draft) => dirApi.put(props.type, String(d.id ?? ''), bodyOf(d)) as Promise<Draft>;
  const remove = async (d: Draft) => {
    const ok = await Taro.showModal({ title: `删除${props.what}`, content: `确定删除「${props.describe(d)}」？` });
    if (!ok.confirm) return false;
    await dirApi.remove(props.type, String(d.id), typeof d.rev === 'number' ? d.rev : undefined);
    return true;
  };
  return (
    <AdminPage
      current={props.page}
      title={props.title}
      actions={
        <Btn kind="primary" size="small" className="record-new" onClick={() => setEditing({ rec: props.blank(), isNew: true })}>
          新增{props.what}
        </Btn>
      }
    >
      {props.head}
      <View className="cfilters">
        <Input className="input dir-search" value={q} placeholder="搜索名称、编号、电话" confirmType="search" onConfirm={(e) => setQ(e.detail.value.trim())} onInput={(e) => !e.detail.value && setQ('')} />
        {props.filter ? (
          <ChoiceChips<string> options={[{ value: '', label: `全部${props.filter.label}` }, ...props.filter.options]} value={choice} onChange={setChoice} className="dir-filter" />
        ) : null}
        <Text className="muted dir-total">{list.total === undefined ? '' : `共 ${list.total} 条`}</Text>
      </View>
      <DataTable columns={props.columns} rows={list.items} rowKey={(r) => String((r as { id: string }).id)} onRow={(r) => setEditing({ rec: r as Draft, isNew: false })} empty={list.loading ? '加载中…' : '没有符合条件的记录'} className={`dir-table dir-table--${props.type}`} />
      <Pager cursor={list.cursor} busy={list.loading} onMore={() => void list.more()} />
      <Panel open={!!editing} title={editing?.isNew ? `新增${props.what}` : `编辑${props.what}`} onClose={() => setEditing(undefined)}>
        {editing ? (
          <View>
            {!editing.isNew && props.extra
              ? props.extra(editing.rec as DirRecord<T>, (saved) => {
                  list.put(String((saved as { id: string }).id), saved);
                  setEditing({ rec: saved as Draft, isNew: false });
                })
              : null}
            <RecordForm<Draft>
              key={`${String(editing.rec.id)}-${String(editing.rec.rev)}`}
              specs={props.specs(!editing.isNew)}
              initial={editing.rec}
              isNew={editing.isNew}
              what={props.what}
              save={save}
              remove={remove}
              describe={props.describe}
              onDone={(saved) => {
                list.put(String(saved?.id ?? editing.rec.id), saved as DirRecord<T> | undefined);
                setEditing(undefined);
                toastOk(saved ? '已保存' : '已删除');
              }}
            />
          </View>
        ) : null}
      </Panel>
    </AdminPage>
  );
}
