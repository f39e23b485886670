import type { CommonIssue } from '@whistle/shared';
import { Btn, Section } from '../../components/ui';
import { go } from '../../lib/nav';

/**
 * What the retrospective page (supervise/pages/retro) is opened with from a common issue: its id and title,
 * its lead unit, and its team (the lead unit and the steps' owner units, who take part by default).
 */
export const retroQuery = (ci: Pick<CommonIssue, 'id' | 'title' | 'leadUnitId' | 'plan'>): Record<string, string> => ({
  commonIssueId: ci.id,
  title: ci.title,
  unit: ci.leadUnitId,
  units: [ci.leadUnitId, ...ci.plan.coUnits.map((u) => u.unitId).filter((u) => u !== ci.leadUnitId)].join(','),
});

/** 典型问题复盘 on a common issue: the entry to its retrospectives (the caller's page decides who sees it). */
export function RetroEntry(props: { issue: CommonIssue }) {
  return (
    <Section title="典型问题复盘">
      <Btn size="small" kind="plain" className="ci-retro" onClick={() => go('superviseRetro', retroQuery(props.issue))}>
        查看复盘
      </Btn>
    </Section>
  );
}
