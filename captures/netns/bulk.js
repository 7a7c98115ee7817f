// Bulk transfer for the network-namespace captures.
//   node bulk.js server HOST PORT BYTES [pause-reading-ms]
//   node bulk.js client HOST PORT [stall-ms]
// The server sends BYTES to each client and closes. A client with stall-ms
// stops reading for that long first, so its receive window fills (zero window).
'use strict';
const net = require('net');
const [role, host, portText, arg] = process.argv.slice(2);
const port = Number(portText);

if (role === 'server') {
  const total = Number(arg);
  const server = net.createServer((socket) => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!socket.write(chunk.subarray(0, n))) return socket.once('drain', pump);
      }
      socket.end();
    };
    socket.on('error', () => {});
    pump();
  });
  server.listen(port, host);
  setTimeout(() => process.exit(0), 60000);
} else {
  const stall = Number(arg || 0);
  const socket = net.connect(port, host, () => {
    if (stall > 0) {
      socket.pause();
      setTimeout(() => socket.resume(), stall);
    }
  });
  let received = 0;
  socket.on('data', (d) => { received += d.length; });
  socket.on('end', () => { console.log(`client received ${received} bytes`); socket.end(); });
  socket.on('close', () => process.exit(0));
}
