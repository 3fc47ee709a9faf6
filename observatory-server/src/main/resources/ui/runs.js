// Projects list ("/") and a project's runs table ("/projects/{name}"): sorting, filters and pages on the server,
// state in the URL, selectable rows leading to /compare, arrow-key navigation between rows.
'use strict';
(() => {
  const { h, clear, api, num, enc } = Obs;
  const STATUSES = ['running', 'finished', 'failed', 'crashed', 'killed', 'queued'];
  const main = document.getElementById('main');

  async function home() {
    Obs.crumbs(['Projects']);
    const data = await api('/api/v1/projects');
    const cards = data.projects.map((p) => h('a', { class: 'card panel', href: '/projects/' + enc(p.name) },
      h('h2', { text: p.name }), p.description ? h('p', { class: 'muted', text: p.description }) : null,
      h('p', {}, h('strong', { text: num(p.run_count) }), p.run_count === 1 ? ' run' : ' runs')));
    clear(main, h('h1', { text: 'Projects' }),
      cards.length ? h('div', { class: 'cards' }, cards)
        : h('p', { class: 'empty', text: 'No projects yet. Log a run (REST, MLflow client or Java SDK) or start the'
          + ' server with --demo.' }));
    done();
  }

  function done() {
    if (!document.body.dataset.ready) {
      performance.mark('obs-ready');
      document.body.dataset.ready = '1';
    }
  }

  // ---- runs table
  const project = document.body.dataset.project;
  const selected = new Map(); // id -> name, kept across pages
  let columns = null; // candidates from the server (first load)
  let state = null;

  function readState() {
    const q = new URLSearchParams(location.search);
    return {
      sort: q.get('sort') || 'created_at', order: q.get('order') || 'desc', page: Number(q.get('page') || 1),
      size: Number(q.get('size') || 50), q: q.get('q') || '', status: q.get('status') || '', tag: q.get('tag') || '',
      param: q.get('param') || '', metric: q.get('metric') || '', params: q.get('params'), metrics: q.get('metrics'),
    };
  }

  function writeState(push) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) {
      const dflt = { sort: 'created_at', order: 'desc', page: 1, size: 50 }[k];
      if (v !== null && v !== '' && v !== dflt) q.set(k, v);
    }
    const url = location.pathname + (q.toString() ? '?' + q : '');
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  function dataUrl() {
    const q = new URLSearchParams({ project, sort: state.sort, order: state.order, page: state.page,
      size: state.size });
    if (state.q) q.set('q', state.q);
    if (state.status) q.set('status', state.status);
    if (state.tag) q.set('tag', state.tag);
    for (const p of state.param.split(',').map((s) => s.trim()).filter(Boolean)) q.append('param', p);
    for (const m of state.metric.split(',').map((s) => s.trim()).filter(Boolean)) q.append('metric', m);
    if (state.params !== null) q.set('params', state.params);
    if (state.metrics !== null) q.set('metrics', state.metrics);
    if (!columns) q.set('columns', '1');
    return '/ui/data/runs?' + q;
  }

  async function projectPage() {
    Obs.crumbs(['Projects', '/'], [project]);
    state = readState();
    const [info, data] = await Promise.all([api('/api/v1/projects/' + enc(project)), api(dataUrl())]);
    columns = data.columns;
    if (state.params === null) state.params = data.param_columns.join(',');
    if (state.metrics === null) state.metrics = data.metric_columns.join(',');
    const tableHost = h('div', { id: 'runs' });
    clear(main, h('div', { class: 'page-head' }, h('h1', { text: project }),
      h('span', { class: 'muted', id: 'run-count' }),
      info.description ? h('p', { class: 'muted', text: info.description }) : null),
      filters(), toolbar(), tableHost);
    render(data);
    window.addEventListener('popstate', () => { state = readState(); fillFilters(); reload(); });
  }

  async function reload() {
    try {
      render(await api(dataUrl()));
    } catch (e) {
      if (e.status !== 401) clear(document.getElementById('runs'), h('p', { class: 'error', role: 'alert',
        text: e.message }));
    }
  }

  function apply(changes, push = true) {
    Object.assign(state, changes);
    writeState(push);
    reload();
  }

  function field(id, label, value, placeholder, type = 'text') {
    return h('div', {}, h('label', { for: id, text: label }),
      h('input', { id, type, value, placeholder, autocomplete: 'off', spellcheck: 'false' }));
  }

  function filters() {
    const statuses = h('fieldset', {}, h('legend', { text: 'Status' }), STATUSES.map((s) => h('label', {},
      h('input', { type: 'checkbox', name: 'status', value: s }), s)));
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs', onsubmit: (e) => {
      e.preventDefault();
      const status = [...form.querySelectorAll('input[name=status]:checked')].map((i) => i.value).join(',');
      apply({ q: val('f-q'), status, tag: val('f-tag'), param: val('f-param'), metric: val('f-metric'), page: 1 });
    } },
    field('f-q', 'Name contains', '', 'e.g. lora', 'search'), statuses,
    field('f-tag', 'Tags (all of)', '', 'e.g. sft, baseline'),
    field('f-param', 'Param equals', '', 'e.g. optimizer.lr=0.0002'),
    field('f-metric', 'Metric threshold', '', 'e.g. eval/loss<1.2'),
    h('div', {}, h('button', { type: 'submit', class: 'primary', text: 'Apply' }), ' ',
      h('button', { type: 'button', text: 'Clear', onclick: () => {
        form.reset();
        apply({ q: '', status: '', tag: '', param: '', metric: '', page: 1 });
      } })));
    setTimeout(fillFilters);
    return form;
  }

  function val(id) { return document.getElementById(id).value.trim(); }

  function fillFilters() {
    for (const [id, k] of [['f-q', 'q'], ['f-tag', 'tag'], ['f-param', 'param'], ['f-metric', 'metric']]) {
      const el = document.getElementById(id);
      if (el) el.value = state[k];
    }
    const on = new Set(state.status.split(','));
    document.querySelectorAll('input[name=status]').forEach((i) => { i.checked = on.has(i.value); });
  }

  function toolbar() {
    const list = h('div', { class: 'col-list' });
    const chooser = h('details', { class: 'columns' }, h('summary', { text: 'Columns' }), list);
    const fill = () => {
      const chosenP = new Set(state.params ? state.params.split(',') : []);
      const chosenM = new Set(state.metrics ? state.metrics.split(',') : []);
      const box = (kind, name, on) => h('label', { title: name }, h('input', { type: 'checkbox', 'data-kind': kind,
        value: name, checked: on }), ' ', name);
      clear(list, h('h3', { text: 'Latest metric values' }), columns.metrics.map((m) => box('metric', m,
        chosenM.has(m))), h('h3', { text: 'Params' }), columns.params.map((p) => box('param', p, chosenP.has(p))));
    };
    list.addEventListener('change', () => {
      const pick = (kind) => [...list.querySelectorAll('input[data-kind=' + kind + ']:checked')].map((i) => i.value);
      apply({ params: pick('param').join(','), metrics: pick('metric').join(',') }, false);
    });
    chooser.addEventListener('toggle', () => { if (chooser.open) fill(); });
    const compare = h('button', { type: 'button', class: 'primary', id: 'compare-button', disabled: true,
      text: 'Compare', onclick: () => {
        location.href = '/compare?runs=' + [...selected.keys()].map(enc).join(',');
      } });
    return h('div', { class: 'toolbar' }, chooser, compare,
      h('span', { id: 'selection', class: 'muted', 'aria-live': 'polite' }),
      h('button', { type: 'button', class: 'ghost', id: 'clear-selection', hidden: true, text: 'Clear selection',
        onclick: () => { selected.clear(); syncSelection(); } }));
  }

  function syncSelection() {
    const n = selected.size;
    const button = document.getElementById('compare-button');
    button.disabled = n < 2 || n > 10;
    button.textContent = n ? 'Compare ' + n + ' runs' : 'Compare';
    document.getElementById('selection').textContent = n === 0 ? 'Select 2–10 runs to compare'
      : n > 10 ? 'At most 10 runs can be compared' : '';
    document.getElementById('clear-selection').hidden = n === 0;
    document.querySelectorAll('#runs tbody tr').forEach((tr) => {
      const on = selected.has(tr.dataset.id);
      tr.classList.toggle('selected', on);
      tr.querySelector('input[type=checkbox]').checked = on;
    });
  }

  function sortHeader(label, key, numeric) {
    const active = state.sort === key;
    return h('th', { scope: 'col', class: numeric ? 'num' : null,
      'aria-sort': active ? (state.order === 'asc' ? 'ascending' : 'descending') : null },
    h('button', { type: 'button', title: 'Sort by ' + label, onclick: () => {
      const order = active ? (state.order === 'asc' ? 'desc' : 'asc') : (numeric || key.endsWith('_at') ? 'desc'
        : 'asc');
      apply({ sort: key, order, page: 1 });
      setTimeout(() => { const b = document.querySelector('th[aria-sort] button'); if (b) b.focus(); });
    } }, label));
  }

  function render(data) {
    const params = data.param_columns;
    const metrics = data.metric_columns;
    document.getElementById('run-count').textContent = num(data.total) + (data.total === 1 ? ' run' : ' runs');
    const head = h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'skip', text: 'Select' })),
      sortHeader('Name', 'name'), sortHeader('Status', 'status'), sortHeader('Started', 'started_at'),
      sortHeader('Duration', 'duration', true), sortHeader('User', 'user'), h('th', { scope: 'col', text: 'Tags' }),
      metrics.map((m) => sortHeader(m, 'metric:' + m, true)), params.map((p) => sortHeader(p, 'param:' + p, true)));
    const rows = data.runs.map((r) => {
      const box = h('input', { type: 'checkbox', 'aria-label': 'Select run ' + r.name, checked: selected.has(r.id),
        onchange: (e) => { if (e.target.checked) selected.set(r.id, r.name); else selected.delete(r.id);
          syncSelection(); } });
      return h('tr', { 'data-id': r.id, class: selected.has(r.id) ? 'selected' : null }, h('td', {}, box),
        h('td', { class: 'name', title: r.name }, h('a', { href: '/runs/' + enc(r.id), text: r.name })),
        h('td', {}, Obs.status(r.status)),
        h('td', { title: r.started_at || '', text: Obs.when(r.started_at) }),
        h('td', { class: 'num', text: Obs.duration(r.duration_ms) }),
        h('td', { text: r.user || '' }),
        h('td', { class: 'tags', title: r.tags.join(', ') }, r.tags.map((t) => h('span', { class: 'chip', text: t }))),
        metrics.map((m) => {
          const v = r.metrics[m] ? r.metrics[m].last : null;
          return h('td', { class: 'num' + (typeof v === 'string' ? ' nonfinite' : ''),
            title: r.metrics[m] ? 'step ' + r.metrics[m].last_step : null, text: num(v) });
        }),
        params.map((p) => h('td', { class: 'num mono', text: p in r.params ? fmtParam(r.params[p]) : '' })));
    });
    const table = h('table', { class: 'data', 'aria-label': 'Runs of ' + project + ', sorted by ' + state.sort + ' '
      + (state.order === 'asc' ? 'ascending' : 'descending'), 'aria-rowcount': data.total + 1 },
    h('thead', {}, head), h('tbody', { onkeydown: keyNav }, rows));
    const pages = Math.max(1, Math.ceil(data.total / data.size));
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', text: '← Previous', disabled: data.page <= 1,
        onclick: () => apply({ page: data.page - 1 }) }),
      h('span', { text: 'Page ' + num(data.page) + ' of ' + num(pages) }),
      h('button', { type: 'button', text: 'Next →', disabled: data.page >= pages,
        onclick: () => apply({ page: data.page + 1 }) }),
      h('label', {}, 'Rows per page ', h('select', { onchange: (e) => apply({ size: Number(e.target.value), page: 1 }) },
        [25, 50, 100, 200].map((n) => h('option', { value: n, selected: n === data.size, text: n })))),
      h('span', { class: 'muted', text: 'Keys: ↑/↓ move between runs, x selects, Enter opens' }));
    clear(document.getElementById('runs'), h('div', { class: 'table-wrap' }, table,
      rows.length ? null : h('p', { class: 'empty', text: 'No runs match these filters.' })), pager);
    syncSelection();
    done();
  }

  function fmtParam(v) { return typeof v === 'number' ? num(v) : v === null ? 'null' : String(v); }

  /** Arrow keys move focus between rows (to the same cell's control), Home/End jump, x toggles selection. */
  function keyNav(e) {
    const tr = e.target.closest('tr');
    if (!tr) return;
    const rows = [...tr.parentElement.children];
    const i = rows.indexOf(tr);
    const target = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (target !== undefined && !(e.target.tagName === 'SELECT')) {
      e.preventDefault();
      const row = rows[Math.max(0, Math.min(rows.length - 1, target))];
      const isBox = e.target.type === 'checkbox';
      (isBox ? row.querySelector('input') : row.querySelector('a')).focus();
    } else if (e.key === 'x' || e.key === 'X') {
      e.preventDefault();
      tr.querySelector('input[type=checkbox]').click();
    }
  }

  const page = document.body.dataset.page === 'home' ? home : projectPage;
  page().catch((e) => {
    if (e.status === 404) Obs.notFound('There is no project named “' + project + '”.');
    else Obs.showError(e);
  });
})();
