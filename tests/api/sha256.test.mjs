// The page's own SHA-256 (web/src/common/sha256.js), which hashes every chunk and every file of
// a chunked upload where crypto.subtle is missing: the standard's vectors, and node's digest over
// lengths around the block and padding edges, fed whole and in uneven pieces. Needs no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Sha256, sha256Hex } from '../../web/src/common/sha256.js';

const bytes = (s) => new TextEncoder().encode(s);
const node = (b) => createHash('sha256').update(b).digest('hex');

test('the FIPS 180-4 examples', () => {
	assert.equal(sha256Hex(bytes('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
	assert.equal(sha256Hex(bytes('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	assert.equal(sha256Hex(bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')),
		'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
	const million = new Uint8Array(1000000).fill(0x61);
	assert.equal(sha256Hex(million), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
});

test('every length from 0 to 200 bytes (the padding edges at 55, 56, 63, 64, 119, 120)', () => {
	const data = randomBytes(200);
	for (let n = 0; n <= 200; n++)
		assert.equal(sha256Hex(data.subarray(0, n)), node(data.subarray(0, n)), `length ${n}`);
});

test('fed in pieces of every size it meets in the page (1 byte, 63, 64, 65, a 64 KiB chunk)', () => {
	const data = randomBytes(300000);
	const expected = node(data);
	for (const piece of [1, 63, 64, 65, 1000, 65536]) {
		const h = new Sha256();
		for (let i = 0; i < data.length; i += piece) h.update(data.subarray(i, i + piece));
		assert.equal(h.hex(), expected, `pieces of ${piece}`);
	}
});

test('a Chinese file name\'s bytes and a PDF-like binary hash as node hashes them', () => {
	const name = bytes('承诺书（已签字）.pdf');
	assert.equal(sha256Hex(name), node(name));
	const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(5000), Buffer.from('%%EOF\n')]);
	assert.equal(sha256Hex(new Uint8Array(pdf)), node(pdf));
});
