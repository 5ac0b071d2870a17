/**
 * Hostile and odd bytes over the wire (issue 5; STYLE.md habit 8): the parser corpus of
 * src/telephony/sip/testdata, each file sent as is to the running server over UDP and over TCP,
 * with manifest.json saying what each should get. An answerable bad request gets its 400 or 505
 * with the Reason-Phrase naming the defect; an unanswerable one (no routable Via, an ACK) gets
 * nothing; a response sent to the server gets nothing; a good request gets a final response. Over
 * TCP, garbage and an endless header section close the connection. Afterwards the server still
 * completes a normal SIPp call, and over TCP (Timers I and J are zero on a reliable transport,
 * RFC 3261 section 17.2) every transaction is gone once the INVITEs' final responses are ACKed.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { skipUnlessInstalled } from '../helpers/installed-tool.js';
import { describeSippResult, type SippTransport } from '../helpers/sipp.js';
import { SCENARIO, scenarioPath } from '../helpers/sipp-scenario.js';
import { createTempDir } from '../helpers/temp-dir.js';
import { startTelephony, type TelephonyFixture } from '../helpers/telephony-server.js';
import { buildAckFor, openTcpPeer, openUdpPeer, rawHeader, type RawSipPeer } from './raw-sip-peer.js';
import { callVoxgate, waitFor } from './voxgate-peer.js';

const NO_SIPP = skipUnlessInstalled('sipp', 'sip-tester');
const CORPUS_DIR = join(import.meta.dirname, '../../src/telephony/sip/testdata');

/** A line of manifest.json (its README): good files name their kind, bad files their refusal. */
interface ManifestEntry {
  readonly expect: 'ok' | 'refused';
  readonly kind?: 'request' | 'response';
  readonly reason?: string;
  readonly status?: number;
  readonly answerable?: boolean;
}

/** What one input should meet: a final response with this start line, any final one, or silence. */
type Expected =
  | { readonly answer: string }
  | { readonly answer: 'any final' }
  | { readonly answer: null; readonly closed?: boolean };

/**
 * Where TCP differs from the manifest's datagrams: the stream is cut by Content-Length (section
 * 18.3), so a length that cannot be read ends the connection, a length past the bytes sent waits
 * for the rest, and a message without one is refused.
 */
const OVER_TCP: Readonly<Record<string, Expected>> = {
  'bad/content-length-duplicate.sip': { answer: null, closed: true },
  'bad/content-length-negative.sip': { answer: null, closed: true },
  'bad/content-length-not-a-number.sip': { answer: null, closed: true },
  'bad/content-length-larger-than-body.sip': { answer: null, closed: false },
  'good/udp-without-content-length.sip': { answer: 'SIP/2.0 400 Missing Content-Length header' },
};

interface CorpusInput {
  readonly file: string;
  readonly bytes: Buffer;
  readonly entry: ManifestEntry;
}

/**
 * Every file of the manifest. Several good files share a Via branch, which would make them one
 * transaction and each later one a retransmission; each gets a branch of its own here.
 */
