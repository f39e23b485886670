/**
 * What a chart shows, as plain data (categories on the x axis, named series),
 * and the uCharts options that draw it. Pure: the Chart component adds the
 * canvas context and its size.
 */
export interface ChartSeries {
  name: string;
  /** one value per category; null: nothing measured there (a gap in the line) */
  data: ReadonlyArray<number | null>;
}

export interface ChartData {
  type: 'line' | 'column';
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** the y axis range (default 0–100: the index and the scores) */
  min?: number;
  max?: number;
}

export const CHART_COLORS = ['#1f6feb', '#07c160', '#e67e00', '#7e3af2', '#fa5151', '#0fa5a5'] as const;

/** Whether there is anything to draw. */
export const hasPoints = (d: ChartData): boolean => d.categories.length > 0 && d.series.some((s) => s.data.some((v) => v !== null));

export interface UChartsOptions {
  type: ChartData['type'];
  categories: string[];
  series: Array<{ name: string; data: Array<number | null>; color: string }>;
  animation: false;
  background: string;
  color: string[];
  padding: [number, number, number, number];
  fontSize: number;
  dataLabel: boolean;
  dataPointShape: boolean;
  legend: { show: boolean; position: 'bottom'; fontSize: number; lineHeight: number; itemGap: number };
  xAxis: { disableGrid: true; fontSize: number };
  yAxis: { gridType: 'dash'; dashLength: number; splitNumber: number; data: Array<{ min: number; max: number; fontSize: number }> };
  extra: { line: { type: 'straight'; width: number }; column: { width: number; barBorderRadius: number[] } };
}

export function chartOptions(d: ChartData): UChartsOptions {
  const single = d.series.length === 1;
  return {
    type: d.type,
    categories: [...d.categories],
    series: d.series.map((s, i) => ({ name: s.name, data: [...s.data], color: CHART_COLORS[i % CHART_COLORS.length] ?? CHART_COLORS[0] })),
    animation: false,
    background: '#FFFFFF',
    color: [...CHART_COLORS],
    padding: [16, 12, 4, 4],
    fontSize: 11,
    // values on the points when one series is drawn; several lines would overlap
    dataLabel: single,
    dataPointShape: true,
    // a line per row of names (uCharts' default line height is the font size: rows overlap)
    legend: { show: !single, position: 'bottom', fontSize: 11, lineHeight: 18, itemGap: 10 },
    xAxis: { disableGrid: true, fontSize: 11 },
    yAxis: { gridType: 'dash', dashLength: 4, splitNumber: 4, data: [{ min: d.min ?? 0, max: d.max ?? 100, fontSize: 11 }] },
    extra: { line: { type: 'straight', width: 2 }, column: { width: 18, barBorderRadius: [4, 4, 0, 0] } },
  };
}
