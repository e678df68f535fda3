// Range-query graphs with uPlot. Series are aligned on the query's step grid into typed
// arrays (NaN = gap), so 50 series x 10,000 points cost one pass over the samples.
import uPlot from 'uplot';
import { h, labelsText } from './dom.js';
import { alignMatrix } from './align.js';

const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
  '#7f7f7f', '#bcbd22', '#17becf'];

export function color(i, alpha = 1) {
  if (i < palette.length) {
    return alpha === 1 ? palette[i] : palette[i] + Math.round(alpha * 255).toString(16).padStart(2, '0');
  }
  return `hsla(${(i * 137.508) % 360}, 65%, 45%, ${alpha})`;
}

function formatValue(v) {
  if (v == null || Number.isNaN(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return String(+v.toFixed(4));
}

/**
 * Draws the graph into `parent` (replacing what was there) and returns
 * {plot, millis} where millis is the synchronous render time.
 */
export function drawGraph(parent, result, start, end, step, stacked, onZoom) {
  const t0 = performance.now();
  parent.replaceChildren();
  const data = alignMatrix(result, start, end, step, stacked);
  const width = Math.max(300, parent.clientWidth || 900);
  // (the .graph box has no padding, so the plot fills it exactly)
  const many = result.length > 20;
  const series = [{}];
  result.forEach((s, i) => {
    const c = color(i);
    series.push({
      label: labelsText(s.metric),
      stroke: c,
      width: 1,
      fill: stacked ? color(i, 0.35) : undefined,
      points: { show: false },
      spanGaps: false,
      value: (u, v) => formatValue(v),
    });
  });
  const opts = {
    width,
    height: 360,
    series,
    // The x axis spans the whole queried window, even where there is no data.
    scales: { x: { time: true, range: () => [start, end] } },
    axes: [{}, { size: 70, values: (u, vals) => vals.map(formatValue) }],
    legend: { show: !many, live: true },
    cursor: { points: { show: !many }, focus: { prox: 16 }, drag: { x: true, y: false, setScale: !onZoom } },
    focus: { alpha: 0.3 },
    // Dragging across the graph zooms: the panel's range and end time follow the selection.
    select: { show: true },
    hooks: onZoom ? {
      setSelect: [(u) => {
        if (u.select.width < 5) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
        onZoom(from * 1000, to * 1000);
      }],
    } : {},
  };
  const plot = new uPlot(opts, data, parent);
  // Follow the panel's width (window resizes); the observer goes when the graph is replaced.
  if (window.ResizeObserver) {
    let last = width;
    const ro = new ResizeObserver(() => {
      if (!parent.isConnected) { ro.disconnect(); return; }
      const w = Math.max(300, parent.clientWidth);
      if (w !== last) { last = w; plot.setSize({ width: w, height: 360 }); }
    });
    ro.observe(parent);
  }
  if (many) parent.append(legend(result));
  const millis = performance.now() - t0;
  return { plot, millis, points: data[0].length, series: result.length };
}

// With many series uPlot's live legend costs too much per mouse move: a static legend instead.
function legend(result) {
  const max = 200;
  return h('ul.legend', result.slice(0, max).map((s, i) => {
    const sw = h('span.swatch');
    sw.style.background = color(i);
    return h('li', sw, labelsText(s.metric));
  }), result.length > max ? h('li.muted', `… and ${result.length - max} more series`) : null);
}
