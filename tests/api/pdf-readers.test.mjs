// Every kind of PDF we make, read by the two engines people open them with: poppler (pdftotext:
// Evince, Okular, most Linux viewers) and pdf.js (Firefox's built-in viewer). Each must read
// without a warning, and both must read the same characters — the words a person would copy or search
// for come from the font's ToUnicode map, so a broken map shows here as missing or wrong text.
import { test, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { resetIpLimits } from '../lib/db.mjs';
import { pdfText, pdfjsText } from '../lib/apply.mjs';
import { approvedExpert, staffSession } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

/** Text without the spaces and line breaks each engine places differently. */
const squeeze = (s) => s.replace(/\s+/g, '');
const chars = (s) => [...squeeze(s)].sort().join('');

let e, manager;
before(async () => {
	e = await approvedExpert();
	manager = (await staffSession(['manager'])).client;
});

async function readBoth(client, path) {
	const res = await client.get(path, { binary: true });
	assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.slice(0, 200)}`);
	assert.match(res.headers.get('content-type') || '', /^application\/pdf\b/i, path);
	const poppler = pdfText(res.bytes);
	const js = await pdfjsText(res.bytes);
	assert.deepEqual(js.warnings, [], `${path}: pdf.js warns`);
	// the same characters, each as often: the engines order a page's text runs differently
	assert.equal(chars(js.text), chars(poppler), `${path}: pdf.js and poppler read different characters`);
	return squeeze(js.text);
}

for (const [what, who, path, words, absent = []] of [
	['the application form (申请表)', () => e.client, '/api/apply/pdf/form', () => ['申请表', e.data.name]],
	['the commitment letter (承诺书)', () => e.client, '/api/apply/pdf/commitment', () => ['承诺书']],
	['the certificate (聘书)', () => e.client, '/api/certificate/pdf', () => [e.expertNo, e.data.name]],
	["a manager's copy of the certificate", () => manager, () => `/api/certificate/experts/${e.expertId}/pdf`,
		() => [e.expertNo]],
	["the expert's information sheet", () => e.client, '/api/expert/info.pdf', () => [e.expertNo, e.data.name]],
	// a person's copy speaks words, never the codes the database keeps
	['the copy of personal data (个人信息副本)', () => e.client, '/api/personal/export.pdf',
		() => [e.data.name, '账号状态正常', '专家端', '专家注册', '提交入库申请', '入库审核通过', '已发送', '草稿待审核'],
		[/\b(active|approved|submitted|reviewing|draft|expert|reviewer|anonymous|sent|photo|scan|admit)\b/, /\b(user|account|admin|application|expert|certificate|change|taxonomy)\.[a-z_]+/]],
]) {
	test(`${what}: pdf.js (Firefox) reads it cleanly, the same text as poppler`, async () => {
		const text = await readBoth(who(), typeof path === 'function' ? path() : path);
		for (const w of words()) assert.ok(text.includes(squeeze(String(w))), `${what}: ${w} in ${text.slice(0, 300)}`);
		for (const re of absent) assert.doesNotMatch(text.replace(/[\w.+-]+@[\w.-]+/g, ''), re, `${what}: a code shown as it is`);
	});
}
