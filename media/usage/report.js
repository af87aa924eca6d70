// The usage report webview: customer cards with a daily vCore-hour chart, and a sortable table of every
// customer × meter row. Data and localised labels come from the extension in one message; the page only renders.
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  let state = { report: undefined, labels: {}, locale: 'en', sort: { key: 'displayName', direction: 'ascending' } };

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    for (const child of children) node.append(child);
    return node;
  }

  const number = (value, digits = 2) => new Intl.NumberFormat(state.locale, { maximumFractionDigits: digits }).format(value);

  function chart(daily, label) {
    if (!daily.length || daily.every((d) => d.vCoreHours === 0)) return el('div', { class: 'empty', text: state.labels.noVmUsage });
    const width = 300;
    const height = 48;
    const max = Math.max(...daily.map((d) => d.vCoreHours));
    const step = width / daily.length;
    const bars = daily.map((d, i) => {
      const h = Math.max(1, (d.vCoreHours / max) * (height - 2));
      return svg('rect', { x: (i * step + step * 0.1).toFixed(1), y: (height - h).toFixed(1), width: Math.max(1, step * 0.8).toFixed(1), height: h.toFixed(1) },
        svg('title', {}, `${d.day}: ${number(d.vCoreHours)} ${state.labels.vCoreHours}`));
    });
    return svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label }, ...bars);
  }

  function card(customer) {
    const flagged = customer.billing.kind !== 'customer';
    return el('section', { class: 'card', 'data-subscription': customer.subscriptionId },
      el('h2', { text: customer.displayName }),
      el('div', { class: 'owner', text: `${customer.owner} · ${customer.subscriptionId}` }),
      el('div', { class: 'total' }, document.createTextNode(number(customer.vCoreHours)), el('small', { text: ` ${state.labels.vCoreHours}` })),
      chart(customer.daily, `${state.labels.chartLabel} ${customer.displayName}`),
      el('div', { class: flagged ? 'billing flag' : 'billing', text: `${flagged ? '⚠ ' : ''}${customer.billingText}` }));
  }

  const columns = [
    { key: 'displayName', label: 'customer' },
    { key: 'meterName', label: 'meter' },
    { key: 'quantity', label: 'quantity', numeric: true },
    { key: 'unit', label: 'unit' },
    { key: 'billedTo', label: 'billedTo' },
  ];

  function sortedRows() {
    const { key, direction } = state.sort;
    const factor = direction === 'ascending' ? 1 : -1;
    return [...state.report.rows].sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), state.locale);
      return factor * (order || a.displayName.localeCompare(b.displayName) || a.meterName.localeCompare(b.meterName));
    });
  }

  function table() {
    const head = el('tr', {}, ...columns.map((column) => {
      const sorted = state.sort.key === column.key ? state.sort.direction : 'none';
      return el('th', { 'aria-sort': sorted, scope: 'col' }, el('button', {
        text: state.labels[column.label],
        onclick: () => {
          const direction = state.sort.key === column.key && state.sort.direction === 'ascending' ? 'descending' : 'ascending';
          state.sort = { key: column.key, direction };
          render();
        },
      }));
    }));
    const body = sortedRows().map((row) => el('tr', { class: row.knownMeter ? '' : 'unknown' },
      el('td', {}, document.createTextNode(row.displayName), el('div', { class: 'id', text: row.subscriptionId })),
      el('td', { class: 'meter' }, document.createTextNode(row.meterName), row.knownMeter ? null : el('div', { class: 'id', text: state.labels.unknownMeter })),
      el('td', { class: 'number', text: number(row.quantity, 4) }),
      el('td', { text: row.unit }),
      el('td', { text: row.billedTo || row.billingText })));
    return el('table', { 'aria-label': state.labels.tableLabel }, el('thead', {}, head), el('tbody', {}, ...body));
  }

  function render() {
    const { report, labels } = state;
    const notices = [];
    if (report.skippedRecords > 0) notices.push(el('div', { class: 'notice', text: labels.skipped }));
    root.replaceChildren(
      el('header', {},
        el('h1', { text: labels.title }),
        el('span', { class: 'meta', text: labels.subtitle }),
        el('div', { class: 'actions' },
          el('button', { text: labels.exportCsv, onclick: () => vscode.postMessage({ type: 'export', format: 'csv' }) }),
          el('button', { class: 'secondary', text: labels.exportJson, onclick: () => vscode.postMessage({ type: 'export', format: 'json' }) }),
          el('button', { class: 'secondary', text: labels.priceHelp, onclick: () => vscode.postMessage({ type: 'priceHelp' }) }))),
      ...notices,
      el('div', { class: 'customers' }, ...report.customers.map(card)),
      report.rows.length ? table() : el('p', { text: labels.noUsage }));
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type !== 'report') return;
    state = { ...state, report: message.report, labels: message.labels, locale: message.locale };
    vscode.setState({ report: message.report, labels: message.labels, locale: message.locale });
    render();
    vscode.postMessage({ type: 'rendered', customers: document.querySelectorAll('.card').length, rows: document.querySelectorAll('tbody tr').length });
  });

  const saved = vscode.getState();
  if (saved) {
    state = { ...state, ...saved };
    render();
  }
  vscode.postMessage({ type: 'ready' });
})();
