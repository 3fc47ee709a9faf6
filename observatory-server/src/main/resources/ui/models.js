// Models ("/models"): the registered models, paged on the server; a model ("/models/{name}"): its versions with
// stages, aliases, metrics snapshot and the run each came from.
'use strict';
(() => {
  const { h, clear, api, enc } = Obs;
  const main = document.getElementById('main');
  const LIST = { q: '', page: 1, size: 25 };
  const VERSIONS = { page: 1, size: 25 };

  async function list() {
    Obs.crumbs(['Models']);
    const state = Pages.readState(LIST);
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter models', onsubmit: (e) => {
      e.preventDefault();
      go({ q: document.getElementById('f-q').value.trim(), page: 1 });
    } }, Pages.field('f-q', 'Name contains', state.q, 'e.g. resnet'),
    h('div', {}, h('button', { type: 'submit', class: 'primary', text: 'Apply' })));
    const host = h('div', { id: 'models' });
    clear(main, h('div', { class: 'page-head' }, h('h1', { text: 'Models' }),
      h('span', { class: 'muted', id: 'model-count' })), form, host);
    const go = (changes) => {
      Object.assign(state, changes);
      Pages.writeState(state, LIST, true);
      render(state, host).catch(Obs.showError);
    };
    window.addEventListener('popstate', () => { Object.assign(state, Pages.readState(LIST)); render(state, host); });
    await render(state, host, go);
  }

  async function render(state, host, go) {
    go = go || host.go;
    host.go = go;
    const q = new URLSearchParams({ limit: state.size, offset: (state.page - 1) * state.size });
    if (state.q) q.set('q', state.q);
    const data = await api('/api/v1/models?' + q);
    document.getElementById('model-count').textContent = Obs.num(data.total) + (data.total === 1 ? ' model'
      : ' models');
    const rows = data.models.map((m) => [
      h('a', { href: '/models/' + enc(m.name), text: m.name }),
      m.description || '',
      Object.entries(m.aliases).map(([a, v]) => h('span', { class: 'chip alias', text: a + ' → v' + v })),
      Pages.tagChips(m.tags),
      m.owner || '',
      Pages.dateTime(m.updated_at)]);
    clear(host, rows.length ? Pages.table('models-table', 'Registered models', [{ label: 'Name', cls: 'name' },
      { label: 'Description', cls: 'desc' }, { label: 'Aliases' }, { label: 'Tags', cls: 'tags' },
      { label: 'Owner' }, { label: 'Updated' }], rows)
      : h('p', { class: 'empty', text: state.q ? 'No model name contains “' + state.q + '”.'
        : 'No registered models yet. Register one with the MCP tool create_model, POST /api/v1/models or an'
          + ' MLflow client.' }),
    Pages.pager(data.total, state.page, state.size, go));
    Pages.ready();
  }

  // ---- one model
  const name = document.body.dataset.model;

  async function model() {
    Obs.crumbs(['Models', '/models'], [name]);
    const state = Pages.readState(VERSIONS);
    const m = await api('/api/v1/models/' + enc(name));
    const host = h('div', { id: 'versions' });
    const meta = h('dl', { class: 'meta' },
      h('dt', { text: 'Owner' }), h('dd', { text: m.owner || '—' }),
      h('dt', { text: 'Created' }), h('dd', {}, Pages.dateTime(m.created_at)),
      h('dt', { text: 'Updated' }), h('dd', {}, Pages.dateTime(m.updated_at)),
      h('dt', { text: 'Versions' }), h('dd', { text: Obs.num(m.version_count) }),
      h('dt', { text: 'Aliases' }), h('dd', { id: 'model-aliases' }, Object.keys(m.aliases).length
        ? Object.entries(m.aliases).map(([a, v]) => h('span', { class: 'chip alias', text: a + ' → v' + v }))
        : '—'),
      h('dt', { text: 'Latest per stage' }), h('dd', {}, m.latest_versions.length
        ? m.latest_versions.map((l) => h('span', { class: 'stage ' + l.stage.toLowerCase(), text: l.stage + ' v'
          + l.version })) : '—'),
      h('dt', { text: 'Tags' }), h('dd', {}, Object.keys(m.tags).length ? Pages.tagChips(m.tags) : '—'));
    clear(main, h('section', { class: 'panel' }, h('h1', { id: 'model-name', text: m.name }),
      m.description ? h('p', { class: 'notes', id: 'model-description', text: m.description }) : null, meta),
    h('h2', { text: 'Versions' }), host);
    const go = (changes) => {
      Object.assign(state, changes);
      Pages.writeState(state, VERSIONS, true);
      versions(state, host, go).catch(Obs.showError);
    };
    await versions(state, host, go);
  }

  async function versions(state, host, go) {
    const q = new URLSearchParams({ limit: state.size, offset: (state.page - 1) * state.size });
    const data = await api('/api/v1/models/' + enc(name) + '/versions?' + q);
    const runs = await runNames(data.versions);
    const rows = data.versions.map((v) => [
      h('span', { class: 'version', id: 'v' + v.version, text: 'v' + v.version }),
      h('span', { class: 'stage ' + v.stage.toLowerCase(), text: v.stage }),
      Pages.chips(v.aliases),
      v.run_id ? h('a', { href: '/runs/' + enc(v.run_id), class: 'run-link', text: runs[v.run_id] || v.run_id })
        : '—',
      v.source ? h('code', { class: 'source', text: v.source }) : '—',
      Object.entries(v.metrics).slice(0, 4).map(([k, x]) => h('span', { class: 'chip', title: k,
        text: k + ' ' + Obs.num(x) })),
      v.status === 'READY' ? 'ready' : v.status.toLowerCase(),
      v.created_by || '',
      Pages.dateTime(v.created_at)]);
    clear(host, rows.length ? Pages.table('versions-table', 'Versions of ' + name, [{ label: 'Version' },
      { label: 'Stage' }, { label: 'Aliases' }, { label: 'Source run' }, { label: 'Source', cls: 'src' },
      { label: 'Metrics', cls: 'wrap' }, { label: 'Status' }, { label: 'By' }, { label: 'Created' }], rows)
      : h('p', { class: 'empty', text: 'No versions yet: create_version or POST /api/v1/models/{name}/versions'
        + ' registers one from a run or a checkpoint.' }),
    Pages.pager(data.total, state.page, state.size, go));
    Pages.ready();
  }

  /** Run id -> run name for the versions' source runs (a run that is gone keeps its id). */
  async function runNames(list) {
    const ids = [...new Set(list.map((v) => v.run_id).filter(Boolean))];
    const out = {};
    await Promise.all(ids.map((id) => api('/api/v1/runs/' + enc(id)).then((r) => { out[id] = r.name; },
      () => { /* deleted or not visible: show the id */ })));
    return out;
  }

  if (document.body.dataset.page === 'models') Pages.start(list, '', '/models', 'Models');
  else Pages.start(model, 'There is no registered model named “' + name + '”.', '/models', 'Models');
})();
