// Pharos Alertmanager UI: plain DOM, no external origins, no inline script. Views by URL hash:
// #/alerts?filter=..., #/silences, #/silences/new?matchers=..., #/silences/<id>/edit, #/status.
'use strict';


function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else if (k === 'className') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function call(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch('api/v2/' + path, opts);
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!r.ok) throw new Error(typeof data === 'string' ? data : (data && data.message) || r.statusText);
  return data;
}

function hashParams() {
  const h = location.hash.substring(1);
  const i = h.indexOf('?');
  return { path: i < 0 ? h : h.substring(0, i), params: new URLSearchParams(i < 0 ? '' : h.substring(i + 1)) };
}

function matcherText(m) {
  const op = m.isRegex ? (m.isEqual === false ? '!~' : '=~') : (m.isEqual === false ? '!=' : '=');
  return m.name + op + JSON.stringify(m.value);
}

function parseMatchers(text) {
  // name="value" or name=~"re", comma separated; the server validates further.
  const out = [];
  const re = /\s*([^\s=!~,{}]+)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^,]*)\s*,?/gy;
  const t = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  let m;
  while (re.lastIndex < t.length && (m = re.exec(t)) !== null) {
    let v = m[3].trim();
    if (v.startsWith('"')) v = JSON.parse(v);
    out.push({ name: m[1], value: v, isRegex: m[2].includes('~'), isEqual: !m[2].startsWith('!') });
  }
  return out;
}

function setActive(id) {
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.id === id);
}

async function alertsView(main, params) {
  setActive('nav-alerts');
  const filter = params.get('filter') || '';
  const input = el('input', { type: 'text', value: filter, placeholder: 'Filter: {alertname="Foo", severity=~"crit.*"}' });
  const silenced = el('input', { type: 'checkbox' });
  silenced.checked = params.get('silenced') === 'true';
  const inhibited = el('input', { type: 'checkbox' });
  inhibited.checked = params.get('inhibited') === 'true';
  const apply = () => {
    const p = new URLSearchParams();
    if (input.value.trim()) p.set('filter', input.value.trim());
    if (silenced.checked) p.set('silenced', 'true');
    if (inhibited.checked) p.set('inhibited', 'true');
    location.hash = '#/alerts?' + p.toString();
  };
  input.addEventListener('keydown', e => { if (e.key === 'Enter') apply(); });
  main.append(el('div', { className: 'row' }, input),
    el('div', { className: 'row' }, el('label', {}, silenced, ' Silenced '), el('label', {}, inhibited, ' Inhibited '),
      el('button', { onclick: apply }, 'Apply')));
  const q = new URLSearchParams();
  for (const m of parseMatchers(filter)) q.append('filter', matcherText(m));
  q.set('silenced', String(silenced.checked));
  q.set('inhibited', String(inhibited.checked));
  const groups = await call('GET', 'alerts/groups?' + q.toString());
  if (groups.length === 0) main.append(el('p', {}, 'No alert groups found'));
  for (const g of groups) {
    const title = Object.entries(g.labels).map(([k, v]) => k + '="' + v + '"').join(', ') || '(no grouping)';
    const box = el('div', { className: 'group' }, el('h3', {}, title, el('span', { className: 'small' }, '  receiver: ' + g.receiver.name)));
    for (const a of g.alerts) {
      const labels = Object.entries(a.labels).map(([k, v]) => el('span', {
        className: 'label', title: 'add to filter',
        onclick: () => { input.value = addToFilter(input.value, k, v); apply(); }
      }, k + '="' + v + '"'));
      const silenceMatchers = Object.entries(a.labels).map(([k, v]) => k + '=' + JSON.stringify(v)).join(', ');
      box.append(el('div', { className: 'alert state-' + a.status.state },
        el('div', { className: 'small' }, a.startsAt + '  ', a.status.state,
          a.status.silencedBy.length ? ' (silenced by ' + a.status.silencedBy.join(', ') + ')' : ''),
        el('div', {}, labels),
        Object.keys(a.annotations).length ? el('div', { className: 'small' },
          Object.entries(a.annotations).map(([k, v]) => k + ': ' + v).join(' | ')) : null,
        el('div', {}, a.generatorURL ? el('a', { href: a.generatorURL }, 'Source') : null, ' ',
          el('button', { onclick: () => { location.hash = '#/silences/new?matchers=' + encodeURIComponent(silenceMatchers); } }, 'Silence'))));
    }
    main.append(box);
  }
}

