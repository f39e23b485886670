/** uCharts (`@qiun/ucharts`): draws on a canvas 2d context it is given; ships no types. */
declare module '@qiun/ucharts' {
  export interface UChartsInit {
    type: string;
    context: unknown;
    width: number;
    height: number;
    pixelRatio?: number;
    categories?: unknown[];
    series?: unknown[];
    [option: string]: unknown;
  }
  export default class UCharts {
    constructor(opts: UChartsInit);
    updateData(data: Record<string, unknown>): void;
  }
}
