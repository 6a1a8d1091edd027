'use strict';
// The lineage page: draws the links upstream and downstream of a document, cell or block (linking's
// /lineage), marks stale, held and stopped links (each link's own state), and explains a clicked
// node (calculation's explain, which follows links into their source workbooks).

const params = new URLSearchParams(location.search);
const fragment = new URLSearchParams(location.hash.slice(1));
// The bearer token: from the URL fragment (never sent to a server or logged) or the query,
// remembered by this tab; the fragment is then cleared.
const accessToken = fragment.get('access_token') || params.get('access_token')
  || sessionStorage.getItem('lineage.accessToken');
if (accessToken) sessionStorage.setItem('lineage.accessToken', accessToken);
if (fragment.has('access_token')) history.replaceState(null, '', location.pathname + location.search);

// What the page shows, for people and for the page test.
const lineage = window.lineage = {
  nodes: [], edges: [], errors: [], drawn: 0, explainUrl: null, explained: null,
};

const SVG = 'http://www.w3.org/2000/svg';
const NODE_W = 190, NODE_H = 44, COL_W = 250, ROW_H = 70;
const $ = id => document.getElementById(id);

function api(path) {
  const headers = { Accept: 'application/json' };
  if (accessToken) headers.Authorization = 'Bearer ' + accessToken;
  return fetch(path, { headers }).then(async response => {
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
    }
    return body;
  });
}

function linking(path) {
  return api('/api/linking/workspaces/' + encodeURIComponent($('workspace').value) + path);
}

function status(text) {
  $('status').textContent = text;
}

function fail(error) {
  lineage.errors.push(String(error.message || error));
  status('Error: ' + (error.message || error));
}

const keyOf = node => node.type + '|' + node.document + '|' + (node.ref || '');

/** How a link looks: stopped (broken, revoked), held (a manual link holds values), stale, or active. */
function edgeClass(link) {
  if (!link) return 'active';
  if (link.status !== 'active') return 'stopped';
  if (link.pending > 0) return 'held';
  return link.stale ? 'stale' : 'active';
}

async function draw() {
  const query = new URLSearchParams({
    type: $('type').value, documentId: $('documentId').value.trim(), direction: 'both', depth: $('depth').value,
  });
  if ($('ref').value.trim()) query.set('ref', $('ref').value.trim());
  status('Loading…');
  const [graph, documents] = await Promise.all([
    linking('/lineage?' + query), linking('/documents?size=1000'),
  ]);
  const names = new Map(documents.map(d => [d.id, d.name || d.id.slice(0, 8)]));
  const hops = graph.upstream.map(h => ({ ...h, dir: -1 })).concat(graph.downstream.map(h => ({ ...h, dir: 1 })));
  const linkIds = [...new Set(hops.map(h => h.linkId))];
  const links = new Map((await Promise.all(linkIds.map(id => linking('/links/' + id).catch(() => null))))
    .filter(Boolean).map(l => [l.id, l]));

  // Columns: the start at 0, upstream to the left, downstream to the right.
  const nodes = new Map();
  const place = (node, column) => {
    const key = keyOf(node);
    if (!nodes.has(key)) {
      nodes.set(key, { key, column, type: node.type, document: node.document, ref: node.ref || null,
        name: names.get(node.document) || node.document.slice(0, 8), start: false });
    }
    return nodes.get(key);
  };
  place(graph.start, 0).start = true;
  const edges = hops.map(h => {
    const from = place(h.from, h.dir < 0 ? -h.depth : h.depth - 1);
    const to = place(h.to, h.dir < 0 ? -(h.depth - 1) : h.depth);
    const link = links.get(h.linkId);
    return { linkId: h.linkId, from: from.key, to: to.key, kind: edgeClass(link),
      stale: !!(link && link.stale), behindBy: link ? link.behindBy : 0, pending: link ? link.pending : 0 };
  });
  render([...nodes.values()], edges);
  lineage.nodes = [...nodes.values()];
  lineage.edges = edges;
  lineage.drawn++;
  status(lineage.nodes.length + ' places, ' + edges.length + ' links');
}

