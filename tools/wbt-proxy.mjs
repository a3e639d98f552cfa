// A forward proxy on 127.0.0.1 for the browser-test stage
// (`wasm-pack test --headless --chrome`, see tools/test.sh).
//
// Why: wasm-bindgen-test-runner serves the test page with tiny_http 0.12,
// whose worker pool has 4 idle threads and a race: when Chrome opens more
// than 4 keep-alive connections in one burst (a cold load of the element's
// ~30 modules does), the extra connections are queued behind workers that
// stay parked on idle keep-alive sockets, and the page never finishes
// loading ("Timed out receiving message from renderer: 300s"). Through this
// proxy every request reaches the runner on its own `Connection: close`
// connection, so each worker is free again as soon as it has answered.
//
//   node tools/wbt-proxy.mjs      prints the port it listens on, then serves
//                                 until it is killed
import http from "node:http";

const server = http.createServer((req, res) => {
  let target;
  try {
    target = new URL(req.url); // a proxy request carries an absolute URL
  } catch {
    res.writeHead(400).end("bad proxy request");
    return;
  }
  if (target.hostname !== "127.0.0.1" && target.hostname !== "localhost") {
    res.writeHead(403).end("this proxy forwards only to loopback");
    return;
  }
  const headers = { ...req.headers, connection: "close" };
  delete headers["proxy-connection"];
  const upstream = http.request(
    { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers, agent: false },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
  upstream.on("error", (e) => {
    if (!res.headersSent) res.writeHead(502);
    res.end(String(e));
  });
  req.pipe(upstream);
});

server.listen(0, "127.0.0.1", () => {
  console.log(server.address().port);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
