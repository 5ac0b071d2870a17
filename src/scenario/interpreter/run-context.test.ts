/**
 * The run's prompt controllers (RunContext.startPrompt/endPrompt): a signal
 * is handed to the next prompt only when it cannot be told from a new one,
 * and a hang-up aborts the prompt playing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallPort } from '../call-port.js';
import { VirtualClock } from '../simulator/virtual-clock.js';
import { RunContext } from './run-context.js';
import { DEFAULT_RUN_SETTINGS } from './run-settings.js';
import { VariableStore } from './variable-store.js';

function createRun(): RunContext {
  return new RunContext({
    call: {} as CallPort,
    services: {
      clock: new VirtualClock(0),
      http: { exchange: () => Promise.reject(new Error('no HTTP here')) },
      sms: { send: () => Promise.reject(new Error('no SMS here')) },
    },
    settings: DEFAULT_RUN_SETTINGS,
    variables: new VariableStore(() => undefined),
    scenarioId: 'S',
  });
}

test('a prompt that ended unaborted and unobserved hands its controller to the next prompt', () => {
  const run = createRun();
  const first = run.startPrompt();
  run.endPrompt(first);

  assert.equal(run.startPrompt(), first);
});

test('an aborted or still observed prompt signal is never handed on, nor one dropped before a remote wait', () => {
  const run = createRun();
  const interrupted = run.startPrompt();
  interrupted.abort();
  run.endPrompt(interrupted);
  assert.notEqual(run.startPrompt(), interrupted);

  const observed = run.startPrompt();
  observed.signal.addEventListener('abort', () => {});
  run.endPrompt(observed);
  assert.notEqual(run.startPrompt(), observed);

  const dropped = run.startPrompt();
  run.endPrompt(dropped);
  run.dropSparePrompt();
  assert.notEqual(run.startPrompt(), dropped);
});

test('stop() aborts the prompt playing, and a prompt started after it starts aborted', () => {
  const run = createRun();
  const playing = run.startPrompt();
  run.stop('caller', 'BYE');

  assert.equal(playing.signal.aborted, true);
  assert.equal(run.startPrompt().signal.aborted, true);
});
