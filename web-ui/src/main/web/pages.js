// The status pages: targets, service discovery, rules, alerts, configuration, flags,
// runtime & build information, TSDB status. Each fetches its /api/v1 endpoint(s) and
// shows a message instead of failing when an endpoint is absent.
import { h, api, errorBox, labelChips, ago, healthBadge } from './dom.js';

function head(title, ...extra) {
  return h('div.page-head', h('h1', title), ...extra);
}

function filterBox(placeholder, onInput) {
  return h('input.filter', { type: 'search', placeholder, oninput: (e) => onInput(e.target.value.toLowerCase()) });
}

function kvTable(obj, testid) {
  return h('table.data.kv', { 'data-testid': testid }, h('tbody', Object.keys(obj).map((k) =>
    h('tr', h('th', k), h('td', typeof obj[k] === 'object' ? JSON.stringify(obj[k]) : String(obj[k]))))));
}

function groupBy(items, key) {
  const m = new Map();
  for (const it of items) {
    const k = key(it);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(it);
  }
  return m;
}

async function load(main, title, fn, extraHead) {
  const body = h('div.page-body', h('p.muted', 'Loading…'));
  main.replaceChildren(head(title, ...(extraHead || [])), body);
  try {
    await fn(body);
  } catch (e) {
    body.replaceChildren(errorBox(e));
  }
}

export function targetsPage(main) {
  let data;
  let text = '';
  let onlyUnhealthy = false;
  let body;
  const draw = () => {
    const pools = groupBy(data.activeTargets || [], (t) => t.scrapePool);
    const sections = [];
    for (const [pool, targets] of [...pools].sort((a, b) => a[0].localeCompare(b[0]))) {
      const up = targets.filter((t) => t.health === 'up').length;
      const shown = targets.filter((t) => (!onlyUnhealthy || t.health !== 'up')
        && (!text || (t.scrapeUrl + JSON.stringify(t.labels)).toLowerCase().includes(text)));
      if (!shown.length) continue;
      sections.push(h('details.pool', { open: true, 'data-testid': 'scrape-pool' },
        h('summary', h('span.pool-name', pool), h(`span.badge.${up === targets.length ? 'ok' : 'bad'}`, `${up} / ${targets.length} up`)),
        h('table.data.targets', h('thead', h('tr', h('th', 'Endpoint'), h('th', 'Labels'), h('th', 'Last scrape'), h('th', 'State'))),
          h('tbody', shown.map((t) => h('tr',
            h('td', h('a', { href: t.globalUrl || t.scrapeUrl, rel: 'noreferrer' }, t.scrapeUrl)),
            h('td', h('details.relabel', h('summary', labelChips(t.labels)),
              h('div.muted', 'Discovered labels (before relabeling):'), labelChips(t.discoveredLabels))),
            h('td', ago(t.lastScrape), h('div.muted', t.lastScrapeDuration != null ? `${(t.lastScrapeDuration * 1000).toFixed(1)} ms` : ''),
              h('div.muted', `every ${t.scrapeInterval || '?'}, timeout ${t.scrapeTimeout || '?'}`)),
            h('td', healthBadge(t.health), t.lastError ? h('div.error-text', t.lastError) : null)))))));
    }
    body.replaceChildren(sections.length ? h('div', sections) : h('div.alert.info', 'No targets.'));
  };
  const unhealthy = h('label.check', h('input', { type: 'checkbox', onchange: (e) => { onlyUnhealthy = e.target.checked; if (data) draw(); } }), ' Unhealthy only');
  return load(main, 'Targets', async (b) => {
    body = b;
    data = await api('targets');
    draw();
  }, [filterBox('Filter by endpoint or labels', (v) => { text = v; if (data) draw(); }), unhealthy]);
}

