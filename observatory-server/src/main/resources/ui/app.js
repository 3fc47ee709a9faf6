// Shared helpers of the Observatory UI. Every piece of user data goes into the page through textContent or
// attribute values set by DOM calls (never innerHTML), so run names, tags, params and log lines cannot inject markup.
'use strict';
const Obs = (() => {
  const KEY = 'obs-api-key';

  /** Builds an element: attrs are attributes (on* functions become listeners), children strings become text. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  function clear(el, ...children) { el.replaceChildren(); return append(el, children); }

  class HttpError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  function apiKey() { try { return sessionStorage.getItem(KEY); } catch (e) { return null; } }

  /** GET a JSON resource of this server, with the API key as a header when one was entered. */
  async function api(path) {
    const headers = { Accept: 'application/json' };
    const key = apiKey();
    if (key) headers['X-API-Key'] = key;
    const r = await fetch(path, { headers, credentials: 'omit', cache: 'no-store' });
    if (r.ok) return r.json();
    let message = r.status + ' ' + r.statusText;
    try { const body = await r.json(); if (body && body.error) message = body.error.message; } catch (e) { /* keep */ }
    if (r.status === 401) askForKey(message);
    throw new HttpError(r.status, message);
  }

  function askForKey(message) {
    if (document.getElementById('key-dialog')) return;
    const input = h('input', { id: 'key-input', type: 'password', autocomplete: 'off', required: true,
      spellcheck: 'false' });
    const dialog = h('dialog', { id: 'key-dialog', 'aria-labelledby': 'key-title' },
      h('form', { method: 'dialog', onsubmit: (e) => {
        e.preventDefault();
        try { sessionStorage.setItem(KEY, input.value.trim()); } catch (err) { /* no storage */ }
        location.reload();
      } },
      h('h2', { id: 'key-title', text: 'API key required' }),
      h('p', { class: 'muted', text: message }),
      h('p', { text: 'This server requires an API key. It is kept in this browser tab only (sessionStorage) and'
        + ' sent as the X-API-Key header; create one with “observatory keys create”.' }),
      h('label', { for: 'key-input', text: 'API key' }), input,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: 'Use key' }))));
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  }

  function setupChrome() {
    const theme = document.getElementById('theme-button');
    if (theme) {
      const current = () => document.documentElement.getAttribute('data-theme')
        || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
      const label = () => { theme.textContent = current() === 'dark' ? '☀ Light' : '☾ Dark'; };
      label();
      theme.addEventListener('click', () => {
        const next = current() === 'dark' ? 'light' : 'dark';
        document.documentElement.setAttribute('data-theme', next);
        try { localStorage.setItem('obs-theme', next); } catch (e) { /* not kept */ }
        label();
        document.dispatchEvent(new CustomEvent('obs-theme'));
      });
    }
    const keyButton = document.getElementById('key-button');
    if (keyButton && apiKey()) {
      keyButton.hidden = false;
      keyButton.textContent = 'Forget API key';
      keyButton.addEventListener('click', () => { sessionStorage.removeItem(KEY); location.reload(); });
    }
  }

  function crumbs(...items) {
    const nav = document.getElementById('crumbs');
    if (!nav) return;
    clear(nav, items.map((it, i) => [i ? h('span', { class: 'sep', 'aria-hidden': 'true', text: '/' }) : null,
      it[1] ? h('a', { href: it[1], text: it[0] }) : h('span', { 'aria-current': 'page', text: it[0] })]));
  }

  /** Renders the helpful not-found message in place of the page. */
  function notFound(what) {
    document.title = 'Not found · Observatory';
    clear(document.getElementById('main'), h('section', { class: 'not-found', 'aria-labelledby': 'nf-title' },
      h('h1', { id: 'nf-title', text: 'Not found' }), h('p', { class: 'lead', text: what }),
      h('p', { text: 'It may have been mistyped, or the data was recorded in another Observatory instance or data'
        + ' directory.' }),
      h('ul', {}, h('li', {}, h('a', { href: '/', text: 'All projects' }), ' lists every project and its runs.'),
        h('li', {}, 'Run ids are 16-character codes; the runs table and the MCP tools ', h('code', { text: 'list_runs' }),
          ' and ', h('code', { text: 'search' }), ' show them.'))));
  }

  function showError(e) {
    if (e instanceof HttpError && e.status === 401) return;
    clear(document.getElementById('main'), h('p', { class: 'error', role: 'alert', text: 'Could not load: '
      + (e && e.message ? e.message : e) }));
  }

  function status(s) { return h('span', { class: 'status ' + s, text: s }); }

  function num(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v; // NaN / Infinity as sent by the server
    if (typeof v !== 'number') return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString('en-US');
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return Number(v.toPrecision(4)).toExponential().replace('e+', 'e');
    return String(Number(v.toPrecision(5)));
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    let s = Math.round(ms / 1000);
    const d = Math.floor(s / 86400); s -= d * 86400;
    const hh = Math.floor(s / 3600); s -= hh * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    if (d) return d + 'd ' + hh + 'h';
    if (hh) return hh + 'h ' + m + 'm';
    if (m) return m + 'm ' + s + 's';
    return s + 's';
  }

  function when(iso) {
    if (!iso) return '';
    const t = new Date(iso);
    const ago = (Date.now() - t.getTime()) / 1000;
    if (ago >= 0 && ago < 60) return 'just now';
    if (ago >= 0 && ago < 3600) return Math.floor(ago / 60) + ' min ago';
    if (ago >= 0 && ago < 86400) return Math.floor(ago / 3600) + ' h ago';
    return t.toISOString().slice(0, 16).replace('T', ' ');
  }

  /** Nested params as dotted leaf paths (lists as compact text), like the server's runs table. */
  function flatten(obj, prefix, out) {
    out = out || {};
    for (const [k, v] of Object.entries(obj || {})) {
      const p = prefix ? prefix + '.' + k : k;
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) flatten(v, p, out);
      else out[p] = Array.isArray(v) ? '[' + v.join(', ') + ']' : v;
    }
    return out;
  }

  function enc(s) { return encodeURIComponent(s); }

  document.addEventListener('DOMContentLoaded', setupChrome);
  return { h, append, clear, api, HttpError, crumbs, notFound, showError, status, num, duration, when, flatten,
    enc };
})();
