// Firefox has no --host-resolver-rules: it reaches the stand-in sites through this CONNECT proxy, which tunnels
// every HTTPS host to the one local server (and refuses anything else), so the real host names and the
// manifest's match patterns are exercised unchanged. Set as the profile's proxy in firefox.ts. The server's own
// address (127.0.0.1:<port>) is tunnelled too: it stands in for an internal address a hostile page names.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface HostProxy { port: number; close(): Promise<void> }

/** `hosts` as in --host-resolver-rules: exact names or `*.domain`. */
export async function startHostProxy(targetPort: number, hosts: string[]): Promise<HostProxy> {
  const mapped = (host: string) => hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.once('data', (head) => {
      const [, host, port] = /^CONNECT ([^\s:]+):(\d+) /.exec(head.toString('latin1')) ?? [];
      const allowed = host && (port === '443' ? mapped(host) : host === '127.0.0.1' && port === String(targetPort));
      if (!allowed) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((done) => {
      for (const s of sockets) s.destroy();
      server.close(() => done());
    }),
  };
}
