// API tests of the apply program, part 4: the documents — GET /api/apply/pdf/form (申请表) and
// GET /api/apply/pdf/commitment (承诺书), read back with poppler (pdftotext, pdftoppm, pdfimages).
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { resetIpLimits } from '../lib/db.mjs';
import { expectError } from '../lib/expect.mjs';
import { expertSession } from '../lib/flows.mjs';
import {
	applyOptions, taxonomyLeaves, expertWithDraft, pdfText, pdfImageCount, pdfImages, renderFirstPage, passportNumber,
	uploadFile, greyPng, saveDraftOk,
} from '../lib/apply.mjs';

beforeEach(() => resetIpLimits());

/** GET a document; expects a PDF download and returns its bytes. */
async function getPdf(client, path) {
	const res = await client.get(path, { binary: true });
	assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.slice(0, 300)}`);
	assert.match(res.headers.get('content-type') || '', /^application\/pdf\b/i, `${path}: content-type`);
	assert.match(res.headers.get('content-disposition') || '', /^attachment\b/i, `${path}: content-disposition`);
	assert.equal((res.headers.get('x-content-type-options') || '').toLowerCase(), 'nosniff');
	assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${path}: starts like a PDF`);
	return res.bytes;
}

/** Text without the spaces and line breaks a PDF's layout puts inside words. */
const squeeze = (s) => s.replace(/\s+/g, '');

function expectRenders(bytes, what) {
	const r = renderFirstPage(bytes);
	assert.equal(r.status, 0, `pdftoppm on ${what}: exit ${r.status} ${r.stderr}`);
	assert.ok(r.png && r.png.length > 100, `pdftoppm wrote a PNG of ${what}`);
	assert.equal(r.png.subarray(1, 4).toString('latin1'), 'PNG');
}

let s; // an expert with a complete draft
let chosen;
before(async () => {
	resetIpLimits();
	const { client, user } = await expertSession();
	const { leaves } = taxonomyLeaves(await applyOptions(client));
	chosen = [leaves[1], leaves[leaves.length - 2]];
	s = await expertWithDraft({ session: { client, user }, name: '欧阳振华', leaves: chosen.map((l) => l.id) });
});

test('pdf/form: a PDF with the applicant\'s name, ID type, ID number and chosen specialties; page 1 renders', async () => {
	const bytes = await getPdf(s.client, '/api/apply/pdf/form');
	const text = squeeze(pdfText(bytes));
	assert.ok(text.includes('欧阳振华'), `the name in: ${text.slice(0, 400)}`);
	assert.ok(text.includes('居民身份证'), 'the ID type');
	assert.ok(text.includes(s.data.id_number), 'the ID number');
	assert.ok(text.includes(squeeze(s.data.employer)), 'the employer');
	assert.ok(text.includes('同济大学'), 'the education');
	assert.ok(text.includes('高级工程师'), 'the title');
	for (const leaf of chosen) assert.ok(text.includes(squeeze(leaf.name)), `the chosen leaf ${leaf.name}`);
	expectRenders(bytes, 'the form');
});

test('pdf/form: carries the photo', async () => {
	const bytes = await getPdf(s.client, '/api/apply/pdf/form');
	assert.ok(pdfImageCount(bytes) >= 1, 'an image in the form');
});

test('pdf/form: a 3000×2000 photo is printed from the 600×400 copy made at upload: the PDF stays small', async () => {
	const x = await expertWithDraft();
	const photo = await uploadFile(x.client, 'photo', greyPng(3000, 2000), { name: 'big.png' });
	await saveDraftOk(x.client, x.version, { ...x.data, photo: photo.id });
	const bytes = await getPdf(x.client, '/api/apply/pdf/form');
	assert.deepEqual(pdfImages(bytes), [{ w: 600, h: 400 }], 'the photo, at the size stored');
	assert.ok(bytes.length < 512 * 1024, `a small document: ${bytes.length} bytes`);
});

test('pdf/form: follows the draft (another ID type, another name)', async () => {
	const t = await expertWithDraft({
		name: '司马光明',
		edit: (d) => {
			d.id_type = '护照';
			d.id_number = passportNumber();
			delete d.id_back;
		},
	});
	const text = squeeze(pdfText(await getPdf(t.client, '/api/apply/pdf/form')));
	assert.ok(text.includes('司马光明'));
	assert.ok(text.includes('护照'));
	assert.ok(!text.includes('欧阳振华'), 'nobody else\'s data');
});

test('pdf/commitment: a PDF with the applicant\'s name; page 1 renders', async () => {
	const bytes = await getPdf(s.client, '/api/apply/pdf/commitment');
	const text = squeeze(pdfText(bytes));
	assert.ok(text.includes('欧阳振华'), `the name in: ${text.slice(0, 300)}`);
	assert.ok(text.includes('承诺'), 'a commitment letter');
	expectRenders(bytes, 'the commitment letter');
});

test('pdf: POST → 405 method_not_allowed', async () => {
	for (const p of ['/api/apply/pdf/form', '/api/apply/pdf/commitment']) {
		const res = await s.client.post(p, {});
		expectError(res, 405, 'method_not_allowed');
	}
});
