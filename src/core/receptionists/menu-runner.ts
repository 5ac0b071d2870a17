/**
 * Runs a receptionist's menu on a call (docs/receptionists.md, "At run time"): answer, fire the
 * CALLER action URLs the caller matches, say or play the greeting (a key interrupts it), collect the
 * caller's entry, fire the DTMF action URLs the entry matches, and pick the option's scenario. No
 * input or an invalid one repeats the greeting up to `maxRepeats` times; then the call is hung up.
 *
 * The caller never waits on an action URL: the sender's `fire` returns at once. The runner answers
 * which scenario to run next; the caller of the runner (inbound routing) runs it.
 */
import type { CallPort, CallPortDelegate, PromptEnd } from '../../scenario/call-port.js';
import { DigitBuffer } from '../../scenario/interpreter/digit-buffer.js';
import { systemScenarioClock, type ScenarioClock } from '../../scenario/interpreter/scenario-clock.js';
import type { Timeline } from '../../scenario/interpreter/timeline.js';
import type { ActionUrlSender } from './action-url-sender.js';
import {
  callerMatches,
  dtmfMatches,
  isMaskError,
  parseCallerMask,
  parseDtmfMask,
  type Mask,
} from './masks.js';
import { encodeSeedId } from './seed-id.js';
import type { Menu } from './service.js';
import type { ActionUrl, ActionUrlType } from './types.js';

/** Keys of one entry at most; a longer one ends there. */
export const MAX_ENTRY_DIGITS = 20;
/** Silence after a key that ends an entry (no `#`). */
export const DEFAULT_ENTRY_GAP_MS = 2000;

export interface MenuRunOptions {
  readonly port: CallPort;
  readonly menu: Menu;
  readonly sender: Pick<ActionUrlSender, 'fire'>;
  /** The call's timeline; the menu's events go there. */
  readonly timeline: Timeline;
  readonly clock?: ScenarioClock;
  /** Aborted from outside (the platform releases the call): the menu stops as for a hang-up. */
  readonly signal?: AbortSignal;
  readonly entryGapMs?: number;
}

export type MenuOutcome =
  | { readonly kind: 'scenario'; readonly scenarioId: string; readonly key: string }
  | { readonly kind: 'hangup'; readonly reason: 'caller_hangup' | 'no_choice' };

interface ArmedActionUrl {
  readonly actionUrl: ActionUrl;
  readonly mask: Mask | null;
}

/** The enabled action URLs of one type that can fire, with their parsed masks. */
function armed(actionUrls: readonly ActionUrl[], type: ActionUrlType): ArmedActionUrl[] {
  const result: ArmedActionUrl[] = [];
  for (const actionUrl of actionUrls) {
    if (!actionUrl.enabled || actionUrl.type !== type || actionUrl.url === null) continue;
    const text = type === 'DTMF' ? actionUrl.dtmfMask : actionUrl.callerMask;
    if (text === null) {
      result.push({ actionUrl, mask: null });
      continue;
    }
    const mask = type === 'DTMF' ? parseDtmfMask(text) : parseCallerMask(text);
    // Stored masks were checked on save; one that no longer parses fires nothing rather than everything.
    if (!isMaskError(mask)) result.push({ actionUrl, mask });
  }
  return result;
}