function addToFilter(current, k, v) {
  const ms = parseMatchers(current).filter(m => m.name !== k);
  ms.push({ name: k, value: v, isRegex: false, isEqual: true });
  return '{' + ms.map(matcherText).join(', ') + '}';
}

async function silencesView(main) {
  setActive('nav-silences');
  const silences = await call('GET', 'silences');
  const order = { active: 0, pending: 1, expired: 2 };
  silences.sort((a, b) => order[a.status.state] - order[b.status.state] || b.updatedAt.localeCompare(a.updatedAt));
  const table = el('table', {}, el('tr', {}, el('th', {}, 'State'), el('th', {}, 'Matchers'), el('th', {}, 'Ends'),
    el('th', {}, 'Created by / comment'), el('th', {}, '')));
  for (const s of silences) {
    table.append(el('tr', {}, el('td', {}, s.status.state),
      el('td', {}, s.matchers.map(m => el('span', { className: 'label' }, matcherText(m)))),
      el('td', { className: 'small' }, s.startsAt, el('br'), s.endsAt),
      el('td', {}, s.createdBy, el('br'), el('span', { className: 'small' }, s.comment)),
      el('td', {}, el('button', { onclick: () => { location.hash = '#/silences/' + s.id + '/edit'; } }, 'Edit'),
        s.status.state !== 'expired' ? el('button', {
          onclick: async () => {
            try { await call('DELETE', 'silence/' + s.id); route(); } catch (e) { alert(e.message); }
          }
        }, 'Expire') : null)));
  }
  main.append(silences.length ? table : el('p', {}, 'No silences'));
}

async function silenceForm(main, params, id) {
  setActive('nav-new');
  let s = null;
  if (id) s = await call('GET', 'silence/' + id);
  const now = new Date();
  const matchers = el('input', { type: 'text', value: s ? s.matchers.map(matcherText).join(', ') : (params.get('matchers') || '') });
  const starts = el('input', { type: 'text', value: s ? s.startsAt : now.toISOString() });
  const ends = el('input', { type: 'text', value: s ? s.endsAt : new Date(now.getTime() + 2 * 3600 * 1000).toISOString() });
  const createdBy = el('input', { type: 'text', value: s ? s.createdBy : (localStorage.getItem('pharos.am.creator') || '') });
  const comment = el('textarea', {}, s ? s.comment : '');
  const msg = el('div', { className: 'error' });
  const save = async () => {
    const body = {
      matchers: parseMatchers(matchers.value), startsAt: starts.value, endsAt: ends.value,
      createdBy: createdBy.value, comment: comment.value
    };
    if (id) body.id = id;
    try {
      localStorage.setItem('pharos.am.creator', createdBy.value);
      await call('POST', 'silences', body);
      location.hash = '#/silences';
    } catch (e) { msg.textContent = e.message; }
  };
  main.append(el('h2', {}, id ? 'Edit silence ' + id : 'New silence'),
    el('div', { className: 'row' }, 'Matchers', matchers),
    el('div', { className: 'row' }, 'Starts at', starts),
    el('div', { className: 'row' }, 'Ends at', ends),
    el('div', { className: 'row' }, 'Created by', createdBy),
    el('div', { className: 'row' }, 'Comment', comment),
    el('button', { onclick: save }, id ? 'Update' : 'Create'), msg);
}

async function statusView(main) {
  setActive('nav-status');
  const s = await call('GET', 'status');
  main.append(el('h2', {}, 'Status'),
    el('table', {},
      el('tr', {}, el('th', {}, 'Uptime'), el('td', {}, s.uptime)),
      el('tr', {}, el('th', {}, 'Cluster'), el('td', {}, s.cluster.status)),
      el('tr', {}, el('th', {}, 'Version'), el('td', {}, JSON.stringify(s.versionInfo)))),
    el('h2', {}, 'Config'), el('pre', {}, s.config.original));
}

async function route() {
  const main = document.getElementById('main');
  main.textContent = '';
  const { path, params } = hashParams();
  try {
    let m;
    if (path === '/silences') await silencesView(main);
    else if (path === '/silences/new') await silenceForm(main, params, null);
    else if ((m = path.match(/^\/silences\/([^/]+)\/edit$/))) await silenceForm(main, params, m[1]);
    else if (path === '/status') await statusView(main);
    else await alertsView(main, params);
  } catch (e) {
    main.append(el('div', { className: 'error' }, e.message));
  }
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', route);
