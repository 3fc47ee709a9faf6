// Compare 2-10 runs ("/compare?runs=a,b"): every metric any of them has, overlaid with one colour per run, and a
// params table that highlights the rows whose values differ.
'use strict';
(() => {
  const { h, clear, api, enc } = Obs;
  const main = document.getElementById('main');
  const ids = document.body.dataset.runs.split(',');

  async function page() {
    const runs = await Promise.all(ids.map((id) => api('/api/v1/runs/' + enc(id)).catch((e) => {
      if (e.status === 404) throw Object.assign(new Error('There is no run with id “' + id + '”.'), { missing: true });
      throw e;
    })));
    const summaries = await Promise.all(ids.map((id) => api('/api/v1/runs/' + enc(id) + '/metrics')));
    const projects = [...new Set(runs.map((r) => r.project))];
    Obs.crumbs(['Projects', '/'], projects.length === 1 ? [projects[0], '/projects/' + enc(projects[0])] : null,
      ['Compare ' + runs.length + ' runs']);
    document.title = 'Compare ' + runs.length + ' runs · Observatory';
    const legend = h('ul', { class: 'legend-list', 'aria-label': 'Runs' }, runs.map((r, i) => {
      const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      sw.style.background = Charts.PALETTE[i % Charts.PALETTE.length];
      return h('li', {}, sw, h('a', { href: '/runs/' + enc(r.id), text: r.name }), ' ', Obs.status(r.status));
    }));
    const keys = [...new Set(summaries.flatMap((s) => s.metrics.map((m) => m.key)))].sort();
    const chartsSection = h('section', { 'aria-labelledby': 'charts-title' },
      h('h2', { id: 'charts-title', text: 'Metrics (' + keys.length + ')' }), Charts.controls());
    clear(main, h('div', { class: 'page-head' }, h('h1', { text: 'Compare ' + runs.length + ' runs' })), legend,
      paramsDiff(runs), chartsSection);
    Charts.expect(keys.length);
    const made = [];
    for (const [group, groupKeys] of Charts.groups(keys)) {
      const grid = h('div', { class: 'chart-grid' });
      chartsSection.append(h('h3', { class: 'group', text: group + '/' }), grid);
      for (const key of groupKeys) {
        const having = runs.filter((r, i) => summaries[i].metrics.some((m) => m.key === key)).length;
        const el = h('div', { class: 'chart', role: 'img', 'aria-label': 'Line chart of ' + key + ' for ' + having
          + ' of the compared runs' });
        grid.append(h('article', { class: 'chart-card', 'data-key': key }, h('header', {},
          h('h3', { title: key, text: key }), h('span', { class: 'last', text: having + ' of ' + runs.length + ' runs' })),
        el));
        made.push(new Charts.MetricChart(el, key, runs.map((r) => ({ runId: r.id, label: r.name }))));
      }
    }
    made.forEach((c) => c.load().catch((e) => Obs.append(c.el, h('p', { class: 'error', text: e.message }))));
  }

  function paramsDiff(runs) {
    const flat = runs.map((r) => Obs.flatten(r.params));
    const paths = [];
    const seen = new Set();
    for (const f of flat) for (const p of Object.keys(f)) if (!seen.has(p)) { seen.add(p); paths.push(p); }
    const text = (f, p) => (p in f ? (f[p] === null ? 'null' : String(f[p])) : '—');
    const differs = (p) => new Set(flat.map((f) => text(f, p))).size > 1;
    const nDiff = paths.filter(differs).length;
    const only = h('input', { type: 'checkbox', id: 'only-diff', checked: true, onchange: () => {
      body.querySelectorAll('tr').forEach((tr) => { tr.hidden = only.checked && !tr.classList.contains('differs'); });
    } });
    const body = h('tbody', {}, paths.map((p) => {
      const d = differs(p);
      return h('tr', { class: d ? 'differs' : null, hidden: !d },
        h('th', { scope: 'row' }, p, d ? h('span', { class: 'skip', text: ' (differs)' }) : null),
        flat.map((f) => h('td', { class: 'v', text: text(f, p) })));
    }));
    return h('section', { 'aria-labelledby': 'params-title' },
      h('h2', { id: 'params-title', text: 'Params' }),
      h('div', { class: 'toolbar' }, h('label', { for: 'only-diff' }, only, ' Only params that differ'),
        h('span', { class: 'muted', text: nDiff + ' of ' + paths.length + ' params differ' })),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data diff', 'aria-label': 'Params of the compared runs;'
        + ' highlighted rows differ' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Param' }),
        runs.map((r, i) => {
          const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
          sw.style.background = Charts.PALETTE[i % Charts.PALETTE.length];
          return h('th', { scope: 'col' }, sw, ' ', r.name);
        }))), body)));
  }

  page().catch((e) => {
    if (e.missing) Obs.notFound(e.message);
    else Obs.showError(e);
  });
})();
