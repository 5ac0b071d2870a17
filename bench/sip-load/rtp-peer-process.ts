/**
 * The RTP peer's process (forked by rtp-peer-client.ts, so it runs on the load generator's core):
 * it takes one `open` message, answers with the streams' ports, reports its measurement window
 * as it opens and closes, and answers `finish` with the report, then exits.
 */
import { readFile } from 'node:fs/promises';
import { RtpPeer, type RtpPeerReport } from './rtp-peer.js';

/** From the benchmark to the peer. */
export type PeerRequest =
  | {
      readonly type: 'open';
      readonly count: number;
      readonly audioFile: string;
      readonly windowMs: number;
      readonly windowDeadlineMs: number;
    }
  | { readonly type: 'finish' };

/** From the peer to the benchmark. */
export type PeerEvent =
  | { readonly type: 'ports'; readonly ports: readonly number[] }
  | { readonly type: 'window'; readonly event: 'start' | 'end'; readonly atEpochMs: number }
  | { readonly type: 'report'; readonly report: RtpPeerReport }
  | { readonly type: 'error'; readonly message: string };

/** Resolves once the message is written to the channel, so a report is never cut off by the exit. */
function emit(event: PeerEvent): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(event, () => resolve());
  });
}

let peer: RtpPeer | null = null;

async function handle(request: PeerRequest): Promise<void> {
  switch (request.type) {
    case 'open': {
      peer = new RtpPeer({
        count: request.count,
        audio: await readFile(request.audioFile),
        windowMs: request.windowMs,
        windowDeadlineMs: request.windowDeadlineMs,
        onWindow: (event, atEpochMs) => void emit({ type: 'window', event, atEpochMs }),
      });
      await emit({ type: 'ports', ports: await peer.open() });
      return;
    }
    case 'finish': {
      if (peer === null) throw new Error('finish before open');
      await emit({ type: 'report', report: peer.finish() });
      process.disconnect();
      return;
    }
  }
}

process.on('message', (message) => {
  handle(message as PeerRequest).catch(
    (error: unknown) =>
      void emit({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
// The benchmark went away without saying finish: nothing is left to report to.
process.on('disconnect', () => process.exit(0));
