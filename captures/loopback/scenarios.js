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
