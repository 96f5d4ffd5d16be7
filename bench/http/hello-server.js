// Start-up floor for a server: the same one-route server as hello-server.tnt with raw Bun.serve.
const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("Hello, World!") });
console.log(`listening on http://127.0.0.1:${server.port}`);