export function serviceDiscoveryPage(main) {
  return load(main, 'Service discovery', async (body) => {
    const data = await api('targets');
    const all = [...(data.activeTargets || []).map((t) => ({ ...t, active: true })),
      ...(data.droppedTargets || []).map((t) => ({ ...t, active: false }))];
    const pools = groupBy(all, (t) => t.scrapePool || t.discoveredLabels?.job || '(unknown)');
    const counts = data.droppedTargetCounts || {};
    body.replaceChildren(h('div', [...pools].sort((a, b) => a[0].localeCompare(b[0])).map(([pool, ts]) => {
      const active = ts.filter((t) => t.active).length;
      const dropped = counts[pool] != null ? counts[pool] : ts.length - active;
      return h('details.pool', { open: true },
        h('summary', h('span.pool-name', pool), h('span.muted', ` ${active} active / ${active + dropped} discovered`)),
        h('table.data', h('thead', h('tr', h('th', 'Discovered labels'), h('th', 'Target labels'))),
          h('tbody', ts.map((t) => h('tr', h('td', labelChips(t.discoveredLabels)),
            h('td', t.active ? labelChips(t.labels) : h('span.badge.warn', 'dropped')))))));
    })));
  });
}

function ruleRow(r) {
  const def = [h('div', h('span.kw', r.type === 'alerting' ? 'alert: ' : 'record: '), h('strong', r.name)),
    h('div', h('span.kw', 'expr: '), h('a', { href: '/query?' + new URLSearchParams({ 'g0.expr': r.query, 'g0.tab': 'table' }) }, h('code', r.query)))];
  if (r.duration) def.push(h('div', h('span.kw', 'for: '), `${r.duration}s`));
  if (r.labels && Object.keys(r.labels).length) def.push(h('div', h('span.kw', 'labels: '), labelChips(r.labels)));
  if (r.annotations && Object.keys(r.annotations).length) {
    def.push(h('div', h('span.kw', 'annotations: '), h('dl.annotations', Object.entries(r.annotations).map(([k, v]) => [h('dt', k), h('dd', v)]))));
  }
  return h('tr', h('td', def),
    h('td', healthBadge(r.health), r.lastError ? h('div.error-text', r.lastError) : null),
    h('td', ago(r.lastEvaluation), h('div.muted', r.evaluationTime != null ? `took ${(r.evaluationTime * 1000).toFixed(2)} ms` : '')));
}

export function rulesPage(main) {
  return load(main, 'Rules', async (body) => {
    const data = await api('rules');
    const groups = data.groups || [];
    if (!groups.length) {
      body.replaceChildren(h('div.alert.info', 'No rule groups configured.'));
      return;
    }
    body.replaceChildren(h('div', groups.map((g) => h('details.pool', { open: true, 'data-testid': 'rule-group' },
      h('summary', h('span.pool-name', g.name), h('span.muted', ` ${g.file || ''} · every ${g.interval}s · last evaluation ${ago(g.lastEvaluation)}`)),
      h('table.data', h('thead', h('tr', h('th', 'Rule'), h('th', 'Health'), h('th', 'Last evaluation'))),
        h('tbody', (g.rules || []).map(ruleRow)))))));
  });
}

export function alertsPage(main) {
  return load(main, 'Alerts', async (body) => {
    let groups;
    try {
      groups = (await api('rules', { type: 'alert' })).groups || [];
    } catch (e) {
      // Without the rules endpoint, the active alerts alone still say what fires.
      const alerts = (await api('alerts')).alerts || [];
      body.replaceChildren(alerts.length ? alertInstances(alerts) : h('div.alert.info', 'No active alerts.'));
      return;
    }
    const rules = groups.flatMap((g) => (g.rules || []).filter((r) => r.type === 'alerting').map((r) => ({ ...r, group: g.name })));
    if (!rules.length) {
      body.replaceChildren(h('div.alert.info', 'No alerting rules configured.'));
      return;
    }
    const count = (s) => rules.filter((r) => r.state === s).length;
    body.replaceChildren(
      h('p', healthBadge('firing'), ` ${count('firing')}  `, healthBadge('pending'), ` ${count('pending')}  `, healthBadge('inactive'), ` ${count('inactive')}`),
      h('div', rules.map((r) => h(`details.pool.alert-${r.state}`, { open: r.state !== 'inactive', 'data-testid': 'alert-rule' },
        h('summary', healthBadge(r.state), h('span.pool-name', ` ${r.name}`), h('span.muted', ` ${r.group} · ${(r.alerts || []).length} active`)),
        h('table.data', h('tbody', ruleRow(r))),
        (r.alerts || []).length ? alertInstances(r.alerts) : null))));
  });
}

