import UCharts from '@qiun/ucharts';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { findCanvas, pixelRatio, type CanvasLike } from '../lib/canvas';
import { chartOptions, hasPoints, type ChartData } from '../lib/chart';
import { ChartCanvas } from './ChartCanvas';

/**
 * A chart drawn by uCharts on a canvas 2d context: a plain `<canvas>` on H5,
 * the mini-program's `<canvas type="2d">` on weapp (`ChartCanvas` renders,
 * `lib/canvas` finds it once laid out; Taro picks each file per platform).
 * Pages pass plain data (categories, series); the library stays in this
 * subpackage.
 */
let seq = 0;

/** Sizes the canvas for the screen's pixel ratio and draws the chart on it. */
function paint(canvas: CanvasLike, width: number, height: number, data: ChartData): UCharts {
  const dpr = pixelRatio();
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  return new UCharts({ ...chartOptions(data), context: canvas.getContext('2d'), width: width * dpr, height: height * dpr, pixelRatio: dpr });
}

export function Chart(props: { data: ChartData; empty?: string; className?: string }) {
  const [id] = useState(() => `assess-chart-${++seq}`);
  const [drawn, setDrawn] = useState(false);
  const show = hasPoints(props.data);
  const key = JSON.stringify(props.data);

  useEffect(() => {
    if (!show) return undefined;
    const data = JSON.parse(key) as ChartData;
    let stopped = false;
    let tries = 0;
    const attempt = () => {
      if (stopped) return;
      findCanvas(id, (c) => {
        if (stopped) return;
        // not laid out yet (or on a hidden page): look again shortly, a few times
        if (!c) {
          if (++tries < 20) setTimeout(attempt, 100);
          return;
        }
        paint(c.node, c.width, c.height, data);
        setDrawn(true);
      });
    };
    // after this commit reaches the view (Taro's nextTick waits for a later update, which may never come)
    const first = setTimeout(attempt, 30);
    return () => {
      clearTimeout(first);
      stopped = true;
    };
  }, [id, key, show]);

  if (!show) {
    return (
      <View className={`chart chart--empty ${props.className ?? ''}`}>
        <Text className="muted">{props.empty ?? '暂无数据'}</Text>
      </View>
    );
  }
  return (
    <View className={`chart ${drawn ? 'chart--drawn' : ''} ${props.className ?? ''}`}>
      <ChartCanvas id={id} />
    </View>
  );
}
