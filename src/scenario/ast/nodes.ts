/**
 * The action tree every script form compiles to (SCENARIO-LANGUAGE.md section 1):
 * frozen nodes tagged by `kind`, with defaults applied, strings parsed into
 * templates and conditions into expressions, and Go To targets resolved. The
 * interpreter reads only these nodes, never the raw JSON, so editing a script
 * never touches a call that runs it.
 */
import type { Expression, Template } from '../expressions/index.js';

/** A list of actions with a tree-wide id, so a Go To can name the block to resume in. */
export interface Block {
  readonly id: number;
  readonly actions: readonly ActionNode[];
}

interface NodeBase {
  /** Where the action sits in the submitted document: `script[2].case["1"][0]`. */
  readonly path: string;
  readonly actionId: number | null;
}

export type SendToReports = 'ALWAYS' | 'MASKED' | 'NEVER';

export type CallApiBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'text'; readonly template: Template }
  /** An object body: its string leaves are templates, rendered as JSON strings. */
  | { readonly kind: 'json'; readonly value: JsonTemplate };

export type JsonTemplate =
  | { readonly kind: 'string'; readonly template: Template }
  | { readonly kind: 'literal'; readonly value: number | boolean | null }
  | { readonly kind: 'array'; readonly items: readonly JsonTemplate[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonTemplate])[] };

export interface CallApiNode extends NodeBase {
  readonly kind: 'callApi';
  readonly url: Template | null;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly headers: readonly (readonly [string, Template])[];
  readonly body: CallApiBody;
  readonly collectResponse: boolean;
  readonly timeoutMs: number;
}

export interface CaptureNode extends NodeBase {
  readonly kind: 'capture';
  readonly variable: string;
  readonly timeoutMs: number;
  readonly language: string;
  readonly keyPhrases: readonly string[] | null;
  readonly maxSilenceMs: number;
  readonly maxInputLength: number;
  readonly mappedValues: ReadonlyMap<string, Template> | null;
  readonly sendToReports: SendToReports;
}

export interface CollectNode extends NodeBase {
  readonly kind: 'collect';
  readonly variable: string;
  readonly maxInputLength: number;
  readonly timeoutMs: number;
  readonly interDigitTimeoutMs: number;
  readonly sendToReports: SendToReports;
  readonly mappedValues: ReadonlyMap<string, Template> | null;
}

export interface DialOptions {
  readonly senderId: Template | null;
  readonly maxCallDurationS: number | null;
  readonly ringTimeoutS: number;
  readonly record: boolean;
  readonly onAnswer: Block | null;
}

export interface DialNode extends NodeBase, DialOptions {
  readonly kind: 'dial';
  readonly destination: Template;
}

export interface DialToManyEntry {
  readonly numbers: Template;
  readonly ringTimeoutS: number | null;
}

export interface DialToManyNode extends NodeBase, DialOptions {
  readonly kind: 'dialToMany';
  readonly entries: readonly DialToManyEntry[];
  readonly parallel: boolean;
}

export interface DialToWebRtcNode extends NodeBase {
  readonly kind: 'dialToWebRTC';
  readonly identity: Template;
  readonly ringTimeoutS: number;
  readonly maxCallDurationS: number | null;
  readonly record: boolean;
}

export interface DialToConversationsNode extends NodeBase {
  readonly kind: 'dialToConversations';
  readonly tags: readonly string[] | null;
  readonly tagIdentifierType: 'ID' | 'NAME';
  readonly queueTimeoutS: number;
  readonly maxCallDurationS: number | null;
}

export interface ForEachNode extends NodeBase {
  readonly kind: 'forEach';
  readonly variable: string;
  readonly items: Template;
  readonly delimiter: string;
  readonly body: Block;
}

export interface GoToNode extends NodeBase {
  readonly kind: 'goTo';
  readonly target: number;
  /** The block holding the target and the target's index in it, resolved at compile time. */
  readonly targetBlockId: number;
  readonly targetIndex: number;
  readonly goToLimit: number;
  readonly countVariable: string | null;
}

export interface HangupNode extends NodeBase {
  readonly kind: 'hangup';
}

export interface IfNode extends NodeBase {
  readonly kind: 'if';
  readonly condition: Expression;
  readonly then: Block;
  readonly else: Block;
}

export interface MachineDetectionNode extends NodeBase {
  readonly kind: 'machineDetection';
}

/** Say, Play, Play From Recording and Pause: prompts that may be cut short by a digit (section 6.3). */
interface PromptBase {
  /** Resolved barge-in: `options.bargeIn` if given, else whether the prompt leads to an input. */
  readonly interruptible: boolean;
}

export interface PauseNode extends NodeBase, PromptBase {
  readonly kind: 'pause';
  readonly durationMs: number;
}

export interface PlayNode extends NodeBase, PromptBase {
  readonly kind: 'play';
  readonly url: Template;
}

export type RecordingReference =
  | { readonly kind: 'last' }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'identifier'; readonly template: Template };

export interface PlayFromRecordingNode extends NodeBase, PromptBase {
  readonly kind: 'playFromRecording';
  readonly reference: RecordingReference;
}

export interface RecordNode extends NodeBase {
  readonly kind: 'record';
  /** Null: up to the operator's maximum. */
  readonly maxDurationS: number | null;
  readonly escapeDigits: string;
  readonly beep: boolean;
  readonly maxSilenceS: number | null;
  readonly identifier: Template | null;
}

export interface RepeatNode extends NodeBase {
  readonly kind: 'repeatUntil' | 'repeatWhile';
  readonly body: Block;
  readonly condition: Expression;
}

export interface SayNode extends NodeBase, PromptBase {
  readonly kind: 'say';
  readonly text: Template;
  readonly ssml: boolean;
  readonly language: string;
  readonly speechRate: number;
  readonly voiceName: string | null;
  readonly voiceGender: 'male' | 'female' | null;
}

export interface SendSmsNode extends NodeBase {
  readonly kind: 'sendSms';
  readonly text: Template;
  readonly to: Template;
  readonly from: Template | null;
}

export interface SetVariableNode extends NodeBase {
  readonly kind: 'setVariable';
  readonly variable: string;
  readonly value: Template;
}

export type SwitchSubject =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'expression'; readonly expression: Expression };

export interface SwitchNode extends NodeBase {
  readonly kind: 'switch';
  readonly subject: SwitchSubject;
  readonly cases: ReadonlyMap<string, Block>;
  readonly otherwise: Block | null;
}

export interface WhileDoNode extends NodeBase {
  readonly kind: 'whileDo';
  readonly condition: Expression;
  readonly body: Block;
}

export type ActionNode =
  | CallApiNode
  | CaptureNode
  | CollectNode
  | DialNode
  | DialToManyNode
  | DialToWebRtcNode
  | DialToConversationsNode
  | ForEachNode
  | GoToNode
  | HangupNode
  | IfNode
  | MachineDetectionNode
  | PauseNode
  | PlayNode
  | PlayFromRecordingNode
  | RecordNode
  | RepeatNode
  | SayNode
  | SendSmsNode
  | SetVariableNode
  | SwitchNode
  | WhileDoNode;

export type ActionNodeKind = ActionNode['kind'];

/** A compiled scenario: what the interpreter runs. */
export interface CompiledScenario {
  readonly script: Block;
  readonly onHangup: Block | null;
  /** Initial values, before launch parameters override them. */
  readonly variables: ReadonlyMap<string, string>;
  /** Record the whole call from answer. */
  readonly record: boolean;
  /** Number of actions at all levels. */
  readonly actionCount: number;
}
