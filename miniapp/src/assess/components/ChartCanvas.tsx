import { Canvas } from '@tarojs/components';

/** The mini-program's canvas for a chart (`ChartCanvas.h5.tsx` is the browser's). */
export function ChartCanvas(props: { id: string }) {
  return <Canvas type="2d" id={props.id} className="chart__canvas" />;
}
