/**
 * A packet capture of Voxgate's outgoing RTP on the loopback interface, taken with dumpcap
 * (Wireshark's capture engine, from the tshark package) for the concurrency step's window.
 *
 * Why capture, when the RTP peer receives every packet anyway: the peer is a Node process whose
 * event loop also sends the callers' audio, and it reads a packet only when the loop comes round,
 * so its arrival times carry its own delays. The kernel stamps a captured packet as Voxgate's send
 * reaches the loopback device, on Voxgate's core: the timing of Voxgate's streams themselves.
 * The filter keeps Voxgate's RTP port range as source; only the first 54 bytes of each packet
 * (Ethernet, IPv4, UDP and RTP headers) are kept.
 */
import { spawn } from 'node:child_process';
import type { Cleanup } from '../harness/cleanup.js';

/** Ethernet 14 + IPv4 20 + UDP 8 + RTP 12. */
const SNAPLEN_BYTES = 54;
/** Kernel ring buffer, MiB: a thousand streams send 50,000 packets a second. */
const BUFFER_MIB = 64;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningCapture {
  /** Stops the capture; resolves packets the kernel or dumpcap dropped, null when not reported. */
  stop(): Promise<number | null>;
}

/** The drops in dumpcap's last words: "Packets received/dropped on interface 'Loopback: lo': 45153/0 (...)". */
export function parseDumpcapDrops(stderr: string): number | null {
  const match = /received\/dropped on interface '[^']*':\s*\d+\/(\d+)/.exec(stderr);
  return match === null ? null : Number(match[1]);
}

/**
 * Starts dumpcap writing a classic pcap file (`-P`) and resolves once it reports capturing;
 * rejects when dumpcap is missing, lacks the capture privilege, or never starts.
 */
export async function startRtpCapture(
  file: string,
  ports: { readonly min: number; readonly max: number },
  cleanup: Cleanup,
): Promise<RunningCapture> {
  const filter = `udp and src portrange ${ports.min}-${ports.max}`;
  const args = [
    '-i',
    'lo',
    '-f',
    filter,
    '-s',
    String(SNAPLEN_BYTES),
    '-B',
    String(BUFFER_MIB),
    '-P',
    '-w',
    file,
  ];
  const child = spawn('dumpcap', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  cleanup.defer('stop dumpcap', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dumpcap did not start: ${stderr}`)), START_TIMEOUT_MS);
    child.once('error', (error) => reject(error));
    child.once('close', () => reject(new Error(`dumpcap exited: ${stderr.trim()}`)));
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('Capturing on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    async stop() {
      // SIGINT: dumpcap flushes the file and prints its counts.
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      return parseDumpcapDrops(stderr);
    },
  };
}
