// The live run panel: while the run is in flight, follow its Server-Sent Events and redraw the steps.
// Everything is written with textContent, never as HTML, so a step output such as "</script>" stays text.
const panel = document.getElementById('run-panel');

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function title(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

// "2026-01-05T09:00:00.123Z" as the server writes it: "2026-01-05 09:00:00 UTC"
function shownTime(iso) {
  return String(iso).replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}

function stepItem(step, open) {
  const li = el('li', 'step step-' + step.status);
  li.dataset.node = step.nodeId;
  li.dataset.status = step.status;
  const details = el('details');
  details.open = open;
  const summary = el('summary');
  summary.append(el('span', 'dot'), el('span', 'step-name', step.label), el('span', 'step-type', step.type),
    el('span', 'step-status', step.status));
  const last = step.attempts[step.attempts.length - 1];
  summary.append(el('span', 'step-duration', last ? last.durationMs + ' ms' : ''));
  details.append(summary);
  const body = el('div', 'step-detail');
  if (step.attempts.length === 0) {
    body.append(el('p', 'muted', step.status === 'skipped'
      ? 'This step has not run (its branch was not taken or the run ended first).' : 'This step has not run yet.'));
  }
  for (const a of step.attempts) {
    const box = el('div', 'attempt');
    box.append(el('h4', null, 'Attempt ' + a.attempt + ' · ' + a.status + (a.dryRun ? ' · dry run' : '')));
    const facts = el('dl', 'facts');
    facts.append(el('dt', null, 'Start'), el('dd', null, a.startedAt), el('dt', null, 'End'),
      el('dd', null, a.finishedAt), el('dt', null, 'Duration'), el('dd', null, a.durationMs + ' ms'));
    box.append(facts);
    if (a.error) box.append(el('p', 'step-error', a.error.type + ': ' + a.error.message));
    const io = el('div', 'io');
    const input = el('div');
    input.append(el('h5', null, 'Input'), el('pre', 'input', JSON.stringify(a.input, null, 2)));
    const output = el('div');
    output.append(el('h5', null, 'Output'), el('pre', 'output', JSON.stringify(a.output, null, 2)));
    io.append(input, output);
    box.append(io);
    body.append(box);
  }
  details.append(body);
  li.append(details);
  return li;
}

function render(view) {
  const list = document.getElementById('steps');
  const open = new Set([...list.querySelectorAll('li.step details[open]')].map(d => d.parentElement.dataset.node));
  list.replaceChildren(...view.steps.map(s => stepItem(s, open.has(s.nodeId))));
  const status = document.getElementById('run-status');
  status.replaceChildren(el('span', 'badge run-status run-' + view.run.status, title(view.run.status)));
  if (view.run.finishedAt) document.getElementById('run-finished').textContent = shownTime(view.run.finishedAt);
  panel.dataset.status = view.run.status;
}

if (panel && panel.dataset.live === 'true' && 'EventSource' in window) {
  const live = document.getElementById('live');
  const source = new EventSource(panel.dataset.events);
  source.addEventListener('trace', e => render(JSON.parse(e.data)));
  source.addEventListener('end', () => {
    source.close();
    live.textContent = 'Finished';
    panel.dataset.live = 'false';
  });
  source.onerror = () => { live.textContent = 'Reconnecting…'; };
}
