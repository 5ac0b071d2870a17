import { test } from 'node:test';
import { assertRefused, assertValid } from './assert-schema.js';
import { MachineDetectionAction } from './machine-detection.js';

test('the bare string "machineDetection" validates', () =>
  assertValid(MachineDetectionAction, 'machineDetection'));

test('another spelling or an object form is refused', () => {
  assertRefused(MachineDetectionAction, 'machinedetection', 'const', '');
  assertRefused(MachineDetectionAction, { machineDetection: {} }, 'type', '');
});
