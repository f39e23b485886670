/** The browser's canvas for a chart: a plain element, drawn on directly (`ChartCanvas.tsx` is the mini-program's). */
export function ChartCanvas(props: { id: string }) {
  return <canvas id={props.id} className="chart__canvas" />;
}