function alertInstances(alerts) {
  return h('table.data', h('thead', h('tr', h('th', 'Labels'), h('th', 'State'), h('th', 'Active since'), h('th', 'Value'), h('th', 'Annotations'))),
    h('tbody', alerts.map((a) => h('tr', h('td', labelChips(a.labels)), h('td', healthBadge(a.state)), h('td', a.activeAt ? `${a.activeAt} (${ago(a.activeAt)})` : ''),
      h('td', a.value), h('td', h('dl.annotations', Object.entries(a.annotations || {}).map(([k, v]) => [h('dt', k), h('dd', v)])))))));
}

export function configPage(main) {
  return load(main, 'Configuration', async (body) => {
    const data = await api('status/config');
    const pre = h('pre.yaml', { 'data-testid': 'config' }, data.yaml);
    const copy = h('button.btn.small', { type: 'button', onclick: () => navigator.clipboard && navigator.clipboard.writeText(data.yaml) }, 'Copy to clipboard');
    body.replaceChildren(copy, pre);
  });
}

export function flagsPage(main) {
  let flags;
  let body;
  const draw = (text) => {
    const shown = {};
    for (const k of Object.keys(flags).sort()) if (!text || (k + flags[k]).toLowerCase().includes(text)) shown[k] = flags[k];
    body.replaceChildren(kvTable(shown, 'flags'));
  };
  return load(main, 'Command-line flags', async (b) => {
    body = b;
    flags = await api('status/flags');
    draw('');
  }, [filterBox('Filter by flag name or value', (v) => { if (flags) draw(v); })]);
}

export function statusPage(main) {
  return load(main, 'Runtime & build information', async (body) => {
    const parts = [];
    for (const [title, path] of [['Runtime information', 'status/runtimeinfo'], ['Build information', 'status/buildinfo']]) {
      let content;
      try {
        content = kvTable(await api(path), path.replace('/', '-'));
      } catch (e) {
        content = errorBox(e);
      }
      parts.push(h('h2', title), content);
    }
    body.replaceChildren(...parts);
  });
}

function topTable(title, rows, valueName) {
  return [h('h2', title), rows && rows.length
    ? h('table.data', h('thead', h('tr', h('th', 'Name'), h('th.num', valueName))),
      h('tbody', rows.map((r) => h('tr', h('td', r.name), h('td.num', String(r.value))))))
    : h('p.muted', 'No data.')];
}

export function tsdbStatusPage(main) {
  return load(main, 'TSDB status', async (body) => {
    const d = await api('status/tsdb');
    const hs = d.headStats || {};
    const time = (t) => (t && Number.isFinite(t) && Math.abs(t) < 1e15 ? new Date(t).toISOString() : String(t ?? ''));
    body.replaceChildren(
      h('h2', 'Head block'),
      kvTable({ 'Number of series': hs.numSeries, 'Number of chunks': hs.chunkCount, 'Number of label pairs': hs.numLabelPairs,
        'Current min time': time(hs.minTime), 'Current max time': time(hs.maxTime) }, 'head-stats'),
      ...topTable('Top 10 series count by metric names', d.seriesCountByMetricName, 'Count'),
      ...topTable('Top 10 label names with value count', d.labelValueCountByLabelName, 'Count'),
      ...topTable('Top 10 label names with high memory usage', d.memoryInBytesByLabelName, 'Bytes'),
      ...topTable('Top 10 series count by label value pairs', d.seriesCountByLabelValuePair, 'Count'));
  });
}
