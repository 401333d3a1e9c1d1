// jlws test page: talks to the sample app's protocols with the browser's own WebSocket.
(function () {
  'use strict';
  const base = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/';

  function open(protocol, path, onMessage, stateId) {
    const ws = new WebSocket(base + (path || ''), protocol);
    const state = document.getElementById(stateId);
    ws.onopen = () => { if (state) state.textContent = 'open'; };
    ws.onclose = (e) => { if (state) state.textContent = 'closed (' + e.code + ')'; };
    ws.onmessage = onMessage;
    return ws;
  }

  // dumb-increment-protocol: a number every 50 ms; "reset\n" restarts it at 0
  const increment = open('dumb-increment-protocol', '', (e) => {
    document.getElementById('number').textContent = e.data;
  }, 'increment-state');
  document.getElementById('reset').onclick = () => increment.send('reset\n');

  // lws-mirror-protocol: "c #RRGGBB x y r;" circles and "d #RRGGBB x1 y1 x2 y2;" lines, as lws' test page
  const canvas = document.getElementById('canvas');
  const ctx = canvas.getContext('2d');
  const color = '#' + Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0');
  let mirrored = 0;
  const mirror = open('lws-mirror-protocol', '?mirror=page', (e) => {
    mirrored++;
    document.getElementById('mirrored').textContent = String(mirrored);
    for (const cmd of String(e.data).split(';')) {
      const p = cmd.trim().split(' ');
      if (p[0] === 'c' && p.length === 5) {
        ctx.beginPath();
        ctx.fillStyle = p[1];
        ctx.arc(+p[2], +p[3], +p[4], 0, Math.PI * 2);
        ctx.fill();
      } else if (p[0] === 'd' && p.length === 6) {
        ctx.beginPath();
        ctx.strokeStyle = p[1];
        ctx.moveTo(+p[2], +p[3]);
        ctx.lineTo(+p[4], +p[5]);
        ctx.stroke();
      }
    }
  }, 'mirror-state');
  let last = null;
  function pos(e) {
    const r = canvas.getBoundingClientRect();
    return [Math.round(e.clientX - r.left), Math.round(e.clientY - r.top)];
  }
  canvas.onmousedown = (e) => {
    last = pos(e);
    mirror.send('c ' + color + ' ' + last[0] + ' ' + last[1] + ' 3;');
  };
  canvas.onmousemove = (e) => {
    if (!last) return;
    const p = pos(e);
    mirror.send('d ' + color + ' ' + last[0] + ' ' + last[1] + ' ' + p[0] + ' ' + p[1] + ';');
    last = p;
  };
  window.onmouseup = () => { last = null; };

  // lws-status: the list of connected status clients, sent as one fragmented message
  open('lws-status', '', (e) => {
    try {
      document.getElementById('status').textContent = JSON.stringify(JSON.parse(e.data), null, 1);
    } catch (err) {
      document.getElementById('status').textContent = String(e.data);
    }
  }, null);
})();
