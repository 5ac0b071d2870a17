import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { test, type TestContext } from 'node:test';
import type { LegEnd } from './call-leg.js';
import type { InboundAdmission, InboundCallHandler, LiveCall } from './inbound-call-handler.js';
import { TelephonyServer } from './telephony-server.js';

const SILENT_LOG = { info: () => undefined, warn: () => undefined, debug: () => undefined };

/** A caller on a UDP socket of its own; keeps the start line of each response. */
async function openCaller(t: TestContext, serverPort: number) {
  const socket = dgram.createSocket('udp4');
  const received: string[] = [];
  socket.on('message', (bytes) => received.push(bytes.toString('latin1').split('\r\n', 1)[0] ?? ''));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  const port = socket.address().port;
  const send = (method: 'INVITE' | 'CANCEL', body = ''): void => {
    const head = [
      `${method} sip:+33170000000@127.0.0.1:${serverPort} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-cancel-race;rport`,
      'From: <sip:+33612345678@127.0.0.1>;tag=caller',
      `To: <sip:+33170000000@127.0.0.1:${serverPort}>`,
      'Call-ID: cancel-race@127.0.0.1',
      `CSeq: 1 ${method}`,
      `Contact: <sip:caller@127.0.0.1:${port}>`,
      'Max-Forwards: 70',
      ...(body === '' ? [] : ['Content-Type: application/sdp']),
      `Content-Length: ${Buffer.byteLength(body)}`,
    ];
    socket.send(Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`), serverPort, '127.0.0.1');
  };
  return { received, send };
}

const OFFER = [
  'v=0',
  'o=caller 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0',
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

/** A telephony server on free ports with `handler` routing its calls; closed by `t.after`. */
async function startServer(t: TestContext, handler: InboundCallHandler): Promise<TelephonyServer> {
  // A range of our own: the pool skips ports another test holds.
  const rtpBase = 2 * randomInt(15_000, 29_000);
  const server = await TelephonyServer.start({
    host: '127.0.0.1',
    port: 0,
    publicHost: '127.0.0.1',
    rtpPorts: { min: rtpBase, max: rtpBase + 99 },
    handler,
    prompts: () => ({
      speak: async () => ({ ok: false, reason: 'no prompts here' }),
      fetch: async () => ({ ok: false, reason: 'no prompts here' }),
    }),
    log: SILENT_LOG,
  });
  t.after(() => server.close());
  return server;
}

/** Admits every call at once and runs it with `run`. */
function admitAll(run: (call: LiveCall) => Promise<void>): InboundCallHandler {
  return {
    admit: async () => ({ accept: true, callId: 'c1', from: '+33612345678', to: '+33170000000', run }),
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 10) {
    assert.ok(waited < 5_000, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a call cancelled while it is routed still runs, ends at once as the caller CANCEL, and frees its ports', async (t) => {
  let letAdmissionGo: () => void = () => undefined;
  const admissionHeld = new Promise<void>((resolve) => (letAdmissionGo = resolve));
  let outcome: { end: LegEnd; hangupsHeard: number } | null = null;
  let routing = false;
  const handler: InboundCallHandler = {
    async admit(): Promise<InboundAdmission> {
      routing = true;
      await admissionHeld;
      return {
        accept: true,
        callId: 'c1',
        from: '+33612345678',
        to: '+33170000000',
        async run(call) {
          let hangupsHeard = 0;
          call.port.attach({ onDigit: () => undefined, onHangup: () => (hangupsHeard += 1) });
          const { end } = await call.ended;
          outcome = { end, hangupsHeard };
        },
      };
    },
  };
  const server = await startServer(t, handler);
  const caller = await openCaller(t, server.port);

  caller.send('INVITE', OFFER);
  await until(() => caller.received.includes('SIP/2.0 100 Trying'), 'the 100');
  // The CANCEL must come while the call is routed: a CANCEL before (while the media thread binds
  // the call's ports) ends it before routing, and no run starts (by design, nothing to record).
  await until(() => routing, 'the routing');
  caller.send('CANCEL');
  await until(() => caller.received.includes('SIP/2.0 487 Request Terminated'), 'the 487');
  letAdmissionGo();
  await until(() => outcome !== null, 'the run to see the end');

  assert.deepEqual(outcome, { end: { cause: 16, source: 'CALLER', reason: 'CANCEL' }, hangupsHeard: 1 });
  await until(() => server.liveCallIds.length === 0, 'the call to leave the live list');
  assert.equal((await server.media.stats())?.legs, 0, 'the media thread released the RTP ports');
});

test('a drain hangs up the calls left and waits for their runs to finish before it closes', async (t) => {
  let recordWritten = false;
  const server = await startServer(
    t,
    admitAll(async (call) => {
      await call.ended;
      // The application writes the call record after the end: the drain must wait for it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      recordWritten = true;
    }),
  );
  const caller = await openCaller(t, server.port);
  caller.send('INVITE', OFFER);
  await until(() => server.liveCallIds.length === 1, 'the call to be up');

  await server.drain(0);

  assert.equal(recordWritten, true);
  assert.ok(caller.received.includes('SIP/2.0 603 Decline'), caller.received.join('\n'));
});
