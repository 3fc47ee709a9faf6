// Metric charts on ECharts. Each chart asks the server for its series M4-downsampled to the chart's pixel width
// (so a million-point series costs what a thousand-point one does); zooming re-fetches the visible step range at full
// resolution and splices it into the overview. Smoothing (debiased EMA), log/linear y, NaN/Inf marked as red bands.
'use strict';
const Charts = (() => {
  const { h, api, num, enc } = Obs;
  const PALETTE = ['#2563eb', '#e8590c', '#2b8a3e', '#c2255c', '#7048e8', '#0c8599', '#a61e4d', '#5c940d',
    '#d9480f', '#495057'];
  const settings = { smoothing: 0, log: false };
  const all = [];
  let drawn = 0;
  let expected = 0;

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  async function fetchSeries(runId, key, width, from, to) {
    const q = new URLSearchParams({ key, max_points: Math.max(50, Math.min(4000, Math.round(width))) });
    if (from !== undefined) { q.set('from_step', Math.floor(from)); q.set('to_step', Math.ceil(to)); }
    const d = await api('/api/v1/runs/' + enc(runId) + '/metric?' + q);
    const pts = [];
    const bad = [];
    const steps = d.points.steps;
    const values = d.points.values;
    for (let i = 0; i < steps.length; i++) {
      const v = values[i];
      if (typeof v === 'number') pts.push([steps[i], v]);
      else { pts.push([steps[i], null]); bad.push(steps[i]); }
    }
    for (const b of d.buckets || []) if (b.nan_count > 0) { bad.push(b.first_step); bad.push(b.last_step); }
    return { points: pts, bad, summary: d.summary };
  }

  /** Consecutive non-finite steps as [from, to] ranges (a gap of more than 2% of the range starts a new band). */
  function bands(bad, span) {
    if (!bad.length) return [];
    const s = [...new Set(bad)].sort((a, b) => a - b);
    const gap = Math.max(1, span * 0.02);
    const out = [[s[0], s[0]]];
    for (const x of s.slice(1)) {
      const last = out[out.length - 1];
      if (x - last[1] <= gap) last[1] = x; else out.push([x, x]);
    }
    const pad = Math.max(0.5, span / 500);
    return out.map(([a, b]) => [a - pad, b + pad]);
  }

  /** TensorBoard's debiased exponential moving average; null values stay gaps. */
  function ema(points, weight) {
    if (!weight) return points;
    let last = 0;
    let n = 0;
    return points.map(([x, y]) => {
      if (y === null || !Number.isFinite(y)) return [x, null];
      last = last * weight + (1 - weight) * y;
      n++;
      return [x, last / (1 - Math.pow(weight, n))];
    });
  }

  /**
   * One chart: sources are [{runId, label}] (one on a run page, several on compare); el is the chart's container.
   */
  class MetricChart {
    constructor(el, key, sources, onDrawn) {
      this.el = el;
      this.key = key;
      this.sources = sources.map((s, i) => Object.assign({ color: PALETTE[i % PALETTE.length] }, s));
      this.onDrawn = onDrawn;
      this.zoom = null; // [from, to] steps while zoomed
      this.chart = echarts.init(el, null, { renderer: 'canvas' });
      this.chart.on('datazoom', () => { if (!this.applying) this.zoomed(); });
      this.chart.on('finished', () => {
        if (!this.drawn && this.loaded) { this.drawn = true; markDrawn(this); }
      });
      all.push(this);
    }

    async load() {
      const width = this.el.clientWidth || 600;
      const series = await Promise.all(this.sources.map((s) => fetchSeries(s.runId, this.key, width)
        .catch((e) => (e.status === 404 ? null : Promise.reject(e)))));
      this.overview = series;
      this.detail = null;
      this.min = Math.min(...series.filter(Boolean).map((s) => s.summary.first_step));
      this.max = Math.max(...series.filter(Boolean).map((s) => s.summary.last_step));
      if (this.max === this.min) this.max = this.min + 1;
      this.loaded = true;
      this.render();
      return series;
    }

    zoomed() {
      clearTimeout(this.timer);
      this.timer = setTimeout(async () => {
        const dz = this.chart.getOption().dataZoom[0];
        const span = this.max - this.min;
        const from = this.min + span * dz.start / 100;
        const to = this.min + span * dz.end / 100;
        if (dz.start <= 0 && dz.end >= 100) { this.zoom = null; this.detail = null; this.render(); return; }
        this.zoom = [from, to];
        const width = this.el.clientWidth || 600;
        const detail = await Promise.all(this.sources.map((s, i) => (this.overview[i]
          ? fetchSeries(s.runId, this.key, width, from, to).catch(() => null) : null)));
        if (this.zoom && this.zoom[0] === from && this.zoom[1] === to) { this.detail = detail; this.render(); }
      }, 150);
    }

    resetZoom() {
      this.chart.dispatchAction({ type: 'dataZoom', start: 0, end: 100 });
    }

    /** Overview points outside the zoomed window, the detailed points inside it. */
    points(i) {
      const o = this.overview[i];
      const d = this.detail && this.detail[i];
      if (!d || !this.zoom) return o.points;
      const [a, b] = this.zoom;
      return o.points.filter((p) => p[0] < a).concat(d.points, o.points.filter((p) => p[0] > b));
    }

    render() {
      const text = css('--text');
      const muted = css('--muted');
      const grid = css('--grid');
      const danger = css('--danger');
      const smoothing = settings.smoothing;
      const series = [];
      this.sources.forEach((s, i) => {
        if (!this.overview[i]) return;
        let pts = this.points(i);
        if (settings.log) pts = pts.map(([x, y]) => [x, y !== null && y > 0 ? y : null]);
        const bad = bands(this.overview[i].bad.concat(this.detail && this.detail[i] ? this.detail[i].bad : []),
          this.max - this.min);
        const main = { name: s.label, type: 'line', data: smoothing ? ema(pts, smoothing) : pts,
          showSymbol: pts.length <= 60,
          symbolSize: 4, connectNulls: false, lineStyle: { width: 1.6, color: s.color }, itemStyle: { color: s.color },
          emphasis: { disabled: true }, z: 3 };
        if (bad.length) {
          main.markArea = { silent: true, itemStyle: { color: danger, opacity: 0.18 },
            label: { show: true, color: danger, fontSize: 10, position: 'insideBottom', formatter: 'NaN/Inf' },
            data: bad.map(([a, b]) => [{ xAxis: a }, { xAxis: b }]) };
        }
        if (smoothing) {
          series.push({ name: s.label + ' (raw)', type: 'line', data: pts, showSymbol: false, silent: true,
            lineStyle: { width: 1, color: s.color, opacity: 0.25 }, itemStyle: { color: s.color },
            tooltip: { show: false }, z: 2 });
        }
        series.push(main);
      });
      this.chart.setOption({
        animation: false, backgroundColor: 'transparent', textStyle: { color: text },
        grid: { left: 8, right: 28, top: 30, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', confine: true, backgroundColor: css('--panel'), borderColor: css('--border'),
          textStyle: { color: text, fontSize: 12 }, axisPointer: { type: 'line', lineStyle: { color: muted } },
          formatter: (items) => tooltip(items, this.key) },
        xAxis: { type: 'value', min: this.min, max: this.max, axisLabel: { color: muted, hideOverlap: true,
          formatter: (v) => num(v) }, axisLine: { lineStyle: { color: grid } }, splitLine: { show: false } },
        yAxis: { type: settings.log ? 'log' : 'value', scale: true, axisLabel: { color: muted, formatter: (v) => num(v) },
          splitLine: { lineStyle: { color: grid } } },
        dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'shift',
          moveOnMouseWheel: false, moveOnMouseMove: true }],
        toolbox: { show: true, right: 4, top: 0, itemSize: 13, iconStyle: { borderColor: muted },
          feature: { dataZoom: { yAxisIndex: 'none', title: { zoom: 'Zoom to a step range', back: 'Undo zoom' } },
            restore: { show: false } } },
        series,
      }, { notMerge: true });
      // keep the zoom window across re-renders
      if (this.zoom) {
        const span = this.max - this.min;
        this.applying = true;
        try {
          this.chart.dispatchAction({ type: 'dataZoom', start: (this.zoom[0] - this.min) / span * 100,
            end: (this.zoom[1] - this.min) / span * 100 });
        } finally { this.applying = false; }
      }
      this.chart.dispatchAction({ type: 'takeGlobalCursor', key: 'dataZoomSelect', dataZoomSelectActive: true });
    }
  }

  /** Tooltip as DOM (no HTML strings: run names are user data): step, then each series' value. */
  function tooltip(items, key) {
    const list = Array.isArray(items) ? items : [items];
    const box = h('div', {}, h('div', { class: 'tt-head' }, h('strong', { text: key }), '  step ',
      num(list.length ? list[0].value[0] : '')));
    for (const it of list) {
      const sw = h('span', { class: 'swatch' });
      sw.style.background = it.color;
      const v = it.value[1];
      box.append(h('div', {}, sw, ' ', it.seriesName, ': ', h('strong', { text: v === null ? 'NaN/Inf' : num(v) })));
    }
    return box;
  }

  function markDrawn() {
    drawn++;
    if (drawn === expected) {
      performance.mark('obs-charts-drawn');
      document.body.dataset.chartsDrawn = String(drawn);
    }
  }

  function expect(n) {
    expected = n;
    if (n === 0) document.body.dataset.chartsDrawn = '0';
  }

  /** The metric keys grouped by prefix (train/, eval/, system/, ...; keys without one under "metrics"). */
  function groups(keys) {
    const order = ['train', 'eval', 'val', 'test', 'charts', 'losses', 'metrics', 'system'];
    const g = new Map();
    for (const k of keys) {
      const i = k.indexOf('/');
      const name = i > 0 ? k.slice(0, i) : 'metrics';
      if (!g.has(name)) g.set(name, []);
      g.get(name).push(k);
    }
    const rank = (n) => (order.includes(n) ? order.indexOf(n) : order.length - 1.5);
    return [...g.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  }

  /** The smoothing slider, y-scale switch and reset button that drive every chart of the page. */
  function controls() {
    const out = h('output', { for: 'smoothing', id: 'smoothing-value', text: '0' });
    const slider = h('input', { type: 'range', id: 'smoothing', min: 0, max: 0.99, step: 0.01, value: 0,
      oninput: () => {
        settings.smoothing = Number(slider.value);
        out.textContent = slider.value;
        clearTimeout(slider.timer);
        slider.timer = setTimeout(() => all.forEach((c) => c.loaded && c.render()), 60);
      } });
    const scale = h('select', { id: 'y-scale', onchange: () => {
      settings.log = scale.value === 'log';
      all.forEach((c) => c.loaded && c.render());
    } }, h('option', { value: 'linear', text: 'linear' }), h('option', { value: 'log', text: 'log' }));
    return h('div', { class: 'chart-controls', role: 'group', 'aria-label': 'Chart settings' },
      h('label', { for: 'smoothing' }, 'Smoothing', slider, out),
      h('label', { for: 'y-scale' }, 'Y axis', scale),
      h('button', { type: 'button', text: 'Reset zoom', onclick: () => all.forEach((c) => c.resetZoom()) }),
      h('span', { class: 'muted', text: 'Drag a range (or Shift+wheel) to zoom; zoomed ranges load at full resolution.'
        + ' Red bands mark NaN/Inf.' }));
  }

  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => all.forEach((c) => c.chart.resize()), 100);
  });
  document.addEventListener('obs-theme', () => all.forEach((c) => c.loaded && c.render()));

  return { MetricChart, groups, controls, expect, PALETTE, settings, all };
})();
