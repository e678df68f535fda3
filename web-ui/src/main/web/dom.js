// Small DOM and API helpers. Elements are built with the DOM API only (no innerHTML, no
// inline styles in markup), which keeps the page within a strict Content-Security-Policy.

/** h('div.cls', {onclick, title}, child, ...) builds an element; strings become text nodes. */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** An endpoint this server does not have (yet): the page says so instead of failing. */
export class MissingEndpoint extends Error {}

/** GET an /api/v1 path and return its `data`, or throw with the server's error text. */
export async function api(path, params, signal) {
  const qs = params ? new URLSearchParams(params).toString() : '';
  // Long expressions go as a form POST (as Prometheus's UI does) to stay under URL limits.
  const post = qs.length > 1500;
  const init = { headers: { Accept: 'application/json' }, signal };
  if (post) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
    init.body = qs;
  }
  let res;
  try {
    res = await fetch('/api/v1/' + path + (qs && !post ? '?' + qs : ''), init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Error('Cannot reach the server: ' + e.message);
  }
  if (res.status === 404 || res.status === 405) {
    throw new MissingEndpoint(`/api/v1/${path} is not available on this server (HTTP ${res.status}).`);
  }
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new Error(`HTTP ${res.status}: the answer is not JSON`);
  }
  if (body.status !== 'success') {
    throw new Error(body.error ? `${body.errorType || 'error'}: ${body.error}` : `HTTP ${res.status}`);
  }
  if (body.warnings && body.warnings.length) body.data.__warnings = body.warnings;
  return body.data;
}

/** Shows an error (or a missing endpoint) in place of a page section. */
export function errorBox(e) {
  if (e instanceof MissingEndpoint) return h('div.alert.info', e.message);
  return h('div.alert.error', e.message || String(e));
}

export function labelsText(labels) {
  const name = labels.__name__ || '';
  const rest = Object.keys(labels).filter((k) => k !== '__name__').sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return rest.length || !name ? `${name}{${rest.join(', ')}}` : name;
}

/** Renders labels as chips, as Prometheus's pages do. */
export function labelChips(labels) {
  return h('span.chips', Object.keys(labels || {}).sort().map((k) => h('span.chip', `${k}="${labels[k]}"`)));
}

export function ago(iso) {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (!t || t < 1000) return 'never';
  const s = (Date.now() - t) / 1000;
  if (s < 0) return 'just now';
  if (s < 60) return `${s.toFixed(1)}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${Math.floor(s % 60)}s ago`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ago`;
}

export function healthBadge(health) {
  const cls = { up: 'ok', ok: 'ok', down: 'bad', err: 'bad', unknown: 'warn', firing: 'bad', pending: 'warn', inactive: 'ok' }[health] || 'warn';
  return h(`span.badge.${cls}`, health || 'unknown');
}

/** Parses Prometheus durations (1h30m, 5m, 90s, 1d, 2w, 1y, 250ms) into milliseconds. */
export function parseDuration(s) {
  if (!s) return null;
  const re = /(\d+(?:\.\d+)?)(ms|y|w|d|h|m|s)/g;
  const mult = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, y: 31536e6 };
  let total = 0, pos = 0, m;
  while ((m = re.exec(s)) !== null) {
    if (m.index !== pos) return null;
    total += parseFloat(m[1]) * mult[m[2]];
    pos = re.lastIndex;
  }
  return pos === s.length && total > 0 ? total : null;
}

export function formatDuration(ms) {
  const parts = [];
  for (const [u, v] of [['y', 31536e6], ['w', 6048e5], ['d', 864e5], ['h', 36e5], ['m', 6e4], ['s', 1e3], ['ms', 1]]) {
    if (ms >= v) {
      parts.push(Math.floor(ms / v) + u);
      ms %= v;
    }
  }
  return parts.join('') || '0s';
}
