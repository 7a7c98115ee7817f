// One end of a scripted TCP connection for the kernel-state oracle test
// (kernel_states.sh): the Linux kernel of each network namespace plays the
// connection, and the test samples its socket states with ss.
//   node peer.js server ADDR PORT SCENARIO
//   node peer.js client ADDR PORT SCENARIO
// Scenarios (who closes, how):
//   client-closes   client sends a request, then closes; the server closes after
//   server-closes   the server answers and closes first (HTTP Connection: close)
//   half-close      the client closes its side, the server sends more, then closes
//   client-reset    the client aborts with RST after the reply
//   refused         nothing listens (the client connects to a closed port)
//   client-fin-lost the client closes first; its FIN is dropped before the server
//                   (nft, by the test), which closes 150 ms later, before the
//                   client sends its FIN again
//   final-ack-lost  as client-closes, but the client's last ACK (of the server's
//                   FIN) is dropped before the server (nft, by the test): the
//                   server, in LAST_ACK, sends its FIN again and the client,
//                   in TIME_WAIT, ACKs it again
//   port-reuse      as server-closes, twice, the client's second connection from
//                   the same port: its SYN reaches the server's TIME_WAIT socket
//   fins-cross      the server closes; its FIN is captured but dropped before
//                   the client (nft, by the test), which closes 50 ms later
//                   without having seen it: the FINs cross, a simultaneous
//                   close for the server (FIN_WAIT_1 -> CLOSING -> TIME_WAIT)
'use strict';
const net = require('net');
const [role, addr, port, scenario] = process.argv.slice(2);
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

let closes = 0;

function server() {
  const srv = net.createServer({ allowHalfOpen: true }, async (sock) => {
    sock.on('error', () => {});
    const ended = new Promise((r) => sock.once('end', r));
    sock.on('close', () => { if (scenario !== 'port-reuse' || ++closes === 2) srv.close(); });
    await new Promise((r) => sock.once('data', r));
    sock.write('reply-1\n');
    await pause(150);
    if (scenario === 'server-closes' || scenario === 'fins-cross' || scenario === 'port-reuse') {
      sock.end();
    } else if (scenario === 'client-fin-lost') {
      await pause(150);  // the client's FIN left 150 ms ago and was dropped
      sock.end();
    } else if (scenario === 'client-closes' || scenario === 'final-ack-lost') {
      await ended;
      await pause(150);
      sock.end();
    } else if (scenario === 'half-close') {
      await ended;
      await pause(150);
      sock.write('after-your-fin\n');
      await pause(150);
      sock.end();
    }
  });
  srv.listen(Number(port), addr, () => process.stdout.write('listening\n'));
}

async function connection(localPort) {
  const sock = net.connect({ host: addr, port: Number(port), allowHalfOpen: true, localPort });
  sock.on('error', () => {});
  const ended = new Promise((r) => sock.once('end', r));
  const closed = new Promise((r) => sock.once('close', r));
  await new Promise((r) => { sock.once('connect', r); sock.once('error', r); });
  if (scenario === 'refused') return 0;
  const used = sock.localPort;
  await pause(150);
  sock.write('request-1\n');
  await new Promise((r) => sock.once('data', r));
  await pause(150);
  if (scenario === 'client-reset') { sock.resetAndDestroy(); return used; }
  if (['client-closes', 'half-close', 'client-fin-lost', 'final-ack-lost'].includes(scenario)) sock.end();
  sock.resume();
  if (scenario === 'fins-cross') {
    await pause(50);  // the server's FIN left 50 ms ago (dropped before us)
    sock.end();
  }
  if (scenario === 'server-closes' || scenario === 'port-reuse') {
    await ended;
    await pause(150);
    sock.end();
  }
  await closed;
  return used;
}

async function client() {
  const used = await connection(undefined);
  if (scenario !== 'port-reuse') return;
  await pause(200);
  await connection(used);  // the server still holds the first in TIME_WAIT
}

(role === 'server' ? server : client)();
