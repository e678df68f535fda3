// Aligns a range-query matrix on its step grid, as uPlot's column data.

/** Builds uPlot's column data from a matrix result on the [start, end] grid of `step` seconds. */
export function alignMatrix(result, start, end, step, stacked) {
  const n = Math.floor((end - start) / step + 1e-9) + 1;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = start + i * step;
  const cols = [xs];
  for (const s of result) {
    const ys = new Array(n).fill(null);
    for (const [t, v] of s.values || []) {
      const i = Math.round((t - start) / step);
      if (i >= 0 && i < n) ys[i] = parseFloat(v);
    }
    cols.push(ys);
  }
  if (stacked) {
    // Each series is drawn on top of the sum of the ones before it; gaps count as zero.
    const acc = new Float64Array(n);
    for (let k = 1; k < cols.length; k++) {
      const ys = cols[k];
      for (let i = 0; i < n; i++) {
        if (ys[i] !== null && Number.isFinite(ys[i])) {
          acc[i] += ys[i];
          ys[i] = acc[i];
        }
      }
    }
  }
  return cols;
}
