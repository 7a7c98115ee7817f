// Real TCP conversations over loopback, made with Node's http and net
// modules (the programs of the seeds' notes). make.sh captures each one with
// tcpdump. Usage: node scenarios.js NAME PORT
'use strict';
const http = require('http');
const net = require('net');

const [name, portText] = process.argv.slice(2);
const port = Number(portText);
const host = '127.0.0.1';
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

function helloServer(options = {}) {
  const server = http.createServer((req, res) => {
    if (options.close) res.setHeader('Connection', 'close');
    res.write('Hello World!!!');
    res.end();
  });
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

function get(agent, path = '/', headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
  });
}

// A message framed by a 4-byte big-endian length, as the seeds' protocols do.
function lengthPrefixed(text) {
  const body = Buffer.from(text);
  const frame = Buffer.alloc(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

// A server that records the size of each read, then runs `send` on a client
// socket; resolves once the connection is closed.
async function sendToCountingServer(send) {
  const received = [];
  const server = net.createServer((socket) => {
    socket.on('data', (d) => received.push(d.length));
    socket.on('end', () => socket.end());
  });
  await new Promise((r) => server.listen(port, host, r));
  await new Promise((resolve) => {
    const socket = net.connect(port, host, () => send(socket));
    socket.on('close', resolve);
  });
  await wait(200);
  server.close();
  console.log(`server read ${received.length} chunk(s): ${received.join(', ')} bytes`);
}

const scenarios = {
  // The seeds' case: a keep-alive connection left idle; Node's server closes
  // it after keepAliveTimeout (5 s by default), so the server closes first.
  async 'http-keepalive-server-timeout'() {
    const server = await helloServer({ keepAliveTimeout: 5000 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await get(agent);
    await wait(6500);
    agent.destroy();
    server.close();
  },
  // Several requests on one keep-alive connection, then the client closes.
  async 'http-keepalive-three-requests'() {
    const server = await helloServer({ keepAliveTimeout: 10000 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (const path of ['/one', '/two', '/three']) {
      await get(agent, path);
      await wait(100);
    }
    agent.destroy();
    await wait(200);
    server.close();
  },
  // "Connection: close" from the server: it closes right after the response.
  async 'http-connection-close'() {
    const server = await helloServer({ close: true });
    await get(new http.Agent({ keepAlive: false }), '/');
    await wait(300);
    server.close();
  },
  // The client sends "Connection: close" and closes after reading the response.
  async 'http-client-close'() {
    const server = await helloServer({ keepAliveTimeout: 10000 });
    await new Promise((resolve) => {
      const socket = net.connect(port, host, () => {
        socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
      });
      socket.once('data', () => {
        socket.end();
        resolve();
      });
    });
    await wait(300);
    server.close();
  },
  // Half-close: the client sends its request and shuts down its sending
  // side (shutdown(SHUT_WR) via socket.end()); the server keeps sending for
  // a while, then closes too.
  async 'half-close'() {
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('data', () => {});
      socket.on('end', async () => {
        for (let i = 0; i < 3; i++) {
          socket.write(`chunk ${i} after the client's FIN\n`);
          await wait(50);
        }
        socket.end();
      });
    });
    await new Promise((r) => server.listen(port, host, r));
    await new Promise((resolve) => {
      const socket = net.connect({ port, host, allowHalfOpen: true }, () => {
        socket.end('request, then no more from me\n');
      });
      socket.on('data', () => {});
      socket.on('close', resolve);
    });
    await wait(200);
    server.close();
  },
  // The client aborts with RST (SO_LINGER 0, Node's resetAndDestroy) after
  // exchanging data.
  async 'reset-after-data'() {
    const server = net.createServer((socket) => {
      socket.on('data', (d) => socket.write(`echo ${d}`));
      socket.on('error', () => {});
    });
    await new Promise((r) => server.listen(port, host, r));
    await new Promise((resolve) => {
      const socket = net.connect(port, host, () => socket.write('hello'));
      socket.once('data', async () => {
        await wait(50);
        socket.resetAndDestroy();
        resolve();
      });
    });
    await wait(200);
    server.close();
  },
  // The server shuts down its sending side at once (socket.end()); the
  // client keeps sending, the server keeps reading, then the client closes.
  async 'half-close-server-first'() {
    const server = net.createServer((socket) => socket.end());
    await new Promise((r) => server.listen(port, host, r));
    await new Promise((resolve) => {
      const socket = net.connect({ port, host, allowHalfOpen: true });
      socket.on('end', async () => {
        await wait(50);
        socket.write('late data');
        await wait(50);
        socket.write('more late data');
        await wait(50);
        socket.end();
      });
      socket.on('close', resolve);
    });
    await wait(200);
    server.close();
  },
  // The server closes its socket at once (close(), not shutdown); the
  // client, half-open, writes afterwards: the server's kernel has no socket
  // to read it any more and answers with RST.
  async 'reset-after-close'() {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise((r) => server.listen(port, host, r));
    await new Promise((resolve) => {
      const socket = net.connect({ port, host, allowHalfOpen: true });
      socket.on('end', async () => {
        await wait(50);
        socket.write('late data');
        await wait(50);
        socket.write('more late data');
      });
      socket.on('error', resolve);
      socket.on('close', resolve);
    });
    await wait(200);
    server.close();
  },
  // Port reuse: the server closes first and sits in TIME_WAIT; the client
  // connects again from the same port and Linux accepts the new SYN.
  async 'port-reuse-time-wait'() {
    const server = await helloServer({ close: true });
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve, reject) => {
        const socket = net.connect({ port, host, localPort: 40123 }, () => {
          socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
        });
        socket.on('data', () => {});
        socket.on('close', resolve);
        socket.on('error', reject);
      });
      await wait(300);
    }
    server.close();
  },
  // IPv6: one request over ::1, the client closes.
  async 'http-ipv6'() {
    const server = http.createServer((req, res) => res.end('Hello over IPv6'));
    await new Promise((r) => server.listen(port, '::1', r));
    await new Promise((resolve, reject) => {
      http.get({ host: '::1', port, path: '/', agent: false }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
    await wait(300);
    server.close();
  },
  // "Sticky packets" (粘包), written between cork() and uncork(): Node hands
  // the messages to the kernel in one writev, so they share one segment.
  async 'sticky-length-prefixed-corked'() {
    await sendToCountingServer((socket) => {
      socket.cork();
      for (const text of ['1', '22', '333']) socket.write(lengthPrefixed(`message ${text}`));
      socket.uncork();
      socket.end();
    });
  },
  // "Sticky packets" (粘包): four messages written back to back go out as
  // four segments on loopback, yet the server reads them in one chunk: TCP
  // delivers a byte stream, not messages.
  async 'sticky-length-prefixed'() {
    await sendToCountingServer((socket) => {
      for (const text of ['1', '22', '333', '4444']) socket.write(lengthPrefixed(`message ${text}`));
      socket.end();
    });
  },
  // Nothing listens on the port: the kernel answers the SYN with RST.
  async 'refused'() {
    await new Promise((resolve) => {
      const socket = net.connect(port, host);
      socket.on('error', resolve);
    });
  },
};

const run = scenarios[name];
if (!run) {
  console.error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
run().then(() => setTimeout(() => process.exit(0), 100));
