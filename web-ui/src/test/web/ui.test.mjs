// Unit tests of the UI's pure logic (node --test; run by Maven in the test phase).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, formatDuration, labelsText } from '../../main/web/dom.js';
import { panelsFromUrl, panelsToUrl, parseTime, autoStep } from '../../main/web/urlstate.js';
import { alignMatrix } from '../../main/web/align.js';

test('durations parse and print as Prometheus writes them', () => {
  for (const [text, ms] of [['1h', 3600e3], ['5m', 300e3], ['1h30m', 5400e3], ['2h46m39s', 9999e3], ['250ms', 250], ['1d', 864e5], ['2w', 2 * 6048e5]]) {
    assert.equal(parseDuration(text), ms, text);
    assert.equal(formatDuration(ms), text === '1d' ? '1d' : text);
  }
  for (const bad of ['', 'h', '5', '5x', '1h foo']) assert.equal(parseDuration(bad), null, bad);
});

test('labels print like PromQL selectors', () => {
  assert.equal(labelsText({ __name__: 'up', job: 'a', instance: 'x:1' }), 'up{instance="x:1", job="a"}');
  assert.equal(labelsText({ __name__: 'up' }), 'up');
  assert.equal(labelsText({}), '{}');
});

test('Prometheus 3 URLs restore every panel', () => {
  const p = panelsFromUrl('?g0.expr=up&g0.tab=graph&g0.range_input=1h&g0.display_mode=stacked&g0.res_type=fixed&g0.res_step=15'
    + '&g1.expr=sum(rate(x%5B5m%5D))&g1.tab=table&g1.moment_input=2024-05-01%2012%3A00%3A00');
  assert.equal(p.length, 2);
  assert.deepEqual(p[0], { expr: 'up', tab: 'graph', range: 3600e3, end: null, moment: null, displayMode: 'stacked', step: 15 });
  assert.equal(p[1].expr, 'sum(rate(x[5m]))');
  assert.equal(p[1].tab, 'table');
  assert.equal(p[1].moment, Date.UTC(2024, 4, 1, 12));
});

test('Prometheus 2 URLs (tab=0 is the graph, stacked=1, step_input) still work', () => {
  const [p] = panelsFromUrl('?g0.expr=up&g0.tab=0&g0.stacked=1&g0.range_input=30m&g0.step_input=5');
  assert.equal(p.tab, 'graph');
  assert.equal(p.displayMode, 'stacked');
  assert.equal(p.range, 1800e3);
  assert.equal(p.step, 5);
  assert.equal(panelsFromUrl('?g0.expr=up&g0.tab=1')[0].tab, 'table');
});

test('state round-trips through the URL', () => {
  const state = [{ expr: 'rate(a[1m])', tab: 'graph', range: 7200e3, end: Date.UTC(2025, 0, 2, 3, 4, 5), moment: null, displayMode: 'lines', step: null }];
  const qs = panelsToUrl(state);
  assert.match(qs, /g0\.range_input=2h/);
  assert.match(qs, /g0\.end_input=2025-01-02\+03%3A04%3A05/);
  assert.deepEqual(panelsFromUrl('?' + qs), state);
});

test('an empty URL gives one empty table panel', () => {
  const p = panelsFromUrl('');
  assert.equal(p.length, 1);
  assert.equal(p[0].expr, '');
  assert.equal(p[0].tab, 'table');
});

test('times: epoch seconds, ISO, and the UI format (UTC)', () => {
  assert.equal(parseTime('1700000000'), 1700000000e3);
  assert.equal(parseTime('2024-05-01T12:00:00Z'), Date.UTC(2024, 4, 1, 12));
  assert.equal(parseTime('2024-05-01 12:00:00'), Date.UTC(2024, 4, 1, 12));
  assert.equal(parseTime('nonsense'), null);
});

test('auto resolution is about 250 points and at least 1s', () => {
  assert.equal(autoStep(3600e3), 14);
  assert.equal(autoStep(60e3), 1);
});

test('matrix aligns on the step grid with gaps, and stacks', () => {
  const result = [
    { metric: { a: '1' }, values: [[100, '1'], [110, '2']] },
    { metric: { a: '2' }, values: [[105, '10'], [110, '20']] },
  ];
  const [xs, s1, s2] = alignMatrix(result, 100, 110, 5, false);
  assert.deepEqual(Array.from(xs), [100, 105, 110]);
  assert.deepEqual(s1, [1, null, 2]);
  assert.deepEqual(s2, [null, 10, 20]);
  const [, t1, t2] = alignMatrix(result, 100, 110, 5, true);
  assert.deepEqual(t1, [1, null, 2]);
  assert.deepEqual(t2, [null, 10, 22]);
});

// Speed is measured in the browser test (UiIT prints the draw time), not asserted here: a timed
// assertion fails on a busy machine without saying anything about the code.
test('50 series x 10,000 points align into 51 full columns', () => {
  const n = 10000;
  const result = Array.from({ length: 50 }, (_, k) => ({ metric: { k: String(k) }, values: Array.from({ length: n }, (_, i) => [i, String(Math.sin(i / 100) + k)]) }));
  const cols = alignMatrix(result, 0, n - 1, 1, true);
  assert.equal(cols.length, 51);
  assert.equal(cols[0].length, n);
  let top = 0;
  for (let k = 0; k < 50; k++) top += parseFloat(String(Math.sin((n - 1) / 100) + k));
  assert.equal(cols[50][n - 1], top, 'stacked: the last series sits on the sum of all');
});