export async function runReceptionistMenu(options: MenuRunOptions): Promise<MenuOutcome> {
  const { port, menu, sender, timeline } = options;
  const { receptionist } = menu;
  const clock = options.clock ?? systemScenarioClock;
  const entryGapMs = options.entryGapMs ?? DEFAULT_ENTRY_GAP_MS;
  const receptionistId = encodeSeedId(receptionist.id);
  const call = new AbortController();
  const digits = new DigitBuffer();
  const endCall = (): void => call.abort();
  const delegate: CallPortDelegate = {
    onDigit: (digit) => void digits.push(digit),
    onHangup: endCall,
    onReleased: endCall,
  };
  options.signal?.addEventListener('abort', endCall, { once: true });
  if (options.signal?.aborted === true) call.abort();
  port.attach(delegate);

  const callerUrls = armed(menu.actionUrls, 'CALLER');
  const dtmfUrls = armed(menu.actionUrls, 'DTMF');
  const fire = (target: ArmedActionUrl, entry: string | null): void => {
    timeline.add('receptionist.action_url', {
      actionUrlId: encodeSeedId(target.actionUrl.id),
      type: target.actionUrl.type,
      ...(entry === null ? {} : { digits: entry }),
    });
    sender.fire(target.actionUrl, {
      callId: port.info.callId,
      caller: port.info.from,
      callee: port.info.to,
      digits: entry,
      receptionistId: receptionist.id,
      at: clock.now(),
    });
  };
  const callerHungUp = (): MenuOutcome => {
    timeline.add('receptionist.hangup', { by: 'caller' });
    return { kind: 'hangup', reason: 'caller_hangup' };
  };

  async function greet(): Promise<PromptEnd> {
    const prompt = new AbortController();
    const stop = (): void => prompt.abort();
    call.signal.addEventListener('abort', stop, { once: true });
    digits.abortOnKey(prompt);
    try {
      const { greeting } = receptionist;
      return greeting.url !== null
        ? await port.play({ url: greeting.url }, prompt.signal)
        : await port.say(
            {
              text: greeting.text ?? '',
              ssml: false,
              language: greeting.language,
              voiceName: greeting.voice,
              voiceGender: null,
              speechRate: 1,
            },
            prompt.signal,
          );
    } finally {
      digits.abortOnKey(null);
      call.signal.removeEventListener('abort', stop);
    }
  }

  /**
   * The caller's entry: keys until `#`, a silence of the entry gap, or MAX_ENTRY_DIGITS. With no
   * enabled DTMF action URL to feed, a single key that is an option ends the entry at once. `#` alone
   * is the entry `#`. Null when the call ended.
   */
  async function collect(): Promise<string | null> {
    let entry = '';
    let waitMs = receptionist.timeoutS * 1000;
    for (;;) {
      const next = await digits.next(waitMs, clock, call.signal);
      if (next.kind === 'aborted') return null;
      if (next.kind === 'timeout') return entry;
      if (next.digit === '#') return entry === '' ? '#' : entry;
      entry += next.digit;
      if (entry.length >= MAX_ENTRY_DIGITS) return entry;
      if (dtmfUrls.length === 0 && entry.length === 1 && receptionist.options[entry] !== undefined)
        return entry;
      waitMs = entryGapMs;
    }
  }

  async function run(): Promise<MenuOutcome> {
    timeline.add('receptionist.started', { receptionistId, name: receptionist.name });
    await port.answer(call.signal);
    if (call.signal.aborted) return callerHungUp();
    for (const target of callerUrls) if (callerMatches(target.mask, port.info.from)) fire(target, null);

    const attempts = 1 + receptionist.maxRepeats;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (digits.size === 0) {
        const end = await greet();
        timeline.add('receptionist.greeting', { attempt, end });
      }
      if (call.signal.aborted) return callerHungUp();
      const entry = await collect();
      if (entry === null) return callerHungUp();
      if (entry === '') {
        timeline.add('receptionist.no_input', { attempt });
        continue;
      }
      timeline.add('receptionist.input', { attempt, digits: entry });
      for (const target of dtmfUrls) if (dtmfMatches(target.mask, entry)) fire(target, entry);
      const scenarioId = entry.length === 1 ? receptionist.options[entry] : undefined;
      if (scenarioId !== undefined) {
        timeline.add('receptionist.chosen', { key: entry, scenarioId });
        return { kind: 'scenario', scenarioId, key: entry };
      }
      timeline.add('receptionist.invalid', { attempt, digits: entry });
      digits.clear();
    }
    timeline.add('receptionist.exhausted', { attempts });
    await port.hangup();
    return { kind: 'hangup', reason: 'no_choice' };
  }

  try {
    return await run();
  } finally {
    options.signal?.removeEventListener('abort', endCall);
  }
}
