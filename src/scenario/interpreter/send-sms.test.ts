/**
 * Send SMS (section 5.20): queued through the injected sender; every refusal
 * is an outcome (smsStatus REJECTED, VG_RT_SMS_REJECTED).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeSms, runScript } from './test-support/run-script.js';

test('Send SMS queues the interpolated message and sets ACCEPTED with the message id', async () => {
  const sms = new FakeSms();
  const run = await runScript(
    [{ sendSms: { text: 'Your code is ${code}', from: 'InfoSMS', to: '${from}' } }],
    { sms, parameters: { code: '4821' }, callId: 'call-7' },
  );

  assert.deepEqual(sms.sent, [
    { from: 'InfoSMS', to: '+41793026727', text: 'Your code is 4821', callId: 'call-7' },
  ]);
  assert.equal(run.variables['smsStatus'], 'ACCEPTED');
  assert.equal(run.variables['smsMessageId'], 'sms-1');
  assert.deepEqual(run.one('sms.sent').data, {
    to: '+41793026727',
    from: 'InfoSMS',
    messageId: 'sms-1',
    status: 'ACCEPTED',
  });
});

test('Send SMS without from leaves the sender to the messaging service (null)', async () => {
  const sms = new FakeSms();
  await runScript([{ sendSms: { text: 'Hi', to: '41793026727' } }], { sms });

  assert.equal(sms.sent[0]?.from, null);
});

test('Send SMS to an invalid interpolated number is REJECTED without reaching the sender', async () => {
  const sms = new FakeSms();
  const run = await runScript([{ sendSms: { text: 'Hi', to: '${phone}' } }], {
    sms,
    parameters: { phone: 'not-a-number' },
  });

  assert.equal(sms.sent.length, 0);
  assert.equal(run.variables['smsStatus'], 'REJECTED');
  assert.equal(run.variables['smsMessageId'], '');
  assert.equal(run.one('error').data['code'], 'VG_RT_SMS_REJECTED');
});

test('Send SMS: a text over 1,600 characters after interpolation is REJECTED', async () => {
  const sms = new FakeSms();
  const run = await runScript([{ sendSms: { text: '${long}', to: '${from}' } }], {
    sms,
    parameters: { long: 'm'.repeat(1601) },
  });

  assert.equal(run.variables['smsStatus'], 'REJECTED');
  assert.equal(sms.sent.length, 0);
});

test('Send SMS: a refusal by the messaging service is REJECTED with its reason', async () => {
  const sms = new FakeSms(() => 'sender not allowed');
  const run = await runScript([{ sendSms: { text: 'Hi', to: '${from}' } }], { sms });

  assert.equal(run.variables['smsStatus'], 'REJECTED');
  assert.deepEqual(run.one('error').data, { code: 'VG_RT_SMS_REJECTED', message: 'sender not allowed' });
});

test('Send SMS: a call sends at most 10; the 11th is REJECTED', async () => {
  const sms = new FakeSms();
  const run = await runScript(
    [
      {
        'for-each': 'i',
        in: '1,2,3,4,5,6,7,8,9,10,11,12',
        do: [
          { sendSms: { text: 'Message ${i}', to: '${from}' } },
          { setVariable: 'last', value: '${i}:${smsStatus}' },
        ],
      },
    ],
    { sms },
  );

  assert.equal(sms.sent.length, 10);
  assert.deepEqual(
    run.ofType('sms.sent').map((e) => e.data['status']),
    [...Array<string>(10).fill('ACCEPTED'), 'REJECTED', 'REJECTED'],
  );
  assert.equal(run.variables['last'], '12:REJECTED');
});

test('Send SMS runs in onHangup, after the caller has gone', async () => {
  const sms = new FakeSms();
  const run = await runScript(
    { script: [{ say: 'Hello' }], onHangup: [{ sendSms: { text: 'Sorry we missed you', to: '${from}' } }] },
    { sms, caller: { events: [{ at: 100, hangup: true }] } },
  );

  assert.equal(sms.sent.length, 1);
  assert.equal(run.hangupBy, 'caller');
  assert.equal(run.variables['smsStatus'], 'ACCEPTED');
});
