import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import type { HeaderParam } from './header-params.js';
import { type NameAddr, parseNameAddr, serializeNameAddr } from './name-addr.js';
import { parseSipMessage } from './parse-sip-message.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { SipHeaders } from './sip-headers.js';
import type { SipMessage } from './sip-message.js';
import { SipStreamFramer } from './sip-stream-framer.js';
import { type SipUri, parseSipUri, serializeSipUri } from './sip-uri.js';
import { type Via, parseVia, serializeVia } from './via.js';

/**
 * Property tests of the SIP parser, time-boxed (STYLE.md section 5). Each run draws a fresh seed
 * and a failure names it: replay with VOXGATE_FUZZ_SEED=<seed>.
 */

const BUDGET_MS = 1_500;
const seed = Number(process.env.VOXGATE_FUZZ_SEED ?? (Date.now() ^ (Math.random() * 2 ** 31)) | 0);

function check<T>(property: fc.IPropertyWithHooks<T>): void {
  try {
    fc.assert(property, {
      seed,
      numRuns: 1_000_000,
      interruptAfterTimeLimit: BUDGET_MS,
      markInterruptAsFailure: false,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`property failed; replay with VOXGATE_FUZZ_SEED=${seed}\n${detail}`, { cause: error });
  }
}

// ---------------------------------------------------------------- arbitraries

/** Records with Object.prototype, as parsers build them, so deepStrictEqual can compare. */
const PLAIN = { noNullPrototype: true } as const;

const TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~".split('');
const token = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 10 });
const WORD_CHARS = [...TOKEN_CHARS, ...'()<>:\\"/[]?{}'.split('')];
const callId = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...WORD_CHARS), minLength: 1, maxLength: 20 }),
    fc.option(fc.domain()),
  )
  .map(([id, host]) => (host === null ? id : `${id}@${host}`));

/** Text without controls and without whitespace at either end, as a parsed header value is. */
const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((value) =>
  Array.from(value, (char) => (char < ' ' || char === '\u007f' ? 'x' : char))
    .join('')
    .trim(),
);

const host = fc.oneof(
  fc.domain().map((domain) => domain.toLowerCase()),
  fc.ipV4(),
  fc.ipV6().map((address) => address.toLowerCase()),
);
const port = fc.integer({ min: 0, max: 65_535 });

const uriParam: fc.Arbitrary<HeaderParam> = fc.record(
  {
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
    value: fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 })),
  },
  PLAIN,
);

const sipUri: fc.Arbitrary<SipUri> = fc
  .record(
    {
      kind: fc.constant('sip' as const),
      scheme: fc.constantFrom('sip' as const, 'sips' as const),
      user: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
      password: fc.string({ unit: 'grapheme', maxLength: 8 }),
      host,
      port,
      params: fc.array(uriParam, { maxLength: 3 }),
      headers: fc.array(
        fc.record(
          {
            name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
            value: fc.string({ unit: 'grapheme', maxLength: 6 }),
          },
          PLAIN,
        ),
        { maxLength: 2 },
      ),
    },
    { noNullPrototype: true, requiredKeys: ['kind', 'scheme', 'host', 'params', 'headers'] },
  )
  .filter((uri) => uri.password === undefined || uri.user !== undefined);

const headerParam: fc.Arbitrary<HeaderParam> = fc.record({ name: token, value: fc.option(token) }, PLAIN);

const nameAddr: fc.Arbitrary<NameAddr> = fc.record(
  { displayName: text, uri: sipUri, params: fc.array(headerParam, { maxLength: 3 }) },
  { noNullPrototype: true, requiredKeys: ['uri', 'params'] },
);

const VIA_FIELDS = new Set(['branch', 'received', 'rport', 'maddr', 'ttl']);
const via: fc.Arbitrary<Via> = fc.record(
  {
    protocolName: fc.constant('SIP'),
    protocolVersion: fc.constant('2.0'),
    transport: fc.constantFrom('UDP', 'TCP', 'TLS', 'SCTP', 'WS'),
    host,
    port,
    branch: token.map((branch) => 'z9hG4bK' + branch),
    received: fc.oneof(
      fc.ipV4(),
      fc.ipV6().map((address) => address.toLowerCase()),
    ),
    rport: fc.oneof(fc.constant(true as const), port),
    maddr: fc.ipV4(),
    ttl: fc.integer({ min: 0, max: 255 }),
    params: fc.array(
      headerParam.filter((param) => !VIA_FIELDS.has(param.name.toLowerCase())),
      { maxLength: 2 },
    ),
  },
  { noNullPrototype: true, requiredKeys: ['protocolName', 'protocolVersion', 'transport', 'host', 'params'] },
);

