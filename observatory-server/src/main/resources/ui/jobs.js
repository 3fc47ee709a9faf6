// Jobs ("/jobs"): training jobs with their status, paged on the server; a job ("/jobs/{id}"): its state, guardrail
// events and log tail, following every 2 s while it runs.
'use strict';
(() => {
  const { h, clear, api, enc } = Obs;
  const main = document.getElementById('main');
  const LIST = { status: '', page: 1, size: 25 };
  const STATUSES = ['pending', 'running', 'succeeded', 'failed', 'stopped', 'guardrail_stopped', 'lost'];
  const FOLLOW_MS = 2000;

  async function list() {
    Obs.crumbs(['Jobs']);
    const state = Pages.readState(LIST);
    const host = h('div', { id: 'jobs' });
    const go = (changes) => {
      Object.assign(state, changes);
      Pages.writeState(state, LIST, true);
      render(state, host, go).catch(Obs.showError);
    };
    const filter = Pages.select('f-status', 'Status', state.status, [['', 'any']].concat(STATUSES.map((s) => [s,
      s.replace('_', ' ')])));
    filter.querySelector('select').addEventListener('change', (e) => go({ status: e.target.value, page: 1 }));
    clear(main, h('div', { class: 'page-head' }, h('h1', { text: 'Jobs' }), h('span', { class: 'muted',
      id: 'job-count' })), h('form', { class: 'filters', 'aria-label': 'Filter jobs',
      onsubmit: (e) => e.preventDefault() }, filter), host);
    window.addEventListener('popstate', () => { Object.assign(state, Pages.readState(LIST)); render(state, host, go); });
    await render(state, host, go);
  }

  async function render(state, host, go) {
    const q = new URLSearchParams({ limit: state.size, offset: (state.page - 1) * state.size });
    if (state.status) q.set('status', state.status);
    const data = await api('/api/v1/jobs?' + q);
    document.getElementById('job-count').textContent = Obs.num(data.total) + (data.total === 1 ? ' job' : ' jobs');
    const rows = data.jobs.map((j) => [
      h('a', { href: '/jobs/' + enc(j.job_id), text: j.name || j.job_id }),
      Obs.status(j.status),
      j.project || '',
      j.run_id ? h('a', { href: '/runs/' + enc(j.run_id), class: 'mono', text: j.run_id }) : '',
      Pages.dateTime(j.started || j.created),
      j.duration_seconds === undefined ? '' : Obs.duration(j.duration_seconds * 1000),
      j.guardrail ? h('span', { class: 'guardrail', text: j.guardrail.guardrail + ': ' + j.guardrail.reason })
        : j.failure || '']);
    clear(host, rows.length ? Pages.table('jobs-table', 'Training jobs', [{ label: 'Name', cls: 'name' },
      { label: 'Status' }, { label: 'Project' }, { label: 'Run' }, { label: 'Started' }, { label: 'Duration',
        cls: 'num' }, { label: 'Failure or guardrail', cls: 'desc' }], rows)
      : h('p', { class: 'empty', text: state.status ? 'No ' + state.status.replace('_', ' ') + ' jobs.'
        : 'No jobs yet. Start one with the MCP tool start_job or POST /api/v1/jobs.' }),
    Pages.pager(data.total, state.page, state.size, go));
    Pages.ready();
  }

  // ---- one job
  const id = document.body.dataset.job;
  let timer = null;

  async function job() {
    Obs.crumbs(['Jobs', '/jobs'], [id]);
    const j = await api('/api/v1/jobs/' + enc(id));
    const follow = h('input', { type: 'checkbox', id: 'follow', checked: !isDone(j) });
    const lines = h('ol', { class: 'logs', id: 'job-log', tabindex: '0', 'aria-label': 'Log tail',
      'aria-live': 'polite' });
    clear(main, h('section', { class: 'panel', id: 'job-head' }), h('h2', { text: 'Events and guardrail alerts' }),
      h('div', { id: 'job-events' }), h('h2', { text: 'Log tail' }),
      h('div', { class: 'logs-bar' }, h('label', { for: 'follow' }, follow, ' Follow (every 2 s while it runs)'),
        h('span', { class: 'muted', id: 'log-count' })), lines);
    follow.addEventListener('change', () => schedule(follow));
    await refresh(j);
    schedule(follow);
    Pages.ready();
  }

  function isDone(j) { return j.status !== 'running' && j.status !== 'pending'; }

  function schedule(follow) {
    clearTimeout(timer);
    if (!follow.checked) return;
    timer = setTimeout(async () => {
      try {
        const j = await api('/api/v1/jobs/' + enc(id));
        await refresh(j);
        if (isDone(j)) follow.checked = false;
      } catch (e) { /* keep the page; try again */ }
      schedule(follow);
    }, FOLLOW_MS);
  }

  async function refresh(j) {
    head(j);
    events(j);
    const tail = await api('/api/v1/jobs/' + enc(id) + '/logs?lines=200');
    const box = document.getElementById('job-log');
    const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
    clear(box, tail.lines.map((l) => h('li', { class: /error|traceback|nan/i.test(l) ? 'ERROR' : null, text: l })));
    if (!tail.lines.length) box.append(h('li', { class: 'muted', text: 'No output yet.' }));
    document.getElementById('log-count').textContent = tail.lines.length + ' of ' + Obs.num(tail.matched)
      + ' lines';
    if (atEnd || document.getElementById('follow').checked) box.scrollTop = box.scrollHeight;
  }

  function head(j) {
    const row = (k, v) => [h('dt', { text: k }), h('dd', {}, v === null || v === undefined || v === '' ? '—' : v)];
    clear(document.getElementById('job-head'), h('div', { class: 'page-head' }, h('h1', { text: j.name || j.job_id }),
      h('span', { id: 'job-status' }, Obs.status(j.status))),
    h('dl', { class: 'meta' }, row('Job id', h('code', { text: j.job_id })), row('Project', j.project),
      row('Run', j.run_id ? h('a', { href: '/runs/' + enc(j.run_id), text: j.run_id }) : null),
      row('Command', j.spec ? h('code', { text: j.spec.argv.join(' ') }) : null),
      row('Process', j.pid === undefined ? null : 'pid ' + j.pid), row('Exit code', j.exit_code),
      row('Created', Pages.dateTime(j.created)), row('Started', Pages.dateTime(j.started)),
      row('Ended', Pages.dateTime(j.ended)),
      row('Duration', j.duration_seconds === undefined ? null : Obs.duration(j.duration_seconds * 1000)),
      row('Failure', j.failure), row('Error signature', j.error_signature ? h('code', { text: j.error_signature })
        : null)));
  }

  function events(j) {
    const host = document.getElementById('job-events');
    const g = j.guardrail;
    const fired = g ? h('div', { class: 'error', role: 'note', id: 'guardrail' },
      h('strong', { text: 'Guardrail ' + g.guardrail + ' fired' + (g.step !== undefined ? ' at step ' + g.step : '')
        + ': ' }), g.reason, Object.keys(g.values || {}).length ? h('div', {}, Object.entries(g.values).map(([k, v]) =>
        h('span', { class: 'chip', text: k + ' ' + Obs.num(v) }))) : null) : null;
    const list = j.events || [];
    const rows = list.map((e) => [Pages.dateTime(e.at), h('span', { class: 'sev ' + e.severity, text: e.severity }),
      e.kind, e.message]);
    clear(host, fired, rows.length ? Pages.table('events-table', 'Job events', [{ label: 'When' },
      { label: 'Severity' }, { label: 'Event' }, { label: 'Message', cls: 'desc' }], rows,
    (i) => 'sev-' + list[i].severity) : h('p', { class: 'muted', text: 'No events.' }));
  }

  if (document.body.dataset.page === 'jobs') Pages.start(list, '', '/jobs', 'Jobs');
  else Pages.start(job, 'There is no job with id “' + id + '”.', '/jobs', 'Jobs');
})();
