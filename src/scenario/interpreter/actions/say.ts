/** Say (section 5.19): text to speech through the call port. */
import type { SayNode } from '../../ast/nodes.js';
import type { ActionHandler } from './action-handler.js';
import { finishPrompt, playPrompt } from './prompt.js';

/** Section 5.19: at most 1,400 characters after interpolation. */
export const MAX_SAY_CHARACTERS = 1400;

const escapeXml = (value: string): string =>
  value.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

export const say: ActionHandler<SayNode> = {
  needsCall: true,
  async run(node, run) {
    // Values are XML-escaped inside SSML so a variable cannot inject markup (section 3).
    const text = run.render(node.text, node, node.ssml ? escapeXml : undefined);
    if (text.length > MAX_SAY_CHARACTERS) return finishPrompt(node, run, 'FAILED');
    const status = await playPrompt(node, run, (signal) =>
      run.call.say(
        {
          text,
          ssml: node.ssml,
          language: node.language,
          voiceName: node.voiceName,
          voiceGender: node.voiceGender,
          speechRate: node.speechRate,
        },
        signal,
      ),
    );
    if (status === 'PLAYED' || status === 'INTERRUPTED') {
      run.timeline.add(
        'prompt.said',
        {
          text,
          voice: node.voiceName ?? node.language,
          rate: node.speechRate,
          interrupted: status === 'INTERRUPTED',
        },
        node,
      );
    }
    return finishPrompt(node, run, status);
  },
};
