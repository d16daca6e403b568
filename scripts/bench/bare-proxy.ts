// The floor of any extra hop: a node:http reverse proxy that does nothing but relay, with a keep-alive agent.
// Run as a child process by the benchmark: prints its port on stdout.
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

const target = new URL(process.argv[2] ?? "http://127.0.0.1:1");
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const server = createServer((req, res) => {
  const upstream = request(
    { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host }, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => res.destroy());
  req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
