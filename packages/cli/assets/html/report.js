// The script of hwcost's HTML reports, inlined after Chart.js. It builds each chart from the JSON
// its block carries (see src/reports/html/blocks.ts for the shapes), sorts tables on a header
// click and draws mask images. Plain browser JavaScript, no modules: the page must work offline.
(() => {
  'use strict';
  const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  const color = (i) => palette[i % palette.length];
  const count = new Intl.NumberFormat('en-US');
  const number = (v) => (v === null || v === undefined ? 'n/a' : count.format(v));

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  /** Horizontal 100 % bars, one per dimension, a stacked segment per layer. */
  function shareChart(canvas, spec) {
    const datasets = spec.series.map((s, i) => ({
      label: s.label,
      data: s.values.map((v, c) => (v === null || spec.totals[c] === 0 ? null : (100 * v) / spec.totals[c])),
      figures: s.values,
      backgroundColor: color(i),
    }));
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.categories.map((c, i) => `${c} (${number(spec.totals[i])})`), datasets },
      options: {
        indexAxis: 'y',
        scales: { x: { stacked: true, min: 0, max: 100, ticks: { callback: (v) => `${v}%` } }, y: { stacked: true } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${number(ctx.dataset.figures[ctx.dataIndex])} (${ctx.parsed.x.toFixed(1)}%)` } },
        },
      },
    });
  }

  function barChart(canvas, spec) {
    const show = spec.percent ? (v) => `${v.toFixed(1)}%` : number;
    const valueAxis = spec.percent ? { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } : { beginAtZero: true };
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: spec.categories, datasets: spec.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: s.color || color(i) })) },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        scales: spec.horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: {
          legend: { display: spec.series.length > 1, position: 'bottom' },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw === null ? 'n/a' : show(ctx.raw)}` } },
        },
      },
    });
  }

  /** Every sweep point, the front of the two measures shown marked and joined as a staircase. */
  function paretoChart(canvas, spec) {
    const [pickX, pickY] = canvas.closest('figure').querySelectorAll('select');
    const chart = new Chart(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'Pareto front', data: [], showLine: true, stepped: 'after', borderColor: color(1), backgroundColor: color(1), pointRadius: 4, order: 0 },
          { label: 'other points', data: [], backgroundColor: 'rgba(78, 121, 167, 0.35)', pointRadius: 2, order: 1 },
        ],
      },
      options: {
        scales: { x: { type: 'linear', title: { display: true } }, y: { type: 'linear', title: { display: true } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: (ctx) => `${spec.labels[ctx.raw.i]}: ${spec.measures[spec.x]} ${number(ctx.raw.x)}, ${spec.measures[spec.y]} ${number(ctx.raw.y)}`,
            },
          },
        },
      },
    });
    const show = () => {
      spec.x = Number(pickX.value);
      spec.y = Number(pickY.value);
      const key = spec.x <= spec.y ? `${spec.x},${spec.y}` : `${spec.y},${spec.x}`;
      const onFront = new Set(spec.fronts[key]);
      const at = (i) => ({ x: spec.points[i][spec.x], y: spec.points[i][spec.y], i });
      const front = [];
      const rest = [];
      spec.points.forEach((_p, i) => (onFront.has(i) ? front : rest).push(at(i)));
      front.sort((a, b) => a.x - b.x || a.y - b.y);
      chart.data.datasets[0].data = front;
      chart.data.datasets[1].data = rest;
      chart.options.scales.x.title.text = spec.measures[spec.x];
      chart.options.scales.y.title.text = spec.measures[spec.y];
      chart.update();
    };
    pickX.addEventListener('change', show);
    pickY.addEventListener('change', show);
    show();
    return chart;
  }

  const builders = { share: shareChart, bars: barChart, pareto: paretoChart };
  for (const script of document.querySelectorAll('script[type="application/json"][data-chart]')) {
    const spec = JSON.parse(script.textContent);
    builders[spec.kind](document.getElementById(script.dataset.chart), spec);
  }

  for (const canvas of document.querySelectorAll('canvas.mask-image')) {
    const rows = Number(canvas.dataset.rows);
    const cols = Number(canvas.dataset.cols);
    const bits = Uint8Array.from(atob(canvas.dataset.bits), (c) => c.charCodeAt(0));
    const context = canvas.getContext('2d');
    const image = context.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const kept = bits[i >> 3] & (0x80 >> (i & 7));
      image.data.set(kept ? [31, 59, 99, 255] : [226, 232, 240, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }

  function sortBy(table, th, column) {
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const key = (row) => {
      const cell = row.cells[column];
      return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent;
    };
    const order = (a, b) => {
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (typeof a === 'number') return -1;
      if (typeof b === 'number') return 1;
      return a.localeCompare(b, 'en', { numeric: true });
    };
    const body = table.tBodies[0];
    const rows = Array.from(body.rows, (row, i) => ({ row, i, key: key(row) }));
    rows.sort((a, b) => (ascending ? 1 : -1) * order(a.key, b.key) || a.i - b.i);
    for (const { row } of rows) body.appendChild(row);
  }
  for (const table of document.querySelectorAll('table.sortable')) {
    Array.from(table.tHead.rows[0].cells).forEach((th, column) => {
      th.tabIndex = 0;
      th.addEventListener('click', () => sortBy(table, th, column));
      th.addEventListener('keydown', (event) => event.key === 'Enter' && sortBy(table, th, column));
    });
  }

  // Tests (and anyone scripting the page) wait for this.
  document.documentElement.dataset.rendered = 'true';
})();
