/**
 * The HTTP floor's server (http-floor.ts): plain node:http, no framework, answering each path
 * with a fixed reply after reading and parsing the JSON body — what any Node server must at
 * least do for a login's two requests. Replies come from FLOOR_REPLIES (a JSON object: path →
 * body); it prints `listening` once ready on 127.0.0.1:PORT.
 */
import { createServer } from 'node:http';

const replies = JSON.parse(process.env.FLOOR_REPLIES ?? '{}') as Record<string, string>;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = replies[request.url ?? ''] ?? '{}';
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
