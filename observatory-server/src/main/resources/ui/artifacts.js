// Artifacts ("/artifacts"): storage usage by project, then by run of a project; a run's artifacts and checkpoints
// ("/artifacts?run=<id>") filtered by kind and paged by cursor; an artifact ("/artifacts/{id}"): its facts, checkpoint
// header, a signed download link and its lineage neighbours. Reads only the REST API; errors are shown in the page.
'use strict';
(() => {
  const { h, clear, api, enc, num } = Obs;
  const main = document.getElementById('main');
  const KINDS = ['checkpoint', 'replay', 'model', 'dataset', 'report', 'other'];
  const LIST = { run: '', project: '', kind: '', sort: 'path', size: 25, cursor: '' };

  function bytes(n) {
    if (n === null || n === undefined) return '';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i ? v.toFixed(v < 10 ? 2 : 1) : String(v)) + ' ' + units[i];
  }

  function alert(host, e) {
    if (e instanceof Obs.HttpError && e.status === 401) return;
    clear(host, h('p', { class: 'error', role: 'alert', text: 'Could not load: ' + (e && e.message ? e.message : e) }));
  }

  function steps(u) {
    if (u.min_step === null || u.min_step === undefined) return '';
    return u.min_step === u.max_step ? num(u.min_step) : num(u.min_step) + '–' + num(u.max_step);
  }

  /** A usage table: one row per group (a link when href gives one), count, bytes, step range, last upload. */
  function usageTable(id, caption, label, data, href) {
    const rows = data.groups.map((g) => [
      href && href(g.group) ? h('a', { href: href(g.group), text: g.group }) : (g.group || '—'),
      num(g.count), bytes(g.bytes), steps(g), Pages.dateTime(g.last_created)]);
    return Pages.table(id, caption, [{ label, cls: 'name' }, { label: 'Artifacts', cls: 'num' },
      { label: 'Size', cls: 'num' }, { label: 'Steps' }, { label: 'Last upload' }], rows);
  }

  function usageSummary(total) {
    return h('p', { class: 'muted', id: 'usage-total', text: num(total.count) + (total.count === 1 ? ' artifact, '
      : ' artifacts, ') + bytes(total.bytes) });
  }

  // ---- storage overview (no run chosen)
  async function overview(state) {
    const form = h('form', { class: 'filters', 'aria-label': 'Open a run', onsubmit: (e) => {
      e.preventDefault();
      const run = document.getElementById('f-run').value.trim();
      if (run) location.href = '/artifacts?run=' + enc(run);
    } }, Pages.field('f-run', 'Run id', '', 'a 16-character run id', 'text'),
    h('div', {}, h('button', { type: 'submit', class: 'primary', text: 'Show artifacts' })));
    const scope = state.project ? { project: state.project } : {};
    const [groups, kinds] = await Promise.all([
      api('/api/v1/storage/usage?' + new URLSearchParams({ ...scope, group_by: state.project ? 'run' : 'project' })),
      api('/api/v1/storage/usage?' + new URLSearchParams({ ...scope, group_by: 'kind' }))]);
    Obs.crumbs(...(state.project ? [['Artifacts', '/artifacts'], [state.project]] : [['Artifacts']]));
    const body = [h('div', { class: 'page-head' }, h('h1', { text: state.project ? 'Storage of ' + state.project
      : 'Artifacts and storage' })), usageSummary(groups.total), form];
    if (!groups.total.count) {
      body.push(h('p', { class: 'empty', id: 'no-artifacts', text: 'No artifacts yet. Upload one with PUT'
        + ' /api/v1/runs/{id}/artifacts/{path}, an MLflow client, or register existing checkpoints with the MCP tool'
        + ' register_checkpoints.' }));
    } else {
      body.push(h('h2', { text: state.project ? 'By run' : 'By project' }),
        state.project ? usageTable('usage-runs', 'Storage by run', 'Run', groups, (g) => '/artifacts?run=' + enc(g))
          : usageTable('usage-projects', 'Storage by project', 'Project', groups,
            (g) => '/artifacts?project=' + enc(g)),
        groups.truncated ? h('p', { class: 'muted', text: 'Only the largest ' + groups.groups.length + ' shown.' })
          : null,
        h('h2', { text: 'By kind' }), usageTable('usage-kinds', 'Storage by kind', 'Kind', kinds));
    }
    clear(main, body);
    Pages.ready();
  }

  // ---- one run's artifacts
  async function runList(state) {
    const run = await api('/api/v1/runs/' + enc(state.run));
    Obs.crumbs(['Artifacts', '/artifacts'], [run.project, '/artifacts?project=' + enc(run.project)], [run.name]);
    const stack = (history.state && history.state.stack) || [];
    const host = h('div', { id: 'artifacts' });
    const usage = h('div', { id: 'run-usage' });
    const go = (changes, nextStack) => {
      Object.assign(state, changes);
      Pages.writeState(state, LIST, true);
      history.replaceState({ stack: nextStack }, '', location.href);
      render(state, host, go, nextStack).catch((e) => { alert(host, e); Pages.ready(); });
    };
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter artifacts', onsubmit: (e) => {
      e.preventDefault();
      go({ kind: document.getElementById('f-kind').value, sort: document.getElementById('f-sort').value,
        cursor: '' }, []);
    } }, Pages.select('f-kind', 'Kind', state.kind, [['', 'any kind'], ...KINDS.map((k) => [k, k])]),
    Pages.select('f-sort', 'Order', state.sort, [['path', 'path'], ['step', 'step'], ['created', 'created'],
      ['size', 'size']]),
    h('div', {}, h('button', { type: 'submit', class: 'primary', text: 'Apply' })));
    clear(main, h('div', { class: 'page-head' }, h('h1', {}, 'Artifacts of ', h('a', { href: '/runs/' + enc(run.id),
      id: 'run-link', text: run.name })), h('span', { class: 'muted', id: 'artifact-count' })), usage, form, host);
    window.addEventListener('popstate', () => {
      Object.assign(state, Pages.readState(LIST));
      render(state, host, go, (history.state && history.state.stack) || []).catch((e) => alert(host, e));
    });
    await api('/api/v1/storage/usage?' + new URLSearchParams({ run_id: run.id, group_by: 'kind' })).then((kinds) => {
      if (kinds.total.count) {
        clear(usage, h('h2', { text: 'Storage by kind' }), usageSummary(kinds.total),
          usageTable('usage-kinds', 'Storage of this run by kind', 'Kind', kinds));
      }
    }, (e) => alert(usage, e));
    await render(state, host, go, stack).catch((e) => { alert(host, e); Pages.ready(); });
  }

  async function render(state, host, go, stack) {
    const q = new URLSearchParams({ limit: state.size, sort: state.sort });
    if (state.kind) q.set('kind', state.kind);
    if (state.cursor) q.set('cursor', state.cursor);
    const count = new URLSearchParams({ run_id: state.run, group_by: 'none' });
    if (state.kind) count.set('kind', state.kind);
    const [data, usage] = await Promise.all([api('/api/v1/runs/' + enc(state.run) + '/artifacts?' + q),
      api('/api/v1/storage/usage?' + count)]);
    const total = usage.total.count;
    document.getElementById('artifact-count').textContent = num(total) + (total === 1 ? ' artifact' : ' artifacts')
      + (state.kind ? ' of kind ' + state.kind : '');
    const rows = data.artifacts.map((a) => [
      h('a', { href: '/artifacts/' + enc(a.id), text: a.path }),
      h('span', { class: 'kind ' + a.kind, text: a.kind }),
      bytes(a.size),
      a.step === null ? '' : num(a.step),
      a.sha256 ? h('code', { title: a.sha256, text: a.sha256.slice(0, 12) + '…' }) : '—',
      Pages.dateTime(a.created_at)]);
    const pages = Math.max(1, Math.ceil(total / state.size));
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', text: '← Previous', disabled: !stack.length,
        onclick: () => go({ cursor: stack[stack.length - 1] }, stack.slice(0, -1)) }),
      h('span', { class: 'page-of', text: 'Page ' + (stack.length + 1) + ' of ' + pages + ' · ' + num(total)
        + ' in all' }),
      h('button', { type: 'button', text: 'Next →', disabled: !data.next_cursor,
        onclick: () => go({ cursor: data.next_cursor }, [...stack, state.cursor]) }),
      h('label', {}, 'Rows per page ', h('select', { onchange: (e) => go({ size: Number(e.target.value), cursor: '' },
        []) }, [10, 25, 50, 100, 200].map((n) => h('option', { value: n, selected: n === state.size, text: n })))));
    clear(host, rows.length ? Pages.table('artifacts-table', 'Artifacts of the run', [{ label: 'Path', cls: 'name' },
      { label: 'Kind' }, { label: 'Size', cls: 'num' }, { label: 'Step', cls: 'num' }, { label: 'SHA-256' },
      { label: 'Created' }], rows)
      : h('p', { class: 'empty', id: 'no-artifacts', text: state.kind ? 'This run has no ' + state.kind
        + ' artifacts.' : 'This run has no artifacts yet. Upload one with PUT /api/v1/runs/' + state.run
        + '/artifacts/{path} or log one from an MLflow client.' }), rows.length ? pager : null);
    Pages.ready();
  }

  function list() {
    const state = Pages.readState(LIST);
    return state.run ? runList(state) : overview(state);
  }

  if (document.body.dataset.page === 'artifacts') {
    const asked = Pages.readState(LIST);
    const what = asked.run ? 'There is no run with id “' + asked.run + '”.'
      : asked.project ? 'There is no project named “' + asked.project + '”.' : '';
    Pages.start(list, what, '/artifacts', 'Artifacts');
  } else {
    Pages.start(() => ArtifactPage.show(main, document.body.dataset.artifact, bytes, alert),
      'There is no artifact with id “' + document.body.dataset.artifact + '”.', '/artifacts', 'Artifacts');
  }
})();
