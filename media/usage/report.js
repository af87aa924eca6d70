// The usage report webview: customer cards with a daily vCore-hour chart (and, with prices, cost, resale and
// margin), a sortable table of every customer × meter × period row, and totals per billed Azure subscription. Data
// and localised labels come from the extension in one message; the page only renders, in the user's number format.
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
  // Amounts, prices and periods arrive written in the reader's language (core/usage/format.ts).
  const priced = () => state.report.pricing.any;

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

  function money3(customer) {
    if (!priced() || !customer.hasTotals) return null;
    const { labels } = state;
    return el('dl', { class: 'money' },
      el('dt', { text: labels.cost }), el('dd', { text: customer.totals.cost }),
      el('dt', { text: labels.resale }), el('dd', { text: customer.totals.resale }),
      el('dt', { text: labels.margin }), el('dd', { text: customer.totals.margin }));
  }

  function card(customer) {
    const flagged = customer.billing.kind !== 'customer';
    return el('section', { class: 'card', 'data-subscription': customer.subscriptionId },
      el('h2', { text: customer.displayName }),
      el('div', { class: 'owner', text: `${customer.owner} · ${customer.subscriptionId}` }),
      el('div', { class: 'total' }, document.createTextNode(number(customer.vCoreHours)), el('small', { text: ` ${state.labels.vCoreHours}` })),
      chart(customer.daily, `${state.labels.chartLabel} ${customer.displayName}`),
      money3(customer),
      el('div', { class: flagged ? 'billing flag' : 'billing', text: `${flagged ? '⚠ ' : ''}${customer.billingText}` }));
  }

  const baseColumns = [
    { key: 'displayName', label: 'customer' },
    { key: 'meterName', label: 'meter' },
    { key: 'periodStart', label: 'period' },
    { key: 'quantity', label: 'quantity', numeric: true },
    { key: 'unit', label: 'unit' },
    { key: 'billedTo', label: 'billedTo' },
  ];
  const priceColumns = [
    { key: 'unitPrice', label: 'microsoftPrice', numeric: true },
    { key: 'cost', label: 'cost', numeric: true },
    { key: 'resale', label: 'resale', numeric: true },
    { key: 'margin', label: 'margin', numeric: true },
  ];
  const columns = () => (priced() ? [...baseColumns, ...priceColumns] : baseColumns);
  const sortValue = (row, key) => (key === 'unitPrice' ? (row.costStatus.kind === 'priced' ? row.costStatus.unitPrice : -1) : row[key] ?? -Infinity);

  function priceCell(row) {
    const { labels } = state;
    const status = row.costStatus;
    if (status.kind === 'notBilled') return el('td', { class: 'muted', text: labels.notBilled });
    if (status.kind === 'noPrice') {
      const why = status.reason === 'unknownMeter' ? labels.unknownMeterPrice : status.reason === 'unitMismatch' ? `${labels.unitMismatch} (${status.unitOfMeasure})` : labels.noPrice;
      return el('td', { class: 'unpriced', text: `⚠ ${why}` });
    }
    return el('td', { class: 'number' }, document.createTextNode(`${row.text.unitPrice} / ${status.unitOfMeasure}`),
      el('div', { class: 'id', text: [row.commerceMeterName || row.commerceMeterId, status.tiered ? labels.tiered : ''].filter(Boolean).join(' · ') }));
  }

  function resaleCell(row) {
    const { labels } = state;
    const status = row.resaleStatus;
    if (status.kind === 'none' || row.resale === undefined) return el('td', { class: 'number muted', text: '—' });
    const basis = status.kind === 'markup' ? `${labels.markup} ${number(status.percent)} %`
      : `${row.text.resaleUnitPrice}${status.unitOfMeasure ? ` / ${status.unitOfMeasure}` : ''}${status.customerPrice ? ` · ${labels.customerPrice}` : ''}`;
    return el('td', { class: 'number' }, document.createTextNode(row.text.resale), el('div', { class: 'id', text: basis }));
  }

  function sortedRows() {
    const { key, direction } = state.sort;
    const factor = direction === 'ascending' ? 1 : -1;
    return [...state.report.rows].sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), state.locale);
      return factor * (order || a.displayName.localeCompare(b.displayName) || a.meterName.localeCompare(b.meterName));
    });
  }

  function table() {
    const head = el('tr', {}, ...columns().map((column) => {
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
    const body = sortedRows().map((row) => el('tr', { class: `${row.knownMeter ? '' : 'unknown'}${row.costStatus.kind === 'priced' ? ' priced' : ''}` },
      el('td', {}, document.createTextNode(row.displayName), el('div', { class: 'id', text: row.subscriptionId })),
      el('td', { class: 'meter' }, document.createTextNode(row.meterName), row.knownMeter ? null : el('div', { class: 'id', text: state.labels.unknownMeter })),
      el('td', { class: 'nowrap', text: row.text.period }),
      el('td', { class: 'number', text: number(row.quantity, 4) }),
      el('td', { text: row.unit }),
      el('td', { text: row.billedTo || row.billingText }),
      ...(priced() ? [priceCell(row), el('td', { class: 'number', text: row.text.cost }), resaleCell(row), el('td', { class: 'number', text: row.text.margin })] : [])));
    return el('table', { class: 'rows', 'aria-label': state.labels.tableLabel }, el('thead', {}, head), el('tbody', {}, ...body));
  }

  function subscriptionTotals() {
    const { labels, report } = state;
    const { billedSubscriptions, totals, hasTotals } = report.pricing;
    if (!priced() || !hasTotals) return null;
    const row = (name, count, sums) => el('tr', {},
      el('td', { text: name }), el('td', { class: 'number', text: count === '' ? '' : number(count, 0) }),
      el('td', { class: 'number', text: sums.cost }), el('td', { class: 'number', text: sums.resale }), el('td', { class: 'number', text: sums.margin }));
    return el('table', { class: 'subscriptions', 'aria-label': labels.subscriptionsLabel },
      el('caption', { text: labels.subscriptionsLabel }),
      el('thead', {}, el('tr', {}, ...[labels.billedTo, labels.customersHeading, labels.cost, labels.resale, labels.margin].map((text) => el('th', { scope: 'col', text })))),
      el('tbody', {}, ...billedSubscriptions.map((s) => row(s.billedSubscriptionId || labels.notSignedIn, s.customers, s.totals))),
      el('tfoot', {}, row(labels.totalLabel, '', totals)));
  }

  function render() {
    const { report, labels } = state;
    const notices = [];
    if (report.skippedRecords > 0) notices.push(el('div', { class: 'notice', text: labels.skipped }));
    if (!priced()) notices.push(el('div', { class: 'notice info', text: labels.noPrices }));
    else notices.push(el('p', { class: 'pricing-note', text: labels.pricingNote }));
    if (priced() && report.pricing.unpricedRows > 0) notices.push(el('div', { class: 'notice', role: 'status', text: labels.unpriced }));
    if (report.pricing.priceChanges > 0) notices.push(el('div', { class: 'notice', text: labels.priceChanges }));
    root.replaceChildren(
      el('header', {},
        el('h1', { text: labels.title }),
        el('span', { class: 'meta', text: labels.subtitle }),
        el('div', { class: 'actions' },
          el('button', { text: labels.exportCsv, onclick: () => vscode.postMessage({ type: 'export', format: 'csv' }) }),
          el('button', { class: 'secondary', text: labels.exportJson, onclick: () => vscode.postMessage({ type: 'export', format: 'json' }) }),
          priced() ? el('button', { text: labels.exportInvoicesCsv, onclick: () => vscode.postMessage({ type: 'exportInvoices', format: 'csv' }) }) : null,
          priced() ? el('button', { class: 'secondary', text: labels.exportInvoicesJson, onclick: () => vscode.postMessage({ type: 'exportInvoices', format: 'json' }) }) : null,
          el('button', { class: 'secondary', text: labels.importPrices, onclick: () => vscode.postMessage({ type: 'importPrices' }) }),
          el('button', { class: 'secondary', text: labels.priceHelp, onclick: () => vscode.postMessage({ type: 'priceHelp' }) }))),
      ...notices,
      el('div', { class: 'customers' }, ...report.customers.map(card)),
      ...[subscriptionTotals()].filter(Boolean),
      report.rows.length ? table() : el('p', { text: labels.noUsage }));
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type !== 'report') return;
    state = { ...state, report: message.report, labels: message.labels, locale: message.locale };
    vscode.setState({ report: message.report, labels: message.labels, locale: message.locale });
    render();
    vscode.postMessage({
      type: 'rendered', customers: document.querySelectorAll('.card').length, rows: document.querySelectorAll('table.rows > tbody > tr').length,
      pricedRows: document.querySelectorAll('table.rows > tbody > tr.priced').length,
    });
  });

  const saved = vscode.getState();
  if (saved) {
    state = { ...state, ...saved };
    render();
  }
  vscode.postMessage({ type: 'ready' });
})();
