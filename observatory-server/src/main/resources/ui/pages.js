// Shared pieces of the section pages (models, jobs, traces, SLOs): URL state, data tables with arrow-key row
// navigation, a server-side pager and the section 404. User data goes in as text only (Obs.h sets textContent).
'use strict';
const Pages = (() => {
  const { h, clear } = Obs;

  /** The query of the current URL as an object, with defaults for absent keys. */
  function readState(defaults) {
    const q = new URLSearchParams(location.search);
    const out = {};
    for (const [k, v] of Object.entries(defaults)) {
      const got = q.get(k);
      out[k] = got === null ? v : typeof v === 'number' ? Number(got) || v : got;
    }
    return out;
  }

  /** Writes the state into the URL (values equal to the defaults are left out). */
  function writeState(state, defaults, push) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(state)) {
      if (v !== null && v !== undefined && v !== '' && v !== defaults[k]) q.set(k, v);
    }
    const url = location.pathname + (q.toString() ? '?' + q : '');
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  /**
   * A data table: columns [{label, cls}], rows of cells (nodes or text), one tr per row. ↑/↓, Home and End move the
   * focus between rows (to the row's first link, or the row itself).
   */
  function table(id, caption, columns, rows, rowClass) {
    const body = h('tbody', { onkeydown: keyNav }, rows.map((cells, i) => {
      const tr = h('tr', { class: rowClass ? rowClass(i) : null }, cells.map((c, j) =>
        h('td', { class: columns[j].cls || null }, c)));
      if (!tr.querySelector('a, button')) tr.tabIndex = 0;
      return tr;
    }));
    return h('div', { class: 'table-wrap' }, h('table', { class: 'data', id },
      h('caption', { class: 'sr-only', text: caption }),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.cls || null, text: c.label })))),
      body));
  }

  function focusTarget(tr) { return tr.querySelector('a, button') || tr; }

  function keyNav(e) {
    const tr = e.target.closest('tr');
    if (!tr) return;
    const rows = [...tr.parentElement.children];
    const i = rows.indexOf(tr);
    const target = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    focusTarget(rows[Math.max(0, Math.min(rows.length - 1, target))]).focus();
  }

  /** Previous/next buttons, "page x of y" and rows per page, for a list paged on the server. */
  function pager(total, page, size, go) {
    const pages = Math.max(1, Math.ceil(total / size));
    return h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', text: '← Previous', disabled: page <= 1, onclick: () => go({ page: page - 1 }) }),
      h('span', { class: 'page-of', text: 'Page ' + page + ' of ' + pages + ' · ' + Obs.num(total) + ' in all' }),
      h('button', { type: 'button', text: 'Next →', disabled: page >= pages, onclick: () => go({ page: page + 1 }) }),
      h('label', {}, 'Rows per page ', h('select', { onchange: (e) => go({ size: Number(e.target.value), page: 1 }) },
        [10, 25, 50, 100, 200].map((n) => h('option', { value: n, selected: n === size, text: n })))));
  }

  /** A labelled text or search field for a filter form. */
  function field(id, label, value, placeholder, type) {
    return h('div', {}, h('label', { for: id, text: label }),
      h('input', { id, type: type || 'search', value, placeholder, autocomplete: 'off', spellcheck: 'false' }));
  }

  /** A labelled select; options are [value, text] pairs. */
  function select(id, label, value, options) {
    return h('div', {}, h('label', { for: id, text: label }),
      h('select', { id }, options.map(([v, t]) => h('option', { value: v, selected: v === value, text: t }))));
  }

  function chips(values) { return values.map((v) => h('span', { class: 'chip', text: v })); }

  /** key=value chips of a tags object. */
  function tagChips(tags) { return chips(Object.entries(tags || {}).map(([k, v]) => (v ? k + '=' + v : k))); }

  function ready() {
    if (!document.body.dataset.ready) {
      performance.mark('obs-ready');
      document.body.dataset.ready = '1';
    }
  }

  /** The section's helpful not-found message in place of the page. */
  function notFound(what, listUrl, listName) {
    document.title = 'Not found · Observatory';
    clear(document.getElementById('main'), h('section', { class: 'not-found', 'aria-labelledby': 'nf-title' },
      h('h1', { id: 'nf-title', text: 'Not found' }), h('p', { class: 'lead', text: what }),
      h('p', { text: 'It may have been mistyped, or the data was recorded in another Observatory instance or data'
        + ' directory.' }),
      h('ul', {}, h('li', {}, h('a', { href: listUrl, text: listName }), ' lists what exists.'),
        h('li', {}, h('a', { href: '/', text: 'All projects' }), ' lists every project and its runs.'))));
    ready();
  }

  /** Runs a page's loader; a 404 shows the section's not-found message, other errors an alert. */
  function start(load, what, listUrl, listName) {
    load().catch((e) => {
      if (e.status === 404 || (what && e.status === 400)) notFound(what, listUrl, listName);
      else { Obs.showError(e); ready(); }
    });
  }

  function dateTime(iso) { return iso ? h('time', { datetime: iso, title: iso, text: Obs.when(iso) }) : ''; }

  function ms(v) {
    if (v === null || v === undefined) return '';
    if (v < 1) return v.toFixed(2) + ' ms';
    if (v < 1000) return Math.round(v) + ' ms';
    return v < 60000 ? (v / 1000).toFixed(2) + ' s' : Obs.duration(v);
  }

  function usd(v) {
    if (v === null || v === undefined) return '';
    return '$' + (v >= 1 ? v.toFixed(2) : v.toPrecision(2));
  }

  return { readState, writeState, table, pager, field, select, chips, tagChips, ready, notFound, start, dateTime,
    ms, usd };
})();
