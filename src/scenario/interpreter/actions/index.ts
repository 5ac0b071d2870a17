/** Every action's handler, keyed by node kind: adding a kind without a handler does not compile. */
import type { ActionNode, ActionNodeKind } from '../../ast/nodes.js';
import type { ActionHandler } from './action-handler.js';
import { callApi } from './call-api.js';
import { capture } from './capture.js';
import { collect } from './collect.js';
import { forEach, goTo, hangup, ifThenElse, repeat, setVariable, switchCase, whileDo } from './control.js';
import { dial, dialToConversations, dialToMany, dialToWebRtc } from './dial.js';
import { machineDetection } from './machine-detection.js';
import { pause, play, playFromRecording } from './play.js';
import { record } from './record.js';
import { say } from './say.js';
import { sendSms } from './send-sms.js';

type Handlers = { readonly [K in ActionNodeKind]: ActionHandler<Extract<ActionNode, { kind: K }>> };

export const ACTION_HANDLERS = {
  callApi,
  capture,
  collect,
  dial,
  dialToMany,
  dialToWebRTC: dialToWebRtc,
  dialToConversations,
  forEach,
  goTo,
  hangup,
  if: ifThenElse,
  machineDetection,
  pause,
  play,
  playFromRecording,
  record,
  repeatUntil: repeat,
  repeatWhile: repeat,
  say,
  sendSms,
  setVariable,
  switch: switchCase,
  whileDo,
} satisfies Handlers;

export type { ActionHandler, Executor } from './action-handler.js';
