// Logins and failures per hour as an inline SVG bar chart, drawn from audit events.
const SVG = 'http://www.w3.org/2000/svg';

const LOGINS = new Set(['passkey.authenticated', 'device-key.verified']);
const FAILURES = new Set(['device-key.verification-failed']);

/** Buckets of `hours` hours ending now: [{start, logins, failures}], oldest first. */
export function loginBuckets(events, now, hours) {
  const hour = 3600_000;
  const end = Math.ceil(now / hour) * hour;
  const buckets = Array.from({ length: hours }, (_, i) => ({ start: end - (hours - i) * hour, logins: 0, failures: 0 }));
  for (const e of events) {
    const at = typeof e.at === 'number' ? e.at : Date.parse(e.at);
    const index = Math.floor((at - (end - hours * hour)) / hour);
    const bucket = buckets[index];
    if (bucket === undefined) continue;
    const failed = e.outcome === 'failure' && (LOGINS.has(e.action) || e.action === 'operator.signed-in');
    if (failed || FAILURES.has(e.action)) bucket.failures++;
    else if (LOGINS.has(e.action) && e.outcome === 'success') bucket.logins++;
  }
  return buckets;
}

function el(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The chart: a pair of bars per hour (logins, failures), a scale, hour labels every 3 hours. */
export function loginChart(buckets) {
  const [width, height, left, bottom, top] = [760, 220, 36, 24, 12];
  const max = Math.max(1, ...buckets.map((b) => Math.max(b.logins, b.failures)));
  const scale = (height - bottom - top) / max;
  const slot = (width - left) / buckets.length;
  const bar = Math.max(2, (slot - 4) / 2);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': 'Logins and failures per hour' });
  for (const fraction of [0, 0.5, 1]) {
    const y = height - bottom - fraction * max * scale;
    svg.append(el('line', { x1: left, x2: width, y1: y, y2: y, class: 'grid' }), el('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, String(Math.round(fraction * max))));
  }
  buckets.forEach((b, i) => {
    const x = left + i * slot + 2;
    const title = `${new Date(b.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${b.logins} logins, ${b.failures} failures`;
    for (const [value, cls, dx] of [[b.logins, 'ok', 0], [b.failures, 'fail', bar]]) {
      const h = value * scale;
      const rect = el('rect', { x: x + dx, y: height - bottom - h, width: bar, height: Math.max(h, value > 0 ? 1 : 0), class: `bar ${cls}` });
      rect.append(el('title', {}, title));
      svg.append(rect);
    }
    if (i % 3 === 0) svg.append(el('text', { x: x + bar, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, new Date(b.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
  });
  return svg;
}
