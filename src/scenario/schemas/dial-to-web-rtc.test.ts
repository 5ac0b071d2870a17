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
import { DialToWebRtcAction } from './dial-to-web-rtc.js';

const example = { dialToWebRTC: 'agent-ana', options: { ringTimeout: 30 } };

test('the spec example of Dial To WebRTC validates', () => assertValid(DialToWebRtcAction, example));

test('options.maxCallDuration and options.record validate', () => {
  assertValid(DialToWebRtcAction, {
    dialToWebRTC: 'support-app',
    options: { maxCallDuration: 1, record: true },
  });
});

test('dialToWebRTC is a required string', () => {
  assertRequired(DialToWebRtcAction, example, 'dialToWebRTC');
  assertRefused(DialToWebRtcAction, withField(example, 'dialToWebRTC', null), 'type', 'dialToWebRTC');
});

test('options.ringTimeout is an integer from 5 to 300 seconds', () => {
  assertBound(DialToWebRtcAction, example, 'options.ringTimeout', {
    accepted: 5,
    refused: 4,
    keyword: 'minimum',
  });
  assertBound(DialToWebRtcAction, example, 'options.ringTimeout', {
    accepted: 300,
    refused: 301,
    keyword: 'maximum',
  });
});

test('options.maxCallDuration is at least 1 second', () => {
  assertBound(DialToWebRtcAction, example, 'options.maxCallDuration', {
    accepted: 1,
    refused: 0,
    keyword: 'minimum',
  });
});

test('senderId and onAnswer, which only Dial and Dial To Many define, are refused', () => {
  assertNoExtraField(DialToWebRtcAction, example, 'options.senderId');
  assertNoExtraField(DialToWebRtcAction, example, 'options.onAnswer');
});

test('actionId is an optional integer from 0 to 2147483647', () =>
  assertActionId(DialToWebRtcAction, example));

test('an unknown field is refused at the top', () =>
  assertNoExtraField(DialToWebRtcAction, example, 'identity'));
