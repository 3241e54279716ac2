// Free loopback ports for the components. The harness asks the kernel for a free port and
// checks that the port is also free for UDP where DNS needs both; a port taken between this
// check and the component's start shows up as that component's failure to start, with its log.
import * as dgram from 'dgram';
import * as net from 'net';

export function tcpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

function anyTcpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `count` distinct free TCP ports on 127.0.0.1 (the first `udp` of them free for UDP too). */
export async function freePorts(count: number, udp = 0): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const p = await anyTcpPort();
    if (ports.includes(p)) continue;
    if (ports.length < udp && !(await udpPortFree(p))) continue;
    ports.push(p);
  }
  return ports;
}
