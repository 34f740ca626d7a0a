/**
 * Says in words what a run left pending when it ended: Node names resources by their internal
 * types (`Timeout`, `TCPServerWrap`), which mean little to someone reading a CI log.
 */

const kinds: Readonly<Record<string, string>> = {
  evaluation: 'an evaluation',
  Timeout: 'a timer or interval',
  Immediate: 'a setImmediate callback',
  TCPServerWrap: 'a server',
  TCPWRAP: 'a socket',
  PipeServerWrap: 'a server',
  PipeWrap: 'a pipe',
  UDPWRAP: 'a UDP socket',
  ProcessWrap: 'a child process',
  FSReqCallback: 'a file operation',
  FileHandle: 'an open file',
  GetAddrInfoReqWrap: 'a DNS lookup',
};

export function describePending(resources: readonly string[], graceSeconds: number): string {
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(resource, (counts.get(resource) ?? 0) + 1);
  const parts = [...counts].map(([type, count]) => `${count > 1 ? `${count} × ` : ''}${kinds[type] ?? type} (${type})`);
  return `Still pending ${graceSeconds} s after the last cell, and ended with the run: ${parts.join(', ')}`;
}
