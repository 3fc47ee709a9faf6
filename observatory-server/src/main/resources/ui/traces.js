// Traces ("/traces"): recent traces (LLM and MCP calls included), paged on the server by cursor; a trace
// ("/traces/{id}"): its spans as a waterfall, the critical path marked.
'use strict';
(() => {
  const { h, clear, api, enc, num } = Obs;
  const main = document.getElementById('main');
  const LIST = { service: '', errors: '', order: 'recent', size: 25, cursor: '' };

  async function list() {
    Obs.crumbs(['Traces']);
    const state = Pages.readState(LIST);
    const stack = (history.state && history.state.stack) || [];
    const host = h('div', { id: 'traces' });
    const go = (changes, nextStack) => {
      Object.assign(state, changes);
      Pages.writeState(state, LIST, true);
      history.replaceState({ stack: nextStack }, '', location.href);
      render(state, host, go, nextStack).catch(Obs.showError);
    };
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter traces', onsubmit: (e) => {
      e.preventDefault();
      go({ service: document.getElementById('f-service').value.trim(),
        errors: document.getElementById('f-errors').value, order: document.getElementById('f-order').value,
        cursor: '' }, []);
    } }, Pages.field('f-service', 'Service', state.service, 'e.g. chat-api'),
    Pages.select('f-errors', 'Errors', state.errors, [['', 'any'], ['true', 'with errors'],
      ['false', 'without errors']]),
    Pages.select('f-order', 'Order', state.order, [['recent', 'most recent'], ['slowest', 'slowest']]),
    h('div', {}, h('button', { type: 'submit', class: 'primary', text: 'Apply' })));
    clear(main, h('div', { class: 'page-head' }, h('h1', { text: 'Traces' })), form, host);
    window.addEventListener('popstate', () => {
      Object.assign(state, Pages.readState(LIST));
      render(state, host, go, (history.state && history.state.stack) || []);
    });
    await render(state, host, go, stack);
  }

  async function render(state, host, go, stack) {
    const q = new URLSearchParams({ limit: state.size, order: state.order });
    if (state.service) q.set('service', state.service);
    if (state.errors) q.set('errors', state.errors);
    if (state.cursor) q.set('cursor', state.cursor);
    const data = await api('/ui/data/traces?' + q);
    const rows = data.traces.map((t) => [
      h('a', { href: '/traces/' + enc(t.trace_id), text: t.root_name }),
      t.service,
      Pages.dateTime(t.start),
      Pages.ms(t.duration_ms),
      num(t.span_count),
      t.models.join(', '),
      t.total_tokens ? num(t.total_tokens) : '',
      Pages.usd(t.cost_usd),
      t.error_count ? h('span', { class: 'err-count', text: num(t.error_count) + (t.error_count === 1 ? ' error'
        : ' errors') }) : '']);
    const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', text: '← Newer', disabled: !stack.length, onclick: () => {
        const prev = stack.slice(0, -1);
        go({ cursor: stack[stack.length - 1] }, prev);
      } }),
      h('span', { class: 'page-of', text: 'Page ' + (stack.length + 1) }),
      h('button', { type: 'button', text: 'Older →', disabled: !data.next_cursor, onclick: () =>
        go({ cursor: data.next_cursor }, stack.concat([state.cursor])) }),
      h('label', {}, 'Rows per page ', h('select', { onchange: (e) => go({ size: Number(e.target.value),
        cursor: '' }, []) }, [10, 25, 50, 100, 200].map((n) => h('option', { value: n, selected: n === state.size,
        text: n })))));
    clear(host, rows.length ? Pages.table('traces-table', 'Recent traces', [{ label: 'Root span', cls: 'name' },
      { label: 'Service' }, { label: 'Start' }, { label: 'Duration', cls: 'num' }, { label: 'Spans', cls: 'num' },
      { label: 'Models' }, { label: 'Tokens', cls: 'num' }, { label: 'Cost', cls: 'num' }, { label: 'Errors' }],
    rows, (i) => (data.traces[i].error_count ? 'has-error' : null))
      : h('p', { class: 'empty', text: 'No traces match. Send OTLP spans to /v1/traces, or use the MCP tools:'
        + ' Observatory traces its own tool calls.' }), pager);
    Pages.ready();
  }

  // ---- one trace
  const id = document.body.dataset.trace;

  async function trace() {
    Obs.crumbs(['Traces', '/traces'], [id]);
    const t = await api('/ui/data/traces/' + enc(id));
    const s = t.summary;
    const row = (k, v) => [h('dt', { text: k }), h('dd', {}, v === null || v === '' ? '—' : v)];
    const total = Math.max(s.duration_ms, 1e-6);
    const spans = t.spans.map((n) => {
      const track = h('div', { class: 'wf-track' });
      const bar = h('div', { class: 'wf-bar' + (n.status === 'ERROR' ? ' error' : '') + (n.critical ? ' critical'
        : ''), title: n.name + ' · ' + Pages.ms(n.duration_ms) });
      bar.style.left = (100 * n.offset_ms / total).toFixed(3) + '%';
      bar.style.width = Math.max(0.3, 100 * n.duration_ms / total).toFixed(3) + '%';
      track.append(bar);
      const name = h('span', { class: 'wf-name', text: n.name });
      name.style.paddingLeft = (n.depth * 1.1) + 'rem';
      return [name, n.service, Pages.ms(n.offset_ms), Pages.ms(n.duration_ms),
        [n.model, n.tool].filter(Boolean).join(' · '), n.tokens ? num(n.tokens) : '', Pages.usd(n.cost_usd),
        n.status === 'ERROR' ? h('span', { class: 'err-count', text: n.error_type || 'error' }) : '', track];
    });
    clear(main, h('section', { class: 'panel' }, h('h1', { id: 'trace-name', text: s.root_name }),
      h('dl', { class: 'meta' }, row('Trace id', h('code', { text: s.trace_id })), row('Service', s.service),
        row('Start', Pages.dateTime(s.start)), row('Duration', Pages.ms(s.duration_ms)),
        row('Spans', num(s.span_count)), row('Models', s.models.join(', ')),
        row('Tokens', s.total_tokens ? num(s.total_tokens) : null), row('Cost', Pages.usd(s.cost_usd) || null),
        row('Errors', s.error_count ? h('span', { class: 'err-count', text: num(s.error_count) }) : '0'))),
    h('h2', { text: 'Waterfall' }),
    h('p', { class: 'muted', text: 'Bars show when each span ran within the trace; the critical path (where the'
      + ' end-to-end time went) is outlined, failed spans are red. ↑/↓ move between spans.' }),
    Pages.table('waterfall', 'Spans of the trace in start order', [{ label: 'Span', cls: 'name' },
      { label: 'Service' }, { label: 'Start', cls: 'num' }, { label: 'Duration', cls: 'num' },
      { label: 'Model / tool' }, { label: 'Tokens', cls: 'num' }, { label: 'Cost', cls: 'num' },
      { label: 'Error' }, { label: 'Timeline', cls: 'wf' }], spans,
    (i) => (t.spans[i].status === 'ERROR' ? 'has-error' : null)));
    Pages.ready();
  }

  if (document.body.dataset.page === 'traces') Pages.start(list, '', '/traces', 'Traces');
  else Pages.start(trace, 'There is no trace with id “' + id + '”.', '/traces', 'Traces');
})();
