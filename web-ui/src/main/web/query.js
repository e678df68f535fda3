// The Query page: several panels, each an editor with a table (instant) and a graph (range)
// view. The URL holds every panel's state in Prometheus 3's parameters (g0.expr, g0.tab,
// g0.range_input, g0.end_input, g0.moment_input, g0.display_mode, g0.res_type, g0.res_step).
import { h, api, errorBox, labelsText, parseDuration, formatDuration } from './dom.js';
import { parseTime, formatTime, panelsFromUrl, panelsToUrl, newPanelState, autoStep } from './urlstate.js';
import { createEditor } from './editor.js';
import { drawGraph } from './graph.js';

const HISTORY_KEY = 'pharos.queryHistory';
const HISTORY_MAX = 50;

function loadHistory() {
  try {
    return JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
  } catch (e) {
    return [];
  }
}

function remember(expr) {
  const list = [expr, ...loadHistory().filter((e) => e !== expr)].slice(0, HISTORY_MAX);
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list)); } catch (e) { /* private mode */ }
}

export function renderQueryPage(main) {
  const panels = [];
  const list = h('div.panels');
  const syncUrl = () => {
    const qs = panelsToUrl(panels.map((p) => p.state));
    history.replaceState(null, '', '/query?' + qs);
  };
  const add = (state) => {
    const panel = createPanel(state, syncUrl, () => {
      panels.splice(panels.indexOf(panel), 1);
      panel.el.remove();
      syncUrl();
    });
    panels.push(panel);
    list.append(panel.el);
    return panel;
  };
  main.replaceChildren(
    h('div.page-head', h('h1', 'Query')),
    list,
    h('button.btn.add-panel', { type: 'button', onclick: () => { add(newPanelState()).focus(); syncUrl(); } }, '+ Add query'),
  );
  // Leaving the page (client-side navigation) releases the graphs' and editors' listeners.
  window.addEventListener('pharos:leave', () => panels.forEach((p) => p.dispose()), { once: true });
  for (const s of panelsFromUrl(location.search)) add(s);
  syncUrl();
  panels.forEach((p) => { if (p.state.expr) p.execute(); });
  if (panels[0] && !panels[0].state.expr) panels[0].focus();
}

