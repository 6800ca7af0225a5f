// A minimal webhook receiver for the benchmarks: a plain node:http server on 127.0.0.1 that reads the body and
// answers 200 EVENT_RECEIVED. It runs in its own process (forked) so the client under test gets the other core.
// Messages: parent sends 'count' → replies {count}; sends 'exit' → exits.
import { createServer } from 'node:http';

let count = 0;
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    count++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('EVENT_RECEIVED');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'count') process.send({ count });
  if (m === 'exit') server.close(() => process.exit(0)) && server.closeAllConnections();
});
