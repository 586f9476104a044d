// A loopback HTTP proxy in front of the real Letta peer that cuts event streams, as a proxy timing
// out or a phone changing networks does: `proxy.cutNext(n)` makes the next event-stream response
// end its connection after `n` SSE frames (0: right after the headers). Everything else passes
// through unchanged. Listens on 127.0.0.1 only.
import http from 'node:http';

/** Starts a proxy to `target` (an http://127.0.0.1:… URL): `{ url, cutNext(n, match?), cuts, close() }`. */
export async function startCutProxy(target) {
  const upstream = new URL(target);
  const plans = [];
  const sockets = new Set();
  const state = { cuts: 0 };

  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (reply) => {
        res.writeHead(reply.statusCode, reply.headers);
        const stream = (reply.headers['content-type'] ?? '').startsWith('text/event-stream');
        const index = stream ? plans.findIndex((plan) => plan.match(req.url)) : -1;
        if (index < 0) return reply.pipe(res);
        const [{ frames }] = plans.splice(index, 1);
        cutAfter(reply, res, frames, () => (state.cuts += 1));
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
    res.on('close', () => forward.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Cuts the next event stream whose path matches (default: any) after `frames` frames. */
    cutNext(frames, match = () => true) {
      plans.push({ frames, match: typeof match === 'string' ? (url) => url.includes(match) : match });
    },
    get cuts() {
      return state.cuts;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/** Copies SSE frames from `reply` to `res` until `frames` of them went, then drops both connections. */
function cutAfter(reply, res, frames, onCut) {
  let sent = 0;
  let pending = '';
  const cut = () => {
    onCut();
    reply.destroy();
    res.socket?.destroy();
  };
  if (frames === 0) return res.flushHeaders(), setTimeout(cut, 50);
  reply.setEncoding('utf8');
  reply.on('data', (text) => {
    if (sent >= frames) return;
    pending += text;
    let end;
    while ((end = pending.indexOf('\n\n')) >= 0 && sent < frames) {
      res.write(pending.slice(0, end + 2));
      pending = pending.slice(end + 2);
      sent += 1;
    }
    // Let the client read what was written before the connection goes.
    if (sent >= frames) setTimeout(cut, 50);
  });
  reply.on('end', () => res.end());
}