function createPanel(state, syncUrl, onRemove) {
  let abort = null;
  let plot = null;
  // uPlot listens on window until destroyed: every replacement of the output goes through here.
  const show = (...nodes) => {
    if (plot) {
      plot.destroy();
      plot = null;
    }
    output.replaceChildren(...nodes);
  };
  const editorBox = h('div.editor');
  const status = h('div.stats.muted');
  const output = h('div.output');
  const exec = h('button.btn.primary', { type: 'button', 'data-testid': 'execute', onclick: () => execute() }, 'Execute');
  const historySelect = h('select.history', { title: 'Query history', onchange: (e) => {
    if (e.target.value) {
      editor.value = e.target.value;
      e.target.value = '';
      execute();
    }
  } });
  const fillHistory = () => {
    historySelect.replaceChildren(h('option', { value: '' }, 'History…'),
      ...loadHistory().map((q) => h('option', { value: q }, q.length > 80 ? q.slice(0, 80) + '…' : q)));
  };
  historySelect.addEventListener('focus', fillHistory);
  fillHistory();

  const tabTable = h('button.tab', { type: 'button', 'data-tab': 'table', onclick: () => setTab('table') }, 'Table');
  const tabGraph = h('button.tab', { type: 'button', 'data-tab': 'graph', onclick: () => setTab('graph') }, 'Graph');

  // Table controls: evaluation time.
  const momentInput = h('input.time', { type: 'text', placeholder: 'Evaluation time (now)', value: state.moment ? formatTime(state.moment) : '',
    title: 'YYYY-MM-DD HH:mm:ss (UTC); empty = now', onchange: (e) => { state.moment = parseTime(e.target.value); syncUrl(); execute(); } });
  const tableControls = h('div.controls', h('label', 'Evaluation time ', momentInput));

  // Graph controls: range, end time, resolution, stacking.
  const rangeInput = h('input.range', { type: 'text', value: formatDuration(state.range), size: 6, title: 'Range, e.g. 1h, 30m, 2d',
    onchange: (e) => { const r = parseDuration(e.target.value); if (r) { state.range = r; } e.target.value = formatDuration(state.range); syncUrl(); execute(); } });
  const steps = [60e3, 5 * 60e3, 15 * 60e3, 30 * 60e3, 3600e3, 2 * 3600e3, 6 * 3600e3, 12 * 3600e3, 864e5, 2 * 864e5, 7 * 864e5, 14 * 864e5, 28 * 864e5, 56 * 864e5, 365 * 864e5];
  const zoom = (dir) => {
    const next = dir < 0 ? [...steps].reverse().find((x) => x < state.range) : steps.find((x) => x > state.range);
    state.range = next || state.range;
    rangeInput.value = formatDuration(state.range);
    syncUrl();
    execute();
  };
  const endInput = h('input.time', { type: 'text', placeholder: 'End time (now)', value: state.end ? formatTime(state.end) : '',
    title: 'YYYY-MM-DD HH:mm:ss (UTC); empty = now', onchange: (e) => { state.end = parseTime(e.target.value); syncUrl(); execute(); } });
  const stepInput = h('input.step', { type: 'text', placeholder: 'auto', size: 6, value: state.step || '', title: 'Resolution: step in seconds (empty = auto)',
    onchange: (e) => { const v = parseFloat(e.target.value); state.step = v > 0 ? v : null; e.target.value = state.step || ''; syncUrl(); execute(); } });
  const stackedBox = h('input', { type: 'checkbox', checked: state.displayMode === 'stacked',
    onchange: (e) => { state.displayMode = e.target.checked ? 'stacked' : 'lines'; syncUrl(); execute(); } });
  const graphControls = h('div.controls',
    h('span.group', h('button.btn.small', { type: 'button', title: 'Shorter range', onclick: () => zoom(-1) }, '−'), rangeInput,
      h('button.btn.small', { type: 'button', title: 'Longer range', onclick: () => zoom(1) }, '+')),
    h('label', 'End ', endInput),
    h('label', 'Step (s) ', stepInput),
    h('label.check', stackedBox, ' Stacked'));

  const el = h('section.panel',
    h('div.query-row', editorBox, exec),
    h('div.tabs', tabTable, tabGraph, historySelect, h('span.spacer'),
      h('button.btn.small.remove', { type: 'button', title: 'Remove query', onclick: () => { if (abort) abort.abort(); show(); onRemove(); } }, '✕')),
    tableControls, graphControls, status, output);

  const editor = createEditor(editorBox, state.expr, () => execute(), (v) => { state.expr = v; syncUrl(); });

  function setTab(tab) {
    state.tab = tab;
    tabTable.classList.toggle('active', tab === 'table');
    tabGraph.classList.toggle('active', tab === 'graph');
    tableControls.hidden = tab !== 'table';
    graphControls.hidden = tab !== 'graph';
    syncUrl();
    execute();
  }

  async function execute() {
    const expr = editor.value.trim();
    state.expr = expr;
    if (abort) abort.abort();
    if (!expr) {
      show();
      status.textContent = '';
      return;
    }
    remember(expr);
    abort = new AbortController();
    const signal = abort.signal;
    const started = performance.now();
    status.textContent = 'Loading…';
    el.classList.add('loading');
    try {
      if (state.tab === 'table') {
        const params = { query: expr };
        if (state.moment) params.time = state.moment / 1000;
        const data = await api('query', params, signal);
        const took = performance.now() - started;
        show(renderTable(data));
        status.textContent = `Load time: ${took.toFixed(0)} ms · Result series: ${resultCount(data)}`;
      } else {
        const end = (state.end || Date.now()) / 1000;
        const step = state.step || autoStep(state.range);
        const start = end - state.range / 1000;
        // Align to the step grid, as Prometheus's UI does, so refreshes reuse the same timestamps.
        const alignedEnd = Math.floor(end / step) * step;
        const alignedStart = Math.floor(start / step) * step;
        const data = await api('query_range', { query: expr, start: alignedStart, end: alignedEnd, step }, signal);
        const took = performance.now() - started;
        if (data.resultType !== 'matrix') {
          show(h('div.alert.error', `Graph needs a range vector result, got ${data.resultType}.`));
        } else if (!data.result.length) {
          show(h('div.alert.info', 'Empty query result'));
        } else {
          const box = h('div.graph', { 'data-testid': 'graph' });
          show(box);
          const r = drawGraph(box, data.result, alignedStart, alignedEnd, step, state.displayMode === 'stacked', (from, to) => {
            state.range = Math.max(1000, Math.round(to - from));
            state.end = Math.round(to);
            rangeInput.value = formatDuration(state.range);
            endInput.value = formatTime(state.end);
            syncUrl();
            execute();
          });
          plot = r.plot;
          window.__pharosLastRender = { points: r.points, series: r.series, ms: r.millis };
          status.textContent = `Load time: ${took.toFixed(0)} ms · Render: ${r.millis.toFixed(0)} ms · Resolution: ${step}s · Result series: ${r.series}`;
        }
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
      show(errorBox(e));
      status.textContent = '';
    } finally {
      el.classList.remove('loading');
    }
  }

  setTab(state.tab);
  const dispose = () => {
    if (abort) abort.abort();
    show();
    editor.view.destroy();
  };
  return { el, state, execute, dispose, focus: () => editor.focus() };
}

function resultCount(data) {
  return Array.isArray(data.result) ? data.result.length : 1;
}

const MAX_ROWS = 10000;

function renderTable(data) {
  const t = data.resultType;
  if (t === 'scalar' || t === 'string') {
    return h('table.data', h('tbody', h('tr', h('td', t), h('td.value', String(data.result[1])))));
  }
  if (!data.result.length) return h('div.alert.info', 'Empty query result');
  const rows = data.result.slice(0, MAX_ROWS).map((s) => {
    let value;
    if (t === 'vector') {
      value = s.value ? s.value[1] : (s.histogram ? 'native histogram' : '');
    } else {
      value = h('div.values', (s.values || []).map(([ts, v]) => h('div', `${v} @${ts}`)));
    }
    return h('tr', h('td.series', labelsText(s.metric)), h('td.value', value));
  });
  return h('div',
    data.result.length > MAX_ROWS ? h('div.alert.info', `Showing ${MAX_ROWS} of ${data.result.length} series.`) : null,
    data.__warnings ? h('div.alert.warn', data.__warnings.join('; ')) : null,
    h('table.data', { 'data-testid': 'table' }, h('tbody', rows)));
}
