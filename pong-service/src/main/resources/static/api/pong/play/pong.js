// Ledgerflow Pong in the browser: the lobby (list, create, join) over the REST API and one game over its
// WebSocket stream. The page keeps a replica of the game from the stream: the latest Snapshot, then each
// FrameCommitted (every ball flies freely, x += vx and y += vy in integers, except the balls listed as
// changed) and each Correction (the listed balls, paddles and scores replace the current ones). The
// integer physics makes the replica exact, not an approximation. `window.pong` exposes the replica and
// the counters for the browser test.
'use strict';

const params = new URLSearchParams(location.search);
// The bearer token the API and the stream require: from the URL fragment (#access_token=..., never sent to a
// server or logged) or the query (?access_token=...), remembered by this tab; the fragment is then cleared.
const fragment = new URLSearchParams(location.hash.slice(1));
const accessToken = fragment.get('access_token') || params.get('access_token')
  || sessionStorage.getItem('pong.accessToken');
if (accessToken) sessionStorage.setItem('pong.accessToken', accessToken);
if (fragment.has('access_token')) history.replaceState(null, '', location.pathname + location.search);

const $ = id => document.getElementById(id);

const pong = {
  workspace: params.get('workspace') || 'demo',
  gameId: params.get('game'),
  connected: false,
  frame: -1,
  arena: null,
  balls: [],
  paddles: [],
  scores: [],
  zones: [],
  shards: 0,
  snapshotFrame: null, // the frame of the snapshot this replica started from (a mid-game join)
  framesApplied: 0,
  gaps: 0,
  corrections: 0,
  tickRate: 0,
  latencyMs: null,
  paddle: null, // the paddle this page steers, after the welcome
  dir: 0,
  inputs: { sent: 0, accepted: 0, corrected: 0, refused: 0, duplicate: 0, lastRefusal: null },
  errors: [],
};
window.pong = pong;

let socket = null;
let seq = 0;
const sentAt = new Map(); // seq -> send time, for the input round trip
const frameTimes = [];

// ---- REST ------------------------------------------------------------------------------------------

function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  if (accessToken) headers.Authorization = 'Bearer ' + accessToken;
  if (options.body) headers['Content-Type'] = 'application/json';
  return fetch('/api/pong/workspaces/' + encodeURIComponent(pong.workspace) + path, { ...options, headers })
    .then(async response => {
      const body = response.status === 204 ? null : await response.json().catch(() => null);
      if (!response.ok) {
        // RFC 9457: detail says what is wrong
        throw new Error((body && (body.detail || body.title)) || response.status + ' ' + response.statusText);
      }
      return body;
    });
}

function status(text) {
  $('status').textContent = text || '';
}

async function showLobby() {
  $('workspace').value = pong.workspace;
  try {
    const page = await api('/games?size=100');
    const list = $('games');
    list.replaceChildren();
    if (page.items.length === 0) {
      list.append(Object.assign(document.createElement('li'), { textContent: 'No games yet.' }));
    }
    for (const game of page.items) {
      const item = document.createElement('li');
      item.textContent = `${game.name} — ${game.players.length}/${game.maxPlayers} players, ${game.balls} balls, ${game.shards} shards `;
      const watch = document.createElement('button');
      watch.textContent = 'Watch';
      watch.className = 'watch';
      watch.dataset.game = game.id;
      watch.addEventListener('click', () => openGame(game.id));
      item.append(watch);
      list.append(item);
    }
  } catch (e) {
    status('Could not list games: ' + e.message);
  }
}

async function createGame(event) {
  event.preventDefault();
  try {
    const game = await api('/games', {
      method: 'POST',
      body: JSON.stringify({
        name: $('new-name').value,
        players: Number($('new-players').value),
        balls: Number($('new-balls').value),
        shards: Number($('new-shards').value),
      }),
    });
    await showLobby();
    openGame(game.id);
  } catch (e) {
    status('Could not create the game: ' + e.message);
  }
}

async function join(event) {
  event.preventDefault();
  try {
    const joined = await api('/games/' + pong.gameId + '/players', {
      method: 'POST',
      body: JSON.stringify({ name: $('player-name').value }),
    });
    // kept for this tab, so a reload steers the same paddle again
    sessionStorage.setItem('pong.token.' + pong.gameId, joined.token);
    send({ type: 'hello', token: joined.token });
    $('join-form').hidden = true;
    showLobby();
  } catch (e) {
    status('Could not join: ' + e.message);
  }
}

