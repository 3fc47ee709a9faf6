// One artifact ("/artifacts/{id}"): its facts, the checkpoint header read by the server (safetensors, GGUF), a signed
// time-limited download link and its lineage neighbours. Each part reports its own error in place.
'use strict';
const ArtifactPage = (() => {
  const { h, clear, api, enc, num } = Obs;
  const PAGES = { run: '/runs/', artifact: '/artifacts/', job: '/jobs/', trace: '/traces/' };

  async function show(main, id, bytes, alert) {
    const a = await api('/api/v1/artifacts/' + enc(id));
    document.title = a.path + ' · Observatory';
    Obs.crumbs(['Artifacts', '/artifacts'], [a.project, '/artifacts?project=' + enc(a.project)],
      [a.run_id, '/artifacts?run=' + enc(a.run_id)], [a.path]);
    const runName = await api('/api/v1/runs/' + enc(a.run_id)).then((r) => r.name, () => a.run_id);
    const facts = [['Kind', h('span', { class: 'kind ' + a.kind, id: 'artifact-kind', text: a.kind })],
      ['Run', h('a', { href: '/runs/' + enc(a.run_id), text: runName })],
      ['Project', a.project], ['Size', bytes(a.size) + ' (' + num(a.size) + ' bytes)'],
      ['Step', a.step === null ? '—' : num(a.step)], ['Epoch', a.epoch === null ? '—' : num(a.epoch)],
      ['SHA-256', a.sha256 ? h('code', { id: 'artifact-sha', text: a.sha256 }) : '—'],
      ['Content type', a.content_type || '—'], ['Created', Pages.dateTime(a.created_at)],
      ['Stored at', h('code', { text: a.storage_uri })]];
    const download = h('div', { id: 'download', 'aria-live': 'polite' });
    const header = h('div', { id: 'checkpoint-header' });
    const lineage = h('div', { id: 'lineage' });
    const metadata = Object.keys(a.metadata || {}).length;
    clear(main, h('section', { class: 'panel' }, h('h1', { id: 'artifact-path', text: a.path }),
      h('dl', { class: 'meta' }, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]))),
    h('h2', { text: 'Download' }), download,
    isCheckpoint(a) ? [h('h2', { text: 'Checkpoint header' }), header] : null,
    metadata ? [h('h2', { text: 'Metadata' }), h('pre', { class: 'json', id: 'artifact-metadata',
      text: JSON.stringify(a.metadata, null, 2) })] : null,
    h('h2', { text: 'Lineage' }), lineage);
    await Promise.all([
      link(a, download, bytes).catch((e) => alert(download, e)),
      isCheckpoint(a) ? headerFacts(a, header).catch((e) => alert(header, e)) : null,
      neighbours(a, lineage).catch((e) => alert(lineage, e))]);
    Pages.ready();
  }

  function isCheckpoint(a) { return a.kind === 'checkpoint' || /\.(safetensors|gguf)$/i.test(a.path); }

  async function link(a, host, bytes) {
    const l = await api('/api/v1/artifacts/' + enc(a.id) + '/link?valid_for=3600');
    const file = a.path.slice(a.path.lastIndexOf('/') + 1);
    clear(host, h('p', {}, h('a', { id: 'download-link', class: 'button primary', href: l.url, download: file,
      rel: 'noreferrer', text: 'Download ' + file + ' (' + bytes(a.size) + ')' })),
    h('p', { class: 'muted', id: 'link-expiry' }, 'This signed link works without an API key until ',
      h('time', { datetime: l.expires_at, text: new Date(l.expires_at).toLocaleString() }),
      '; anyone holding it can download this one file until then. ',
      h('button', { type: 'button', class: 'ghost', text: 'New link',
        onclick: () => link(a, host, bytes).catch((e) => clear(host, h('p', { class: 'error', role: 'alert',
          text: 'Could not make a link: ' + e.message }))) })));
  }

  function factValue(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return num(v);
    if (typeof v === 'object') {
      const entries = Object.entries(v);
      return entries.length ? entries.map(([k, x]) => h('span', { class: 'chip', text: k + ': '
        + (typeof x === 'number' ? num(x) : String(x)) })) : '—';
    }
    return String(v);
  }

  async function headerFacts(a, host) {
    const data = await api('/api/v1/artifacts/' + enc(a.id) + '/header');
    const facts = Object.entries(data.header || {});
    if (!facts.length) {
      clear(host, h('p', { class: 'muted', text: data.note || 'No header facts for this file.' }));
      return;
    }
    clear(host, h('dl', { class: 'meta', id: 'header-facts' }, facts.map(([k, v]) => [
      h('dt', { text: k.replace(/_/g, ' ') }), h('dd', { 'data-fact': k }, factValue(v))])));
  }

  function entity(key) {
    const slash = key.indexOf('/');
    const kind = key.slice(0, slash);
    const id = key.slice(slash + 1);
    return PAGES[kind] ? h('a', { href: PAGES[kind] + enc(id), text: key }) : h('code', { text: key });
  }

  async function neighbours(a, host) {
    const root = 'artifact/' + a.id;
    const g = await api('/api/v1/lineage/artifact/' + enc(a.id) + '?depth=1&limit=200');
    const rows = g.edges.map((e) => {
      const out = e.from === root;
      return [out ? 'this →' : '→ this', e.relation.replace(/_/g, ' '), entity(out ? e.to : e.from), e.source,
        Pages.dateTime(e.created_at)];
    });
    clear(host, rows.length ? Pages.table('lineage-table', 'Lineage neighbours of this artifact', [
      { label: 'Direction' }, { label: 'Relation' }, { label: 'Entity', cls: 'name' }, { label: 'Recorded by' },
      { label: 'When' }], rows) : h('p', { class: 'empty', text: 'No lineage edges.' }),
    g.truncated ? h('p', { class: 'muted', text: 'Only the first 200 neighbours are shown.' }) : null);
  }

  return { show };
})();
