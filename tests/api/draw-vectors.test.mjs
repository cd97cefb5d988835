// The 核验 page's module (web/src/admin/draw/verify.js, written from docs/DRAW.md) against every
// vector of docs/draw-vectors.json, which the C code wrote: two implementations, one answer.
// Needs no server (node's globalThis.crypto.subtle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { accepts, recompute, snapshotDigest } from '../../web/src/admin/draw/verify.js';

const vectors = JSON.parse(readFileSync(new URL('../../docs/draw-vectors.json', import.meta.url))).vectors;

const plain = (r) => ({ ...r, members: r.members.map(Number), backups: r.backups.map(Number),
  skipped: r.skipped.map(([id, why]) => [Number(id), why]) });

test('the vectors are at least 8', () => assert.ok(vectors.length >= 8));

for (const v of vectors) {
  test(`vector: ${v.name}`, async () => {
    assert.deepEqual((await recompute(v)).map(plain), v.expect);
  });
}

test('the snapshot example of DRAW.md section 2', async () => {
  assert.equal(await snapshotDigest(0, [[7, 0, 0]]), '04afc7cc29f8d79d6c428f2db4c1e604b689af40bd50653575c737c3ce81de83');
  await assert.rejects(snapshotDigest(0, [[2, 0, 0], [1, 0, 0]]));
  await assert.rejects(snapshotDigest(0, [[0, 0, 0]]));
});

test('rejection at the edges', () => {
  const top = (1n << 64n) - 1n;
  assert.ok(accepts(top, 1n));
  assert.ok(accepts(top, 1n << 40n));
  assert.ok(!accepts(top, (1n << 32n) + 1n) && accepts(top - 1n, (1n << 32n) + 1n));
  assert.ok(accepts(1n << 63n, (1n << 63n) + 1n) && !accepts((1n << 63n) + 1n, (1n << 63n) + 1n));
});

test('a changed seed changes the draw', async () => {
  const v = vectors.find((x) => x.name.startsWith('medium: 5'));
  const other = await recompute({ ...v, seed: v.seed.replace(/^./, (c) => (c === '0' ? '1' : '0')) });
  assert.notDeepEqual(other.map(plain)[0].members, v.expect[0].members);
});
