// SLOs and alerts ("/slos"): every SLO with compliance, error budget remaining and burn rates (paged on the server),
// and the alerts firing now.
'use strict';
(() => {
  const { h, clear, api } = Obs;
  const main = document.getElementById('main');
  const STATE = { page: 1, size: 25 };

  async function page() {
    Obs.crumbs(['SLOs and alerts']);
    const state = Pages.readState(STATE);
    const host = h('div', { id: 'slos' });
    const alerts = h('div', { id: 'alerts' });
    const go = (changes) => {
      Object.assign(state, changes);
      Pages.writeState(state, STATE, true);
      slos(state, host, go).catch(Obs.showError);
    };
    clear(main, h('div', { class: 'page-head' }, h('h1', { text: 'SLOs and alerts' }),
      h('span', { class: 'muted', id: 'slo-count' })), h('h2', { class: 'flush', text: 'Firing alerts' }), alerts,
    h('h2', { text: 'Service level objectives' }), host);
    window.addEventListener('popstate', () => { Object.assign(state, Pages.readState(STATE)); slos(state, host, go); });
    await Promise.all([slos(state, host, go), firing(alerts)]);
    Pages.ready();
  }

  function objective(s) {
    if (s.type === 'latency') return 'P' + s.percentile + ' ≤ ' + Pages.ms(s.threshold_ms);
    if (s.type === 'error_rate') return 'errors ≤ ' + s.max_error_rate + '%';
    return s.target + '% available';
  }

  function selector(sel) { return Object.entries(sel || {}).map(([k, v]) => k + '=' + v).join(', '); }

  function pct(v) { return v === null || v === undefined ? '—' : typeof v === 'string' ? v : v.toFixed(2) + '%'; }

  function budget(st) {
    const v = st.error_budget_remaining_percent;
    if (typeof v !== 'number') return pct(v);
    const clamped = Math.max(0, Math.min(100, v));
    const meter = h('meter', { min: 0, max: 100, low: 25, high: 50, optimum: 100, value: clamped.toFixed(1),
      'aria-label': 'Error budget remaining' });
    return h('span', { class: 'budget' + (v < 0 ? ' exhausted' : v < 25 ? ' low' : '') }, meter, ' ', pct(v));
  }

  function burns(st) {
    return Object.entries(st.burn_rates || {}).map(([w, r]) => h('span', { class: 'chip burn' + (typeof r ===
      'number' && r >= 1 ? ' hot' : ''), title: 'burn rate over ' + w, text: w + ' ' + (typeof r === 'number'
      ? r.toFixed(2) + '×' : '—') }));
  }

  function verdict(st) {
    if (st.firing) return h('span', { class: 'status failed', text: 'firing (' + st.firing + ')' });
    if (!st.events) return h('span', { class: 'status killed', text: 'no data' });
    return st.meeting ? h('span', { class: 'status finished', text: 'meeting' })
      : h('span', { class: 'status crashed', text: 'breaching' });
  }

  async function slos(state, host, go) {
    const q = new URLSearchParams({ page: state.page, size: state.size });
    const data = await api('/ui/data/slos?' + q);
    document.getElementById('slo-count').textContent = Obs.num(data.total) + (data.total === 1 ? ' SLO' : ' SLOs');
    const rows = data.slos.map((s) => {
      const st = s.status || {};
      return [h('span', { class: 'slo-name', title: s.description, text: s.name }), s.type.replace('_', ' '),
        objective(s), selector(s.selector), s.window, s.status ? pct(st.compliance_percent) : '—',
        s.status ? budget(st) : h('span', { class: 'error', text: s.status_error || 'unavailable' }),
        s.status ? burns(st) : '', s.status ? verdict(st) : '', Obs.num(st.events || 0)];
    });
    clear(host, rows.length ? Pages.table('slos-table', 'Service level objectives', [{ label: 'SLO', cls: 'name' },
      { label: 'Type' }, { label: 'Objective' }, { label: 'Selector', cls: 'desc' }, { label: 'Window' },
      { label: 'Compliance', cls: 'num' }, { label: 'Budget remaining' }, { label: 'Burn rates', cls: 'wrap' },
      { label: 'Status' }, { label: 'Events', cls: 'num' }], rows)
      : h('p', { class: 'empty', text: 'No SLOs defined. Add them under slos: in the configuration file, with the'
        + ' MCP tool create_slo or POST /api/v1/slos.' }),
    Pages.pager(data.total, state.page, state.size, go));
  }

  async function firing(host) {
    const data = await api('/api/v1/alerts?state=firing');
    const rows = data.alerts.map((a) => [a.rule, h('span', { class: 'sev ' + a.severity, text: a.severity }),
      Pages.chips(Object.entries(a.labels || {}).map(([k, v]) => k + '=' + v)), Obs.num(a.value),
      Obs.num(a.threshold), Pages.dateTime(a.firing_since)]);
    clear(host, rows.length ? Pages.table('alerts-table', 'Firing alerts', [{ label: 'Rule', cls: 'name' },
      { label: 'Severity' }, { label: 'Labels', cls: 'wrap' }, { label: 'Value', cls: 'num' },
      { label: 'Threshold', cls: 'num' }, { label: 'Firing since' }], rows)
      : h('p', { class: 'muted', id: 'no-alerts', text: 'No alerts are firing.' }));
  }

  Pages.start(page, '', '/slos', 'SLOs and alerts');
})();
