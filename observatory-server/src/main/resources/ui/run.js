// A run page ("/runs/{id}", "?metric=<key>", "/runs/{id}/logs"): header, params tree, a chart per metric grouped by
// prefix, and the log tail with search and auto-follow (polling while the run is running).
'use strict';
(() => {
  const { h, clear, api, num, enc } = Obs;
  const main = document.getElementById('main');
  const runId = document.body.dataset.run;
  const focusMetric = document.body.dataset.metric;
  const TERMINAL = new Set(['finished', 'failed', 'killed', 'crashed']);
  let run;

  async function page() {
    const [r, metrics] = await Promise.all([api('/api/v1/runs/' + enc(runId)),
      api('/api/v1/runs/' + enc(runId) + '/metrics')]);
    run = r;
    document.title = run.name + ' · Observatory';
    Obs.crumbs(['Projects', '/'], [run.project, '/projects/' + enc(run.project)], [run.name]);
    const grid = h('section', { 'aria-labelledby': 'charts-title' },
      h('h2', { id: 'charts-title', text: 'Metrics (' + metrics.metrics.length + ')' }), Charts.controls());
    clear(main, header(), grid, logsSection());
    charts(grid, metrics.metrics);
    startLogs();
  }

  function header() {
    const meta = [['Run id', h('code', { text: run.id })], ['Project', h('a', { href: '/projects/' + enc(run.project),
      text: run.project })], ['User', run.user], ['Started', run.started_at && new Date(run.started_at).toLocaleString()],
    ['Duration', Obs.duration(durationMs())], ['Ended', run.ended_at && new Date(run.ended_at).toLocaleString()],
    ['Host', run.host], ['Git commit', run.git_commit && h('code', { text: run.git_commit })],
    ['Artifacts', h('a', { href: '/artifacts?run=' + enc(run.id), id: 'run-artifacts',
      text: 'Artifacts and checkpoints' })]]
      .filter(([, v]) => v);
    const left = h('div', { class: 'panel' },
      h('div', { class: 'page-head' }, h('h1', { text: run.name }), h('span', { id: 'run-status' },
        Obs.status(run.status))),
      run.tags.length ? h('div', { 'aria-label': 'Tags' }, run.tags.map((t) => h('span', { class: 'chip', text: t })))
        : null,
      h('dl', { class: 'meta' }, meta.map(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)])),
      run.notes ? h('p', { class: 'notes', text: run.notes }) : null);
    const right = h('div', { class: 'panel' }, h('h2', { id: 'params-title', text: 'Params', class: 'flush' }),
      h('div', { class: 'tree', role: 'group', 'aria-labelledby': 'params-title' },
        Object.keys(run.params || {}).length ? tree(run.params) : h('p', { class: 'muted', text: 'No params.' })));
    return h('section', { class: 'run-head', 'aria-label': 'Run' }, left, right);
  }

  function durationMs() {
    if (!run.started_at) return null;
    const end = run.ended_at ? Date.parse(run.ended_at) : TERMINAL.has(run.status) ? Date.parse(run.started_at)
      : Date.now();
    return end - Date.parse(run.started_at);
  }

  /** Nested params as a tree of lists; maps are <details> (open), leaves "key: value". */
  function tree(obj) {
    return h('ul', {}, Object.entries(obj).map(([k, v]) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return h('li', {}, h('details', { open: true }, h('summary', { text: k }), tree(v)));
      }
      const text = Array.isArray(v) ? JSON.stringify(v) : v === null ? 'null' : String(v);
      return h('li', {}, h('span', { class: 'k', text: k + ': ' }), h('span', { class: 'v', text }));
    }));
  }

  function charts(section, summaries) {
    Charts.expect(summaries.length);
    const made = [];
    for (const [group, keys] of Charts.groups(summaries.map((s) => s.key))) {
      const grid = h('div', { class: 'chart-grid' });
      section.append(h('h3', { class: 'group', text: group + '/' }), grid);
      for (const key of keys) {
        const s = summaries.find((x) => x.key === key);
        const el = h('div', { class: 'chart', role: 'img', 'aria-label': 'Line chart of ' + key + ' over '
          + num(s.count) + ' steps; last value ' + num(s.last) + ' at step ' + num(s.last_step) + ', min '
          + num(s.min) + ', max ' + num(s.max) });
        const card = h('article', { class: 'chart-card' + (key === focusMetric ? ' focus' : ''), 'data-key': key,
          id: 'metric-' + key.replace(/[^A-Za-z0-9_-]/g, '_') },
        h('header', {}, h('h3', { title: key, text: key }),
          s.nan_count ? h('span', { class: 'badge', text: num(s.nan_count) + ' NaN/Inf' }) : null,
          h('a', { class: 'link', href: '/runs/' + enc(runId) + '?metric=' + enc(key), title: 'Link to this chart',
            'aria-label': 'Link to the chart of ' + key, text: '#' }),
          h('span', { class: 'last', text: 'last ' + num(s.last) + ' · ' + num(s.count) + ' pts' })), el);
        grid.append(card);
        made.push(new Charts.MetricChart(el, key, [{ runId, label: run.name }]));
      }
    }
    if (!summaries.length) section.append(h('p', { class: 'empty', text: 'This run has no metrics yet.' }));
    made.forEach((c) => c.load().catch((e) => Obs.append(c.el, h('p', { class: 'error', text: e.message }))));
    if (focusMetric) {
      const card = document.querySelector('.chart-card.focus');
      if (card) card.scrollIntoView({ block: 'center' });
    }
  }

  // ---- logs
  const logs = { lines: [], lastSeq: -1, timer: null };

  function logsSection() {
    const search = h('input', { type: 'search', id: 'log-search', placeholder: 'e.g. error', autocomplete: 'off',
      oninput: () => { clearTimeout(search.timer); search.timer = setTimeout(refetchLogs, 250); } });
    const level = h('select', { id: 'log-level', onchange: refetchLogs }, ['', 'ERROR', 'WARN', 'INFO', 'DEBUG']
      .map((l) => h('option', { value: l, text: l ? l + ' and worse' : 'any level' })));
    const follow = h('input', { type: 'checkbox', id: 'log-follow', checked: !TERMINAL.has(run.status) });
    return h('section', { id: 'logs', 'aria-labelledby': 'logs-title' },
      h('h2', { id: 'logs-title', text: 'Logs' }),
      h('div', { class: 'logs-bar' }, h('label', { for: 'log-search' }, 'Search', search),
        h('label', { for: 'log-level' }, 'Level', level), h('label', { for: 'log-follow' }, follow, 'Follow'),
        h('span', { class: 'muted', id: 'log-info', 'aria-live': 'polite' })),
      h('ol', { class: 'logs', id: 'log-lines', tabindex: 0, 'aria-label': 'Log lines' }));
  }

  function logUrl(tail) {
    const q = new URLSearchParams({ tail });
    const grep = document.getElementById('log-search').value.trim();
    const level = document.getElementById('log-level').value;
    if (grep) q.set('grep', grep);
    if (level) q.set('level', level);
    return '/api/v1/runs/' + enc(runId) + '/logs?' + q;
  }

  async function refetchLogs() {
    logs.lastSeq = -1;
    clear(document.getElementById('log-lines'));
    await pollLogs();
  }

  async function pollLogs() {
    const d = await api(logUrl(logs.lastSeq < 0 ? 500 : 1000));
    const fresh = d.lines.filter((l) => l.seq > logs.lastSeq);
    const box = document.getElementById('log-lines');
    const grep = document.getElementById('log-search').value.trim();
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 30;
    for (const l of fresh) box.append(line(l, grep));
    if (fresh.length) logs.lastSeq = fresh[fresh.length - 1].seq;
    while (box.children.length > 5000) box.firstChild.remove();
    if (document.getElementById('log-follow').checked && (atBottom || fresh.length === box.children.length)) {
      box.scrollTop = box.scrollHeight;
    }
    document.getElementById('log-info').textContent = box.children.length ? num(box.children.length) + ' lines'
      + (d.next_before_seq !== null ? ' (latest)' : '') : 'No log lines' + (grep ? ' match' : '') + '.';
  }

  /** A log line with the search text highlighted (built from text nodes; the line is user data). */
  function line(l, grep) {
    const li = h('li', { class: [l.level || '', l.stream || ''].join(' ') },
      h('span', { class: 't', text: (l.timestamp || '').slice(11, 19) }));
    const text = l.text;
    if (!grep) { li.append(text); return li; }
    const lower = text.toLowerCase();
    const g = grep.toLowerCase();
    let at = 0;
    for (let i = lower.indexOf(g); i >= 0; i = lower.indexOf(g, at)) {
      li.append(text.slice(at, i), h('mark', { text: text.slice(i, i + g.length) }));
      at = i + g.length;
    }
    li.append(text.slice(at));
    return li;
  }

  async function startLogs() {
    await pollLogs();
    if (document.body.dataset.focus === 'logs') {
      document.getElementById('logs').scrollIntoView();
      document.getElementById('log-lines').focus();
    }
    if (TERMINAL.has(run.status)) return;
    logs.timer = setInterval(async () => {
      if (!document.getElementById('log-follow').checked) return;
      try {
        await pollLogs();
        const r = await api('/api/v1/runs/' + enc(runId));
        if (r.status !== run.status) {
          run = r;
          Obs.clear(document.getElementById('run-status'), Obs.status(r.status));
          if (TERMINAL.has(r.status)) clearInterval(logs.timer);
        }
      } catch (e) { /* keep polling: the server may be restarting */ }
    }, 2000);
  }

  page().catch((e) => {
    if (e.status === 404) Obs.notFound('There is no run with id “' + runId + '”.');
    else Obs.showError(e);
  });
})();
