// Query panel state <-> URL, in Prometheus 3's parameters (g0.expr, g0.tab, g0.range_input,
// g0.end_input, g0.moment_input, g0.display_mode, g0.res_type, g0.res_step) and the 2.x ones.
import { parseDuration, formatDuration } from './dom.js';

/** Parses an end/moment time in the URL: Prometheus's "YYYY-MM-DD HH:mm:ss" (UTC), ISO, or epoch seconds. */
export function parseTime(s) {
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return parseFloat(s) * 1000;
  const iso = s.includes('T') ? s : s.replace(' ', 'T');
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + 'Z');
  return Number.isNaN(t) ? null : t;
}

export function formatTime(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Panel state from URL parameters (both Prometheus 3 names and the older 2.x ones). */
export function panelsFromUrl(search) {
  const p = new URLSearchParams(search);
  const panels = [];
  for (let i = 0; i < 64; i++) {
    const g = (k) => p.get(`g${i}.${k}`);
    if (g('expr') === null && g('tab') === null) {
      if (i > 0) break;
      continue;
    }
    const tab = g('tab');
    const displayMode = g('display_mode') || (g('stacked') === '1' ? 'stacked' : 'lines');
    const step = g('res_step') || g('step_input');
    panels.push({
      expr: g('expr') || '',
      // 2.x used tab=0 for graph and tab=1 for table.
      tab: tab === 'graph' || tab === '0' ? 'graph' : 'table',
      range: parseDuration(g('range_input') || '') || 3600e3,
      end: parseTime(g('end_input')),
      moment: parseTime(g('moment_input')),
      displayMode: displayMode === 'stacked' ? 'stacked' : 'lines',
      step: step ? parseFloat(step) : null,
    });
  }
  return panels.length ? panels : [newPanelState()];
}

export function panelsToUrl(panels) {
  const p = new URLSearchParams();
  panels.forEach((s, i) => {
    p.set(`g${i}.expr`, s.expr);
    p.set(`g${i}.show_tree`, '0');
    p.set(`g${i}.tab`, s.tab);
    p.set(`g${i}.range_input`, formatDuration(s.range));
    if (s.end) p.set(`g${i}.end_input`, formatTime(s.end));
    if (s.moment) p.set(`g${i}.moment_input`, formatTime(s.moment));
    p.set(`g${i}.res_type`, s.step ? 'fixed' : 'auto');
    if (s.step) p.set(`g${i}.res_step`, String(s.step));
    p.set(`g${i}.display_mode`, s.displayMode);
  });
  return p.toString();
}

export function newPanelState() {
  return { expr: '', tab: 'table', range: 3600e3, end: null, moment: null, displayMode: 'lines', step: null };
}

/** Auto resolution like Prometheus's "medium" density: about 250 points, at least 1 s. */
export function autoStep(rangeMs) {
  return Math.max(Math.floor(rangeMs / 250 / 1000), 1);
}

