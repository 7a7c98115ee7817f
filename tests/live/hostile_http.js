// A server and a client on loopback whose HTTP request target and status
// reason carry terminal escapes (OSC 52, title, ESC[2J, BEL), for the live
// capture test: tcplens live must show them escaped, never raw.
// usage: node hostile_http.js PORT
const net = require('net');
const port = Number(process.argv[2]);
const escapes = '\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;owned\x07\x1b[2J';
const server = net.createServer((sock) => {
  sock.once('data', () => {
    sock.end(Buffer.from(`HTTP/1.1 200 OK${escapes}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok`, 'latin1'));
  });
});
server.listen(port, '127.0.0.1', () => {
  const c = net.connect(port, '127.0.0.1', () => {
    c.write(Buffer.from(`GET /${escapes} HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1'));
  });
  c.on('data', () => {});
  c.on('end', () => { c.end(); server.close(); });
});
setTimeout(() => process.exit(0), 3000).unref();
