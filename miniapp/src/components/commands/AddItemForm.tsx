import { FormShell } from './FormShell';
import { itemBody, PlanItemFields, useItemDraft } from './PlanItemFields';
import { buildRequest, type FormProps } from './types';

/** 添加方案事项: one more item, with its owner unit (who joins the team) and due date. */
export function AddItemForm(props: FormProps<'addItem'>) {
  const { ticket, units } = props.ctx;
  const { draft, set } = useItemDraft();
  const build = () => {
    const item = itemBody(draft);
    return 'error' in item ? item : buildRequest('addItem', item);
  };
  return (
    <FormShell type="addItem" build={build} submit={props.submit}>
      <PlanItemFields draft={draft} set={set} units={units} handlingUnitId={ticket.handlingUnitId} />
    </FormShell>
  );
}
