// The provincial style (seed 004): the same programs and database with `[apply] style =
// provincial`, run as plain CGI (as on shared hosting), so both deployments are tested in one
// run: the extra steps exist, and submission needs the signed commitment letter and form.
import test from 'node:test';
import assert from 'node:assert/strict';
import { expertSession } from '../lib/flows.mjs';
import { cgi, configWith } from '../lib/cgi.mjs';

const conf = configWith({ apply: { style: 'provincial' } });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function uploadPdf(client) {
	const form = new FormData();
	form.append('file', new Blob([PDF], { type: 'application/pdf' }), '签字扫描件.pdf');
	const res = await client.request('POST', '/api/files/pdf', { body: form });
	assert.equal(res.status, 201, res.text);
	return res.body.file.id;
}

test('provincial: options list the signing steps', async () => {
	const { client } = await expertSession();
	const res = cgi('apply', conf, 'GET', '/options', { client });
	assert.equal(res.status, 200, res.text + res.stderr);
	assert.deepEqual(res.body.steps, ['basic', 'domains', 'records', 'commitment', 'form', 'preview']);
	assert.equal(res.body.style, 'provincial');
});

test('provincial: a draft misses the commitment letter and the form; PDFs are uploaded into them', async () => {
	const { client } = await expertSession();
	let res = cgi('apply', conf, 'POST', '/draft', { client, data: { version: 0, step: 'basic', data: { name: '王五' } } });
	assert.equal(res.status, 200, res.text + res.stderr);
	assert.equal(res.body.missing.commitment.commitment_scan, '请上传入库承诺书扫描件');
	assert.equal(res.body.missing.form.form_scan, '请上传申请表扫描件');
	const letter = await uploadPdf(client), signed = await uploadPdf(client);
	res = cgi('apply', conf, 'POST', '/draft', {
		client, data: { version: res.body.version, step: 'form', data: { name: '王五', commitment_scan: letter, form_scan: signed } },
	});
	assert.equal(res.status, 200, res.text);
	assert.deepEqual(res.body.missing.commitment, {});
	assert.deepEqual(res.body.missing.form, {});
	// a photo is no signed PDF
	res = cgi('apply', conf, 'POST', '/draft', {
		client, data: { version: res.body.version, step: 'form', data: { commitment_scan: 999999999 } },
	});
	assert.equal(res.status, 422);
	assert.ok(res.body.error.fields.commitment_scan);
	// the same draft seen through the city-style server (nginx/Apache) has no such steps
	const city = await client.get('/api/apply');
	assert.equal(city.status, 200);
	assert.equal(city.body.application.missing.commitment, undefined);
});

test('provincial: submission is refused without the signed scans, and the letter PDF names the applicant', async () => {
	const { client } = await expertSession();
	let res = cgi('apply', conf, 'POST', '/draft', { client, data: { version: 0, step: 'basic', data: { name: '赵六' } } });
	assert.equal(res.status, 200);
	res = cgi('apply', conf, 'POST', '/submit', { client, data: { version: res.body.version, declaration: true } });
	assert.equal(res.status, 422);
	assert.ok(res.body.error.fields.commitment_scan);
	assert.ok(res.body.error.fields.form_scan);
	res = cgi('apply', conf, 'GET', '/pdf/commitment', { client });
	assert.equal(res.status, 200);
	assert.equal(res.headers['content-type'], 'application/pdf');
});
