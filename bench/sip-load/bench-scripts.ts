/**
 * The two scenarios the benchmark routes its numbers to, in the seed 02 script form
 * (docs/scenario-language.md).
 */
import { PROMPT_FILES } from './prompt-wavs.js';

/** The IVR menu's prompt: espeak-ng says it in about 1.4 s. */
export const MENU_PROMPT = 'Press one or two.';
/** Collect's wait for the digit, seconds: past it the call takes the long branch, too late for its window. */
export const COLLECT_TIMEOUT_S = 5;

/**
 * Say + Collect (1 digit) + If + Play + Hang-up: digit 1 plays the short prompt, anything else
 * (digit 2, a wrong digit, none) the long one. ivr-call.xml tells the branches apart by the time
 * from its digit to Voxgate's BYE.
 */
export function ivrScript(): readonly unknown[] {
  return [
    { say: MENU_PROMPT },
    { collectInto: 'choice', options: { maxInputLength: 1, timeout: COLLECT_TIMEOUT_S } },
    {
      if: '${choice} == 1',
      then: [{ playFromUrl: `media:${PROMPT_FILES.short}` }],
      else: [{ playFromUrl: `media:${PROMPT_FILES.long}` }],
    },
    'hangup',
  ];
}

/** One prompt longer than the call: Voxgate streams audio until the caller's BYE. */
export function holdScript(): readonly unknown[] {
  return [{ playFromUrl: `media:${PROMPT_FILES.hold}` }, 'hangup'];
}
