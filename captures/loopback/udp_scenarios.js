// Real UDP traffic over loopback, made with Node's dgram module. make-udp.sh
// captures it with tcpdump ('udp or icmp') into udp-echo.pcap.
// Usage: node udp_scenarios.js [PORT]   (PORT defaults to 9000)
//
// What goes on the wire, in this order:
//  1. client A (an ephemeral port) -> PORT: 3 datagrams of 10, 100 and 1000
//     bytes; the server echoes each one, and A waits for each echo before
//     sending the next (6 datagrams, 3 each way).
//  2. client B (another ephemeral port) -> PORT+1: one 20-byte datagram;
//     nobody listens there, so the kernel answers with ICMP port unreachable.
//  3. the server's own socket (source port PORT) -> PORT+2: one 30-byte
//     datagram to a port where nobody listens (ICMP port unreachable again).
//     The first datagram of this flow comes from the lower port, so it shows
//     which side tshark calls A and which side Zeek calls the originator.
'use strict';
const dgram = require('dgram');

const port = Number(process.argv[2] || 9000);
const host = '127.0.0.1';
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

function bind(socket, bindPort = 0) {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(bindPort, host, () => {
      socket.off('error', reject);
      resolve(socket.address().port);
    });
  });
}

function send(socket, data, toPort) {
  return new Promise((resolve, reject) => {
    socket.send(data, toPort, host, (err) => (err ? reject(err) : resolve()));
  });
}

// Resolves with the next datagram the socket receives.
function nextMessage(socket) {
  return new Promise((resolve) => socket.once('message', (msg) => resolve(msg)));
}

async function main() {
  // An echo server: every datagram goes back to where it came from.
  const server = dgram.createSocket('udp4');
  server.on('message', (msg, rinfo) => server.send(msg, rinfo.port, rinfo.address));
  await bind(server, port);

  // 1. Client A: three datagrams of different sizes, each echoed.
  const clientA = dgram.createSocket('udp4');
  const portA = await bind(clientA);
  for (const size of [10, 100, 1000]) {
    const reply = nextMessage(clientA);
    await send(clientA, Buffer.alloc(size, 'a'), port);
    const msg = await reply;
    console.log(`client A :${portA} -> :${port} sent ${size} bytes, echo ${msg.length} bytes`);
    await wait(50);
  }
  clientA.close();
  await wait(100);

  // 2. Client B: one datagram to a port where nobody answers. The socket is
  // not connected, so Node reports nothing; the kernel sends ICMP.
  const clientB = dgram.createSocket('udp4');
  const portB = await bind(clientB);
  await send(clientB, Buffer.alloc(20, 'b'), port + 1);
  console.log(`client B :${portB} -> :${port + 1} sent 20 bytes (no listener: ICMP port unreachable)`);
  await wait(200);
  clientB.close();

  // 3. The server socket sends to a new, client-less port.
  await send(server, Buffer.alloc(30, 's'), port + 2);
  console.log(`server :${port} -> :${port + 2} sent 30 bytes (no listener: ICMP port unreachable)`);
  await wait(200);
  server.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