/** A valid request or response, its Content-Length last and right, as serializing writes it. */
const message: fc.Arbitrary<SipMessage> = fc
  .record({
    method: token,
    requestUri: sipUri,
    response: fc.option(fc.record({ status: fc.integer({ min: 100, max: 699 }), reason: text }, PLAIN)),
    vias: fc.array(via, { minLength: 1, maxLength: 3 }),
    from: nameAddr,
    to: nameAddr,
    contacts: fc.array(nameAddr, { maxLength: 2 }),
    callId,
    seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    maxForwards: fc.option(fc.integer({ min: 0, max: 255 })),
    extra: fc.array(
      fc.tuple(
        token.map((name) => 'X-' + name),
        text,
      ),
      { maxLength: 4 },
    ),
    body: fc.uint8Array({ maxLength: 64 }),
  })
  .map((draw): SipMessage => {
    const headers = new SipHeaders();
    for (const one of draw.vias) headers.append('Via', serializeVia(one));
    if (draw.maxForwards !== null) headers.append('Max-Forwards', String(draw.maxForwards));
    headers.append('From', serializeNameAddr(draw.from));
    headers.append('To', serializeNameAddr(draw.to));
    headers.append('Call-ID', draw.callId);
    headers.append('CSeq', `${draw.seq} ${draw.method}`);
    for (const contact of draw.contacts) headers.append('Contact', serializeNameAddr(contact));
    for (const [name, value] of draw.extra) headers.append(name, value);
    headers.append('Content-Length', String(draw.body.length));
    const body = Buffer.from(draw.body);
    if (draw.response === null) {
      return {
        kind: 'request',
        method: draw.method,
        requestUri: draw.requestUri,
        version: 'SIP/2.0',
        headers,
        body,
      };
    }
    return { kind: 'response', version: 'SIP/2.0', ...draw.response, headers, body };
  });

const GOOD = [
  'invite-with-sdp.sip',
  'folded-header-lines.sip',
  'quoted-display-names.sip',
  'ipv6-addresses.sip',
].map((name) => readFileSync(new URL(`../testdata/good/${name}`, import.meta.url)));

/** A corpus message with a few bytes replaced, inserted or removed. */
const mutated = fc
  .tuple(
    fc.constantFrom(...GOOD),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), fc.integer({ min: 0, max: 255 })),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
  )
  .map(([base, edits]) => {
    const bytes = [...base];
    for (const [at, edit, byte] of edits) {
      const i = at % (bytes.length + 1);
      if (edit === 'replace') bytes[i] = byte;
      else if (edit === 'insert') bytes.splice(i, 0, byte);
      else bytes.splice(i, 1);
    }
    return Buffer.from(bytes);
  });

// ---------------------------------------------------------------- properties

/** Whatever parses can be written and read again. */
function assertParsesSafely(bytes: Uint8Array): void {
  for (const stream of [false, true]) {
    const result = parseSipMessage(bytes, { stream });
    if (!result.ok) {
      assert.equal(typeof result.reason, 'string');
      continue;
    }
    const again = parseSipMessage(serializeSipMessage(result.message), { stream });
    assert.ok(again.ok, again.ok ? '' : `a parsed message did not survive serialize: ${again.reason}`);
  }
}

test('arbitrary bytes never make the parser throw', () => {
  check(fc.property(fc.uint8Array({ maxLength: 1_500 }), assertParsesSafely));
});

test('corpus messages with random byte edits never make the parser throw', () => {
  check(fc.property(mutated, assertParsesSafely));
});

test('arbitrary chunks never make the stream framer throw, and what it frames parses safely', () => {
  check(
    fc.property(
      fc.array(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), { maxLength: 5 }),
      (chunks) => {
        const framer = new SipStreamFramer();
        for (const chunk of chunks)
          for (const framed of framer.push(chunk).messages) assertParsesSafely(framed);
      },
    ),
  );
});

test('generated valid messages round-trip: parse(serialize(x)) equals x', () => {
  check(
    fc.property(message, (original) => {
      const result = parseSipMessage(serializeSipMessage(original));

      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepStrictEqual(result.message, original);
    }),
  );
});

test('generated SIP URIs, name-addrs and Vias round-trip through their serializers', () => {
  check(
    fc.property(sipUri, nameAddr, via, (uri, value, one) => {
      assert.deepStrictEqual(parseSipUri(serializeSipUri(uri)), { ok: true, value: uri });
      assert.deepStrictEqual(parseNameAddr(serializeNameAddr(value)), { ok: true, value });
      assert.deepStrictEqual(parseVia(serializeVia(one)), { ok: true, value: one });
    }),
  );
});