// ---- the stream --------------------------------------------------------------------------------------

function openGame(id) {
  if (socket) socket.close();
  Object.assign(pong, {
    gameId: id, connected: false, frame: -1, balls: [], paddles: [], scores: [], zones: [], paddle: null,
    snapshotFrame: null, framesApplied: 0, gaps: 0, corrections: 0, dir: 0,
  });
  history.replaceState(null, '', '?workspace=' + encodeURIComponent(pong.workspace) + '&game=' + id);
  $('game').hidden = false;
  $('join-form').hidden = false;
  $('you').textContent = '';
  api('/games/' + id).then(game => { $('game-name').textContent = game.name; }).catch(() => {});
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  socket = new WebSocket(scheme + location.host + '/api/pong/workspaces/' + encodeURIComponent(pong.workspace)
    + '/games/' + id + '/stream' + (accessToken ? '?access_token=' + encodeURIComponent(accessToken) : ''));
  socket.onopen = () => {
    pong.connected = true;
    status('');
    const token = sessionStorage.getItem('pong.token.' + id);
    if (token) {
      send({ type: 'hello', token });
      $('join-form').hidden = true;
    }
  };
  socket.onclose = () => { pong.connected = false; };
  socket.onmessage = event => receive(JSON.parse(event.data));
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function receive(message) {
  switch (message.type) {
    case 'Snapshot': applySnapshot(message.entry); break;
    case 'FrameCommitted': applyFrame(message.entry); break;
    case 'Correction': applyCorrection(message.entry); break;
    case 'welcome':
      pong.paddle = message.paddle;
      $('you').textContent = 'You steer paddle ' + message.paddle + ' (highlighted).';
      break;
    case 'inputResult': inputResult(message); break;
    case 'pong': pong.latencyMs = Math.round(performance.now() - message.t); break;
    case 'error':
      pong.errors.push(message);
      status(message.title + ': ' + message.detail);
      if (message.status === 401 && message.title === 'Unknown player token') {
        sessionStorage.removeItem('pong.token.' + pong.gameId); // the player left: watch only
        $('join-form').hidden = false;
      }
      break;
  }
}

function applySnapshot(e) {
  pong.arena = e.config.arena;
  pong.frame = e.frame;
  pong.balls = e.balls;
  pong.paddles = e.paddles;
  pong.scores = e.scores;
  pong.zones = e.zones;
  pong.shards = e.shards;
  if (pong.snapshotFrame === null) pong.snapshotFrame = e.frame;
}

function applyFrame(e) {
  if (pong.frame < 0 || e.frame <= pong.frame) return; // before the first snapshot, or already applied
  if (e.frame !== pong.frame + 1) pong.gaps++; // the server skipped an entry; the next snapshot heals it
  const balls = pong.balls; // the page's own objects: moved in place
  for (const b of balls) {
    b.x += b.vx;
    b.y += b.vy;
  }
  for (const b of e.changed) balls[b.id] = b;
  for (const goal of e.goals) {
    if (goal.scorer >= 0) pong.scores[goal.scorer]++;
  }
  pong.paddles = e.paddles;
  if (e.zones.length > 0) {
    pong.zones = e.zones;
    pong.shards = 1 + Math.max(...e.zones.map(z => z.shard));
  }
  pong.frame = e.frame;
  pong.framesApplied++;
  const now = performance.now();
  frameTimes.push(now);
  while (frameTimes.length > 0 && frameTimes[0] < now - 1000) frameTimes.shift();
  pong.tickRate = frameTimes.length;
}

function applyCorrection(e) {
  if (pong.frame < 0) return;
  for (const b of e.changed) pong.balls[b.id] = b;
  pong.paddles = e.paddles;
  pong.scores = e.scores;
  pong.corrections++;
}

function inputResult(message) {
  pong.inputs[message.result]++;
  const started = sentAt.get(message.seq);
  sentAt.delete(message.seq);
  let text = message.result + ' (frame ' + message.frame + ')';
  if (message.result === 'refused') {
    pong.inputs.lastRefusal = message.reason + ': ' + message.detail;
    text = 'refused: ' + message.detail;
  } else if (message.result === 'corrected') {
    text = 'late, corrected from frame ' + message.fromFrame;
  }
  if (started !== undefined) text += ' in ' + Math.round(performance.now() - started) + ' ms';
  $('last-input').textContent = text;
}

// ---- keyboard ------------------------------------------------------------------------------------

const LESS = new Set(['ArrowLeft', 'ArrowDown', 'a', 'A']);
const MORE = new Set(['ArrowRight', 'ArrowUp', 'd', 'D']);

function steer(dir) {
  if (pong.paddle === null || dir === pong.dir || pong.frame < 0) return;
  pong.dir = dir;
  seq++;
  sentAt.set(seq, performance.now());
  pong.inputs.sent++;
  // two frames ahead of what this page has seen: on time on a near server, corrected when late
  send({ type: 'input', seq, frame: pong.frame + 2, dir });
}

document.addEventListener('keydown', e => {
  if (e.target.tagName === 'INPUT') return;
  if (LESS.has(e.key)) { steer(-1); e.preventDefault(); }
  if (MORE.has(e.key)) { steer(1); e.preventDefault(); }
});
document.addEventListener('keyup', e => {
  if ((LESS.has(e.key) && pong.dir === -1) || (MORE.has(e.key) && pong.dir === 1)) steer(0);
});

// ---- drawing -------------------------------------------------------------------------------------

const canvas = $('arena');
const ctx = canvas.getContext('2d');

function draw() {
  requestAnimationFrame(draw);
  const a = pong.arena;
  if (!a) return;
  const s = canvas.width / Math.max(a.width, a.height);
  const X = x => x * s;
  const Y = y => canvas.height - y * s; // the arena's y grows upwards
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (const z of pong.zones) {
    const hue = (z.shard * 360) / Math.max(1, pong.shards);
    ctx.fillStyle = `hsl(${hue} 70% 94%)`;
    ctx.strokeStyle = `hsl(${hue} 50% 60%)`;
    const r = z.rect;
    ctx.fillRect(X(r.x0), Y(r.y1), X(r.x1) - X(r.x0), Y(r.y0) - Y(r.y1));
    ctx.strokeRect(X(r.x0), Y(r.y1), X(r.x1) - X(r.x0), Y(r.y0) - Y(r.y1));
  }
  ctx.fillStyle = '#1d2430';
  const size = Math.max(2, 2 * a.ballRadius * s);
  for (const b of pong.balls) ctx.fillRect(X(b.x) - size / 2, Y(b.y) - size / 2, size, size);
  const thick = 6;
  for (const p of pong.paddles) {
    ctx.fillStyle = p.player === pong.paddle ? '#d9480f' : '#364fc7';
    const from = (p.center - a.paddleLength / 2) * s;
    const len = a.paddleLength * s;
    switch (p.player & 3) {
      case 0: ctx.fillRect(from, canvas.height - thick, len, thick); break; // bottom
      case 1: ctx.fillRect(X(a.width) - thick, canvas.height - from - len, thick, len); break; // right
      case 2: ctx.fillRect(from, Y(a.height), len, thick); break; // top
      case 3: ctx.fillRect(0, canvas.height - from - len, thick, len); break; // left
    }
  }
  $('frame').textContent = pong.frame;
  $('tick-rate').textContent = pong.tickRate + ' frames/s';
  $('shards').textContent = pong.shards + ' (' + pong.zones.length + ' zones)';
  $('corrections').textContent = pong.corrections;
  $('latency').textContent = pong.latencyMs === null ? '–' : pong.latencyMs + ' ms round trip';
  const scores = $('scores');
  if (scores.children.length !== pong.scores.length) {
    scores.replaceChildren(...pong.scores.map(() => document.createElement('li')));
  }
  pong.scores.forEach((score, p) => {
    scores.children[p].textContent = 'paddle ' + p + (p === pong.paddle ? ' (you)' : '') + ': ' + score;
  });
}

// ---- start ---------------------------------------------------------------------------------------

setInterval(() => send({ type: 'ping', t: performance.now() }), 1000);
$('workspace-form').addEventListener('submit', e => {
  e.preventDefault();
  pong.workspace = $('workspace').value;
  showLobby();
});
$('create-form').addEventListener('submit', createGame);
$('join-form').addEventListener('submit', join);
showLobby();
if (pong.gameId) openGame(pong.gameId);
requestAnimationFrame(draw);