async function readCorpus(): Promise<CorpusInput[]> {
  const manifest = JSON.parse(await readFile(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestEntry
  >;
  return Promise.all(
    Object.entries(manifest).map(async ([file, entry], index) => {
      let bytes = await readFile(join(CORPUS_DIR, file));
      if (entry.expect === 'ok')
        bytes = Buffer.from(
          bytes.toString('latin1').replace(/(branch=z9hG4bK)/gi, `$1-corpus${index}-`),
          'latin1',
        );
      return { file, bytes, entry };
    }),
  );
}

/** The top Via of a request asks for rport (RFC 3581): its response comes back to our port. */
function asksRport(bytes: Buffer): boolean {
  const topVia = /^(?:via|v)[ \t]*:([^\r\n]*)/im.exec(bytes.toString('latin1'))?.[1] ?? '';
  return /;\s*rport(?=[;,\s=]|$)/i.test(topVia.split(',')[0] ?? '');
}

function expectedOf(input: CorpusInput, transport: SippTransport): Expected | undefined {
  if (transport === 'tcp' && OVER_TCP[input.file] !== undefined) return OVER_TCP[input.file];
  const { entry } = input;
  if (entry.expect === 'refused')
    return entry.answerable === true
      ? { answer: `SIP/2.0 ${entry.status} ${entry.reason}` }
      : { answer: null };
  if (entry.kind === 'response') return { answer: null };
  // Over UDP, a request without rport is answered at its Via's sent-by port (section 18.2.2),
  // where no test listens: nothing to check but that the server lives on.
  return transport === 'tcp' || asksRport(input.bytes) ? { answer: 'any final' } : undefined;
}

function finalResponses(peer: RawSipPeer) {
  return peer.responses.filter((response) => response.status >= 200);
}

/** Sends every file on a peer of its own, waits for the answers due, and checks each outcome. */
async function sendCorpus(t: TestContext, voxgate: TelephonyFixture, transport: SippTransport) {
  const corpus = await readCorpus();
  const open = transport === 'tcp' ? openTcpPeer : openUdpPeer;
  const sent = await Promise.all(
    corpus.map(async (input) => {
      const peer = await open(t, voxgate.sipPort);
      peer.send(input.bytes);
      return { input, peer, expected: expectedOf(input, transport) };
    }),
  );
  const due = sent.filter(({ expected }) => expected !== undefined && expected.answer !== null);
  await waitFor(() => due.every(({ peer }) => finalResponses(peer).length > 0), 'every answer due');
  // Silence is only silence after a while: give refused input the time an answer would take.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const { input, peer, expected } of sent) {
    if (expected === undefined) continue;
    const answers = finalResponses(peer).map((response) => response.startLine);
    if (expected.answer === null) {
      assert.deepEqual(answers, [], `${input.file} over ${transport} must get no answer`);
      if ('closed' in expected)
        assert.equal(peer.closed, expected.closed, `${input.file}: connection closed`);
    } else if (expected.answer !== 'any final') {
      assert.equal(answers[0], expected.answer, `${input.file} over ${transport}`);
    }
  }
  return sent;
}

/** The server still answers, rings, plays and hangs up a call after all of it. */
async function assertStillTakesCalls(t: TestContext, voxgate: TelephonyFixture, transport: SippTransport) {
  const routed = await voxgate.route([{ say: 'Still here.' }, 'hangup']);
  const result = await callVoxgate(voxgate, routed.number, {
    scenario: { file: scenarioPath(SCENARIO.hangupByVoxgate) },
    workDir: await createTempDir(t, 'sipp-'),
    transport,
  });
  assert.equal(result.ok, true, describeSippResult(result));
  assert.equal((await voxgate.endedCall(routed.tenant)).hangupSource, 'GATEWAY');
}

/** A pattern of every byte value, 80 KiB: no line end pair, past the 64 KiB message cap. */
function binaryGarbage(): Buffer {
  const bytes = Buffer.alloc(80 * 1024);
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = index % 256;
  return bytes;
}

/** A well-formed OPTIONS up to its last header line. */
const OPTIONS_HEAD = [
  'OPTIONS sip:ivr@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-huge-1',
  'From: <sip:robust@127.0.0.1>;tag=huge',
  'To: <sip:ivr@127.0.0.1>',
  'Call-ID: huge-1@127.0.0.1',
  'CSeq: 1 OPTIONS',
  'Max-Forwards: 70',
  '',
].join('\r\n');

/** A header section that never ends, past the cap: 80 KiB of header lines and no empty line. */
function endlessHeader(): Buffer {
  const line = `X-Filler: ${'a'.repeat(1000)}\r\n`;
  return Buffer.from(`${OPTIONS_HEAD}${line.repeat(80)}`, 'latin1');
}

describe('SIP robustness over the wire', { skip: NO_SIPP, concurrency: true }, () => {
  test('over UDP, each corpus message gets the answer its manifest entry names, and calls go on', async (t) => {
    const voxgate = await startTelephony(t);
    const counters = voxgate.server.telephony.sip.endpoint.counters;

    const sent = await sendCorpus(t, voxgate, 'udp');

    const bad = sent.filter(({ input }) => input.entry.expect === 'refused');
    const answerable = bad.filter(({ input }) => input.entry.answerable === true).length;
    assert.equal(counters.rejected, answerable, 'each answerable refusal counted once');
    assert.equal(counters.dropped, bad.length - answerable, 'each unanswerable refusal dropped and counted');
    await assertStillTakesCalls(t, voxgate, 'udp');
  });

  test('over TCP, each corpus message gets its answer, and no transaction is left once ACKed', async (t) => {
    const voxgate = await startTelephony(t);
    const transactions = voxgate.server.telephony.sip.transactions;

    const sent = await sendCorpus(t, voxgate, 'tcp');
    let acked = 0;
    for (const { input, peer } of sent) {
      const requestUri = input.bytes.toString('latin1').trimStart().split(/\s+/)[1] ?? '';
      for (const response of finalResponses(peer)) {
        if (response.status < 300 || !/\bINVITE$/i.test(rawHeader(response.text, 'CSeq') ?? '')) continue;
        peer.send(buildAckFor(response, requestUri));
        acked += 1;
      }
    }

    assert.ok(acked >= 5, `${acked} INVITEs refused and ACKed: their transactions wait for Timer I`);
    await waitFor(() => transactions.size === 0, `no transaction left (${transactions.size})`, 10_000);
    await assertStillTakesCalls(t, voxgate, 'tcp');
  });

  test('over TCP, binary garbage and messages past the size cap close the connection unanswered', async (t) => {
    const voxgate = await startTelephony(t);
    const peers = await Promise.all([1, 2, 3].map(() => openTcpPeer(t, voxgate.sipPort)));
    const [garbage, header, body] = peers;
    assert.ok(garbage !== undefined && header !== undefined && body !== undefined);

    garbage.send(binaryGarbage());
    header.send(endlessHeader());
    // A body announced past the cap: the stream cannot be followed, so no 513 either.
    body.send(Buffer.from(`${OPTIONS_HEAD}Content-Length: 1000000\r\n\r\n`, 'latin1'));

    await waitFor(() => peers.every((peer) => peer.closed), 'every connection to close');
    assert.deepEqual(
      peers.flatMap((peer) => peer.responses),
      [],
    );
    await assertStillTakesCalls(t, voxgate, 'tcp');
  });
});
