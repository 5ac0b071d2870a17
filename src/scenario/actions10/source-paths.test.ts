/** Moving a canonical path back to the YAML: exact entries, nearest ancestors, mirrored subtrees, scaffolding. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parentPath, SourcePathMap } from './source-paths.js';

test('parentPath strips one segment of each kind', () => {
  assert.equal(parentPath('script[1].case["inbound-call"][2].options'), 'script[1].case["inbound-call"][2]');
  assert.equal(parentPath('script[1].case["inbound-call"][2]'), 'script[1].case["inbound-call"]');
  assert.equal(parentPath('script[1].case["inbound-call"]'), 'script[1].case');
  assert.equal(parentPath('script'), '');
  assert.equal(parentPath(''), '');
});

test('an exact entry wins; otherwise the nearest recorded ancestor answers', () => {
  const paths = new SourcePathMap();
  paths.set('script[0]', 'branches.a.actions[0]');
  paths.set('script[0].options.ringTimeout', 'branches.a.actions[0].params.targets[0].timeout');

  assert.deepEqual(paths.resolve('script[0].options.ringTimeout'), {
    path: 'branches.a.actions[0].params.targets[0].timeout',
    scaffold: false,
  });
  assert.deepEqual(paths.resolve('script[0].options.senderId'), {
    path: 'branches.a.actions[0]',
    scaffold: false,
  });
  assert.equal(paths.resolve('onHangup[0]'), null);
});

test('under a mirrored entry the rest of the path is kept', () => {
  const paths = new SourcePathMap();
  paths.set('script[0].options.body', 'branches.a.actions[0].params.body', { mirror: true });

  assert.equal(
    paths.resolve('script[0].options.body.items[2].name')?.path,
    'branches.a.actions[0].params.body.items[2].name',
  );
});

test('scaffolding is flagged only on its own path, not on what lies under it', () => {
  const paths = new SourcePathMap();
  paths.set('script[1]', 'branches', { scaffold: true });

  assert.deepEqual(paths.resolve('script[1]'), { path: 'branches', scaffold: true });
  assert.deepEqual(paths.resolve('script[1].case'), { path: 'branches', scaffold: false });
});