function render(nodes, edges) {
  const svg = $('graph');
  svg.replaceChildren();
  const defs = document.createElementNS(SVG, 'defs');
  defs.innerHTML = '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7"'
    + ' orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker>';
  svg.appendChild(defs);
  const columns = [...new Set(nodes.map(n => n.column))].sort((a, b) => a - b);
  const rows = new Map();
  for (const node of nodes) {
    const row = rows.get(node.column) || 0;
    rows.set(node.column, row + 1);
    node.x = 20 + columns.indexOf(node.column) * COL_W;
    node.y = 20 + row * ROW_H;
  }
  svg.setAttribute('width', Math.max(600, 40 + columns.length * COL_W));
  svg.setAttribute('height', Math.max(200, 40 + Math.max(...rows.values()) * ROW_H));
  const byKey = new Map(nodes.map(n => [n.key, n]));
  for (const edge of edges) {
    const a = byKey.get(edge.from), b = byKey.get(edge.to);
    const line = document.createElementNS(SVG, 'path');
    const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
    line.setAttribute('d', `M ${x1} ${y1} C ${x1 + 30} ${y1}, ${x2 - 30} ${y2}, ${x2} ${y2}`);
    line.setAttribute('class', 'edge ' + edge.kind);
    line.dataset.link = edge.linkId;
    const title = document.createElementNS(SVG, 'title');
    title.textContent = 'link ' + edge.linkId + ' — ' + edge.kind
      + (edge.behindBy ? ', ' + edge.behindBy + ' revision(s) behind' : '');
    line.appendChild(title);
    svg.appendChild(line);
  }
  for (const node of nodes) {
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'node ' + node.type + (node.start ? ' start' : ''));
    g.setAttribute('transform', `translate(${node.x},${node.y})`);
    g.dataset.key = node.key;
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('width', NODE_W);
    rect.setAttribute('height', NODE_H);
    g.appendChild(rect);
    [[node.name, 17], [node.ref || '(whole ' + node.type + ')', 34]].forEach(([text, y]) => {
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('x', 8);
      t.setAttribute('y', y);
      t.textContent = text.length > 28 ? text.slice(0, 27) + '…' : text;
      g.appendChild(t);
    });
    g.addEventListener('click', () => explain(node).catch(fail));
    svg.appendChild(g);
  }
}

/** A workbook cell is explained by calculation (across links); a dataset place names its row. */
async function explain(node) {
  $('explain').hidden = false;
  $('explain-node').textContent = node.name + ' ' + (node.ref || '');
  if (node.type !== 'workbook' || !node.ref) {
    lineage.explainUrl = null;
    lineage.explained = node;
    $('explain-body').textContent = JSON.stringify(node, null, 2);
    return;
  }
  const cell = node.ref.split(':')[0]; // a block: its first cell
  lineage.explainUrl = '/api/calc/workspaces/' + encodeURIComponent($('workspace').value) + '/workbooks/'
    + node.document + '/cells/' + encodeURIComponent(cell) + '/explain?depth=5';
  $('explain-body').textContent = 'Loading ' + lineage.explainUrl + ' …';
  try {
    lineage.explained = await api(lineage.explainUrl);
    $('explain-body').textContent = JSON.stringify(lineage.explained, null, 2);
  } catch (error) {
    lineage.explained = { error: String(error.message || error) };
    $('explain-body').textContent = 'Could not explain: ' + lineage.explained.error;
  }
}

for (const name of ['workspace', 'type', 'documentId', 'ref', 'depth']) {
  if (params.get(name)) $(name).value = params.get(name);
}
$('lineage-form').addEventListener('submit', event => {
  event.preventDefault();
  draw().catch(fail);
});
if ($('workspace').value && $('documentId').value) draw().catch(fail);
