import { test } from 'node:test';
import {
  assertActionId,
  assertBound,
  assertNoExtraField,
  assertRefused,
  assertRequired,
  assertValid,
  withField,
} from './assert-schema.js';
import { SendSmsAction } from './send-sms.js';

const example = { sendSms: { text: 'Your code is ${code}', from: 'InfoSMS', to: '${from}' } };

test('the spec example of Send SMS validates', () => assertValid(SendSmsAction, example));

test('the seed 02 sample validates', () =>
  assertValid(SendSmsAction, { sendSms: { text: 'Hello', to: '${to}' } }));

test('sendSms, sendSms.text and sendSms.to are required', () => {
  for (const path of ['sendSms', 'sendSms.text', 'sendSms.to']) assertRequired(SendSmsAction, example, path);
});

test('sendSms.text holds at most 1600 characters', () => {
  assertBound(SendSmsAction, example, 'sendSms.text', {
    accepted: 't'.repeat(1600),
    refused: 't'.repeat(1601),
    keyword: 'maxLength',
  });
});

test('sendSms.from is a string', () => {
  assertRefused(SendSmsAction, withField(example, 'sendSms.from', 41793026700), 'type', 'sendSms.from');
});

test('actionId is an optional integer from 0 to 2147483647', () => assertActionId(SendSmsAction, example));

test('an unknown field is refused, at the top and in sendSms', () => {
  assertNoExtraField(SendSmsAction, example, 'text');
  assertNoExtraField(SendSmsAction, example, 'sendSms.flash');
});
