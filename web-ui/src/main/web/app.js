// Entry point: a tiny router over Prometheus 3's page paths.
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { h } from './dom.js';
import { renderQueryPage } from './query.js';
import { targetsPage, serviceDiscoveryPage, rulesPage, alertsPage, configPage, flagsPage, statusPage, tsdbStatusPage } from './pages.js';

const routes = {
  '/query': renderQueryPage,
  '/graph': renderQueryPage,
  '/alerts': alertsPage,
  '/rules': rulesPage,
  '/targets': targetsPage,
  '/service-discovery': serviceDiscoveryPage,
  '/config': configPage,
  '/flags': flagsPage,
  '/status': statusPage,
  '/tsdb-status': tsdbStatusPage,
};

const TITLES = { '/query': 'Query', '/graph': 'Query', '/alerts': 'Alerts', '/rules': 'Rules', '/targets': 'Targets',
  '/service-discovery': 'Service discovery', '/config': 'Configuration', '/flags': 'Flags', '/status': 'Status', '/tsdb-status': 'TSDB status' };

function route() {
  let path = location.pathname.replace(/\/+$/, '') || '/query';
  if (path === '/' || path === '/index.html') path = '/query';
  if (path === '/graph' || location.pathname !== path) history.replaceState(null, '', (path === '/graph' ? '/query' : path) + location.search);
  const main = document.getElementById('main');
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === (path === '/graph' ? '/query' : path));
  }
  window.dispatchEvent(new Event('pharos:leave'));
  const page = routes[path];
  document.title = `${TITLES[path] || 'Not found'} - Pharos`;
  if (!page) {
    main.replaceChildren(h('div.alert.error', `No page at ${path}.`));
    return;
  }
  page(main);
}

// Navigation between pages without reloading (the server answers every page path with index.html).
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !routes[url.pathname]) return;
  e.preventDefault();
  history.pushState(null, '', url.pathname + url.search);
  route();
});
window.addEventListener('popstate', route);
route();
