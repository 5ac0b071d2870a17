/** The per-action schemas of the scenario language, keyed by {@link ActionKind}. */
import type { TSchema } from 'typebox';
import type { ActionKind } from './action-kinds.js';
import { CallApiAction } from './call-api.js';
import { CaptureAction } from './capture.js';
import { CollectAction } from './collect.js';
import { DialAction } from './dial.js';
import { DialToConversationsAction } from './dial-to-conversations.js';
import { DialToManyAction } from './dial-to-many.js';
import { DialToWebRtcAction } from './dial-to-web-rtc.js';
import { ForEachAction } from './for-each.js';
import { GoToAction } from './go-to.js';
import { HangupAction } from './hangup.js';
import { IfAction } from './if.js';
import { MachineDetectionAction } from './machine-detection.js';
import { PauseAction } from './pause.js';
import { PlayAction } from './play.js';
import { PlayFromRecordingAction } from './play-from-recording.js';
import { RecordAction } from './record.js';
import { RepeatUntilAction } from './repeat-until.js';
import { RepeatWhileAction } from './repeat-while.js';
import { SayAction } from './say.js';
import { SendSmsAction } from './send-sms.js';
import { SetVariableAction } from './set-variable.js';
import { SwitchAction } from './switch.js';
import { WhileDoAction } from './while-do.js';

export const ACTION_SCHEMAS = {
  callApi: CallApiAction,
  capture: CaptureAction,
  collect: CollectAction,
  dial: DialAction,
  dialToMany: DialToManyAction,
  dialToWebRTC: DialToWebRtcAction,
  dialToConversations: DialToConversationsAction,
  forEach: ForEachAction,
  goTo: GoToAction,
  hangup: HangupAction,
  if: IfAction,
  machineDetection: MachineDetectionAction,
  pause: PauseAction,
  play: PlayAction,
  playFromRecording: PlayFromRecordingAction,
  record: RecordAction,
  repeatUntil: RepeatUntilAction,
  repeatWhile: RepeatWhileAction,
  say: SayAction,
  sendSms: SendSmsAction,
  setVariable: SetVariableAction,
  switch: SwitchAction,
  whileDo: WhileDoAction,
} as const satisfies Record<ActionKind, TSchema>;

export { ActionKind, detectActionKind, type ActionKindResult } from './action-kinds.js';
export {
  ActionId,
  Block,
  SAY_LANGUAGES,
  SendToReports,
  VARIABLE_NAME_PATTERN,
  VariableName,
} from './common.js';
export {
  CallApiAction,
  CaptureAction,
  CollectAction,
  DialAction,
  DialToConversationsAction,
  DialToManyAction,
  DialToWebRtcAction,
  ForEachAction,
  GoToAction,
  HangupAction,
  IfAction,
  MachineDetectionAction,
  PauseAction,
  PlayAction,
  PlayFromRecordingAction,
  RecordAction,
  RepeatUntilAction,
  RepeatWhileAction,
  SayAction,
  SendSmsAction,
  SetVariableAction,
  SwitchAction,
  WhileDoAction,
};
