import { Text, View } from '@tarojs/components';
import { LABELS, type CommonIssueLedgerResponse } from '@whistle/shared';
import type * as z from 'zod/mini';

type Row = z.infer<typeof CommonIssueLedgerResponse>['byCategory'][number];

const COLUMNS = [
  ['found', '已发现'],
  ['inProgress', '推进中'],
  ['solved', '已解决'],
  ['enterprises', '涉及企业'],
] as const;

/** 共性问题台账 by category: how many are found, in progress and solved, and how many enterprises are behind them; a total line. */
export function LedgerTable(props: { rows: readonly Row[] }) {
  if (!props.rows.length) return null;
  const total = (k: (typeof COLUMNS)[number][0]) => props.rows.reduce((n, r) => n + r[k], 0);
  return (
    <View className="card ci-ledger-table">
      <View className="ci-ledger-row ci-ledger-row--head">
        <Text className="ci-ledger-row__cat">类别</Text>
        {COLUMNS.map(([k, label]) => (
          <Text key={k} className="ci-ledger-row__n">
            {label}
          </Text>
        ))}
      </View>
      {props.rows.map((r) => (
        <View key={r.category} className="ci-ledger-row" data-category={r.category}>
          <Text className="ci-ledger-row__cat">{LABELS.category[r.category]}</Text>
          {COLUMNS.map(([k]) => (
            <Text key={k} className={`ci-ledger-row__n ci-n-${k}`}>
              {r[k]}
            </Text>
          ))}
        </View>
      ))}
      {props.rows.length > 1 ? (
        <View className="ci-ledger-row ci-ledger-row--total">
          <Text className="ci-ledger-row__cat">合计</Text>
          {COLUMNS.map(([k]) => (
            <Text key={k} className={`ci-ledger-row__n ci-n-${k}`}>
              {total(k)}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
