/**
 * `dial@v1 {targets[{number, timeout}], cli?, answerOnBranch?}` (section 1.1): one target is a Dial
 * with `ringTimeout`; several are a sequential Dial To Many with a `ringTimeout` per entry. `cli`
 * becomes `senderId`, `answerOnBranch` the `onAnswer` block (answer-branch.ts).
 */
import type { FieldSource } from '../block-writer.js';
import type { JsonObject } from '../canonical-json.js';
import type { ActionSpec } from './action-spec.js';
import { inlineAnswerBranch } from './answer-branch.js';
import { readDialTargets, type DialTarget } from './dial-targets.js';

function singleDial(target: DialTarget, options: JsonObject, fields: FieldSource[]): JsonObject {
  fields.push({ at: ['dial'], source: target.numberPath });
  if (target.timeout !== undefined) {
    options['ringTimeout'] = target.timeout;
    fields.push({ at: ['options', 'ringTimeout'], source: target.timeoutPath });
  }
  return { dial: target.number, options };
}

function sequentialDial(
  targets: readonly DialTarget[],
  targetsPath: string,
  options: JsonObject,
  fields: FieldSource[],
): JsonObject {
  fields.push({ at: ['dialToMany'], source: targetsPath });
  const entries = targets.map((target, index) => {
    fields.push({ at: ['dialToMany', index], source: target.path });
    fields.push({ at: ['dialToMany', index, 'number'], source: target.numberPath });
    if (target.timeout === undefined) return { number: target.number };
    fields.push({ at: ['dialToMany', index, 'ringTimeout'], source: target.timeoutPath });
    return { number: target.number, ringTimeout: target.timeout };
  });
  return { dialToMany: entries, options };
}

export const dialAction: ActionSpec = {
  versions: ['v1'],
  params: ['targets', 'cli', 'answerOnBranch'],
  translate(input) {
    const { ctx, params, path, out } = input;
    const targets = readDialTargets(ctx, params);
    const cli = ctx.textField(params, 'cli');
    const answerOnBranch = params.string('answerOnBranch');
    if (targets === null) return;
    const options: JsonObject = {};
    const fields: FieldSource[] = [{ at: ['options'], source: params.path }];
    const [first] = targets;
    const action =
      targets.length === 1 && first !== undefined
        ? singleDial(first, options, fields)
        : sequentialDial(targets, params.pathOf('targets'), options, fields);
    if (cli !== undefined) {
      options['senderId'] = cli;
      fields.push({ at: ['options', 'senderId'], source: params.pathOf('cli') });
    }
    // Pushed before onAnswer is filled in: the block's paths hang under the Dial's own path.
    const dialPath = out.push(action, path, fields);
    if (answerOnBranch !== undefined) {
      inlineAnswerBranch(input, answerOnBranch, options, dialPath);
      out.note(dialPath, { at: ['options', 'onAnswer'], source: params.pathOf('answerOnBranch') });
    }
    if (Object.keys(options).length === 0) delete action['options'];
  },
};
