// Real TCP conversations over loopback, made with Node's http and net
// modules (the programs of the seeds' notes). make.sh captures each one with
// tcpdump. Usage: node scenarios.js NAME PORT
'use strict';
const http = require('http');
const net = require('net');
const crypto = require('crypto');

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

// WebSocket (RFC 6455) by hand, for the websocket scenario: Node 20 has no
// WebSocket client, and the scenario needs to control every write.
const wsGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const wsOpcodes = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };
const wsNames = Object.fromEntries(Object.entries(wsOpcodes).map(([k, v]) => [v, k]));

// One frame: the client's frames are masked with a random 4-byte key, the
// server's are not; the length takes 7 bits, 16 bits (126) or 64 bits (127).
function wsFrame(opcode, payload, { fin = true, mask = false } = {}) {
  const body = Buffer.from(payload);
  const len = body.length;
  const lenBytes = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const head = Buffer.alloc(2 + lenBytes + (mask ? 4 : 0));
  head[0] = (fin ? 0x80 : 0) | wsOpcodes[opcode];
  head[1] = (mask ? 0x80 : 0) | (lenBytes === 0 ? len : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) head.writeUInt16BE(len, 2);
  if (lenBytes === 8) head.writeBigUInt64BE(BigInt(len), 2);
  if (!mask) return Buffer.concat([head, body]);
  const key = crypto.randomBytes(4);
  key.copy(head, 2 + lenBytes);
  return Buffer.concat([head, body.map((b, i) => b ^ key[i % 4])]);
}

function wsClose(code, reason = '') {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

// Returns a 'data' handler that cuts the byte stream into frames (unmasked)
// and calls onFrame({ fin, opcode, masked, payload }) for each one.
function wsParser(onFrame) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 2) return;
      const masked = (buf[1] & 0x80) !== 0;
      let len = buf[1] & 0x7f;
      let at = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        at = 10;
      }
      const key = masked ? buf.subarray(at, at + 4) : null;
      if (masked) at += 4;
      if (buf.length < at + len) return;
      const b0 = buf[0];
      let payload = Buffer.from(buf.subarray(at, at + len));
      if (masked) payload = payload.map((b, i) => b ^ key[i % 4]);
      buf = buf.subarray(at + len);
      onFrame({ fin: (b0 & 0x80) !== 0, opcode: wsNames[b0 & 0x0f] ?? (b0 & 0x0f), masked, payload });
    }
  };
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
  // WebSocket (RFC 6455) on one connection, written by hand so that every
  // write, and so every segment, is the one intended (no Nagle, a wait
  // between writes). The client's frames are masked, the server's are not.
  // In order: the 101 with the server's first frame ("welcome") in the same
  // write; "hello" and its echo; two client frames in one write; a text
  // message in three fragments; a 200 B binary frame (16-bit length) that
  // the server answers with a 70000 B one (64-bit length) written in 9000 B
  // pieces; a frame whose header is split across two writes (1 byte, then
  // the rest); ping and pong; close 1000 "bye" and close 1000, after which
  // the server ends the connection (FIN) and the client, having read it, ends
  // its side too.
  async websocket() {
    const show = (who, f) => console.log(`${who} read ${f.opcode} fin=${f.fin} masked=${f.masked} ${f.payload.length} B`);
    const server = http.createServer((req, res) => {
      res.statusCode = 426;
      res.end();
    });
    server.on('upgrade', (req, socket, head) => {
      socket.setNoDelay(true);
      socket.on('error', () => {});
      const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + wsGuid).digest('base64');
      const response = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
                       `Sec-WebSocket-Accept: ${accept}\r\n\r\n`;
      socket.write(Buffer.concat([Buffer.from(response), wsFrame('text', 'welcome')]));
      const parse = wsParser(async (f) => {
        show('server', f);
        if (f.opcode === 'text' && f.payload.toString() === 'hello') {
          socket.write(wsFrame('text', f.payload));
        } else if (f.opcode === 'binary') {
          const big = wsFrame('binary', Buffer.from(Array.from({ length: 70000 }, (_, i) => i & 0xff)));
          for (let at = 0; at < big.length; at += 9000) {
            socket.write(big.subarray(at, at + 9000));
            await wait(20);
          }
        } else if (f.opcode === 'ping') {
          socket.write(wsFrame('pong', f.payload));
        } else if (f.opcode === 'close') {
          socket.write(wsFrame('close', wsClose(1000)));
          await wait(20);
          socket.end();
        }
      });
      if (head.length) parse(head);
      socket.on('data', parse);
    });
    await new Promise((r) => server.listen(port, host, r));

    const key = crypto.randomBytes(16).toString('base64');
    const expected = crypto.createHash('sha1').update(key + wsGuid).digest('base64');
    const socket = net.connect(port, host);
    socket.setNoDelay(true);
    const queue = [];
    const waiting = [];
    const parse = wsParser((f) => {
      show('client', f);
      const w = waiting.shift();
      if (w) w(f);
      else queue.push(f);
    });
    const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiting.push(r)));
    const closed = new Promise((r) => socket.on('close', r));
    const ended = new Promise((r) => socket.on('end', r));
    const opened = new Promise((resolve, reject) => {
      let handshake = Buffer.alloc(0);
      let open = false;
      socket.on('data', (d) => {
        if (open) return parse(d);
        handshake = Buffer.concat([handshake, d]);
        const end = handshake.indexOf('\r\n\r\n');
        if (end < 0) return;
        const text = handshake.subarray(0, end).toString();
        if (!text.startsWith('HTTP/1.1 101 ') || !`${text}\r\n`.includes(`\r\nSec-WebSocket-Accept: ${expected}\r\n`)) {
          reject(new Error(`bad handshake: ${text}`));
          return;
        }
        open = true;
        console.log(`client read the 101 and ${handshake.length - end - 4} B after it in the same read`);
        resolve();
        if (handshake.length > end + 4) parse(handshake.subarray(end + 4));
      });
    });
    await new Promise((r) => socket.once('connect', r));
    socket.write(`GET /chat HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
                 `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    await opened;
    await next(); // "welcome"
    await wait(30);
    const masked = (opcode, payload, fin = true) => wsFrame(opcode, payload, { fin, mask: true });
    socket.write(masked('text', 'hello'));
    await next(); // the echo
    await wait(30);
    socket.write(Buffer.concat([masked('text', 'one'), masked('text', 'two')]));
    await wait(30);
    socket.write(masked('text', 'frag-', false));
    await wait(30);
    socket.write(masked('continuation', 'ment-', false));
    await wait(30);
    socket.write(masked('continuation', 'ed'));
    await wait(30);
    socket.write(masked('binary', Buffer.from(Array.from({ length: 200 }, (_, i) => i))));
    const big = await next();
    if (big.payload.length !== 70000) throw new Error(`binary frame of ${big.payload.length} B`);
    await wait(30);
    const split = masked('text', 'split');
    socket.write(split.subarray(0, 1));
    await wait(30);
    socket.write(split.subarray(1));
    await wait(30);
    socket.write(masked('ping', 'ping'));
    await next(); // pong
    await wait(30);
    socket.write(masked('close', wsClose(1000, 'bye')));
    await next(); // the server's close
    await ended; // the server's FIN first, as RFC 6455 (7.1.1) has it
    socket.end();
    await closed;
    await wait(200);
    server.close();
  },
};

const run = scenarios[name];
if (!run) {
  console.error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
run().then(() => setTimeout(() => process.exit(0), 100));
