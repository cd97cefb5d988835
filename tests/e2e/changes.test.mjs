// Browser test of a change request with an attachment, as a person clicks it: an expert in the
// pool asks for a new employer (工作单位), is told to attach a proof first, uploads a proof letter
// (PDF), removes and attaches it again, submits; a manager opens the request, sees the letter
// among 证明材料 (opened in a new tab, with the download's sandbox), approves; the expert's record
// and work history then show the new employer. Once on a desktop (1366×768), once on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage, serious, field, hook, onPath, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { adminLogin, expertLogin, fits, settle, toast } from '../lib/pages.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { pdf } from '../lib/apply.mjs';
import { approvedExpert, staffSession } from '../lib/staff.mjs';

let browser, manager;
before(async () => {
	browser = await launch();
	resetIpLimits();
	manager = await staffSession(['manager'], { name: '异动库管员' });
});
after(async () => {
	await browser?.close();
});

const thisMonth = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);

async function employerChange(device, tag) {
	resetIpLimits();
	const x = await approvedExpert({ name: `赵${tag === 'phone' ? '手机' : '桌面'}` });
	const next = `某${tag}调入单位${x.expertNo}`;
	const letter = { name: '调动证明.pdf', mimeType: 'application/pdf', buffer: pdf('proof letter') };
	let changeId;

	await withPage(browser, device, `changes-${tag}-expert`, async (page, problems) => {
		const shot = async (what) => {
			await settle(page);
			await snap(page, `changes-${tag}-${what}`);
			await checkA11y(page, `change request (${tag}): ${what}`);
		};
		await expertLogin(page, x.user);
		await page.waitForLoadState('networkidle'); // home's own requests done before going on
		await page.goto('/profile/change/employer');
		const form = hook(page, 'profile-change-form');
		await form.waitFor({ state: 'visible' });
		assert.equal(await form.getAttribute('data-kind'), 'employer');
		assert.equal(await field(page, 'f-employer').inputValue(), x.data.employer, 'prefilled from the profile');
		await field(page, 'f-employer').fill(next);
		await field(page, 'f-position').fill('副总工程师');
		// no proof yet: refused on the page, beside 证明材料
		await hook(page, 'profile-change-submit').click();
		const box = hook(page, 'profile-change-files');
		await box.locator('.ep-list-error', { hasText: '请上传新单位出具的工作证明' }).waitFor({ state: 'visible' });
		// attach, remove, attach again
		await hook(page, 'upload-change-file').setInputFiles(letter);
		await hook(page, 'profile-change-file').first().waitFor({ state: 'visible' });
		assert.equal(await box.locator('.ep-list-error').count(), 0, 'the error goes once a file is attached');
		await hook(page, 'profile-change-file-remove-0').click();
		assert.equal(await hook(page, 'profile-change-file').count(), 0);
		await hook(page, 'upload-change-file').setInputFiles(letter);
		const row = hook(page, 'profile-change-file').first();
		await row.waitFor({ state: 'visible' });
		assert.match(await row.innerText(), /调动证明\.pdf/);
		await fits(page, device);
		await shot('form');
		await hook(page, 'profile-change-submit').click();
		await toast(page, '异动申请已提交');
		await onPath(page, '/profile');
		const listed = page.locator('[data-test="profile-change-row"][data-kind="employer"][data-status="pending"]').first();
		await listed.waitFor({ state: 'visible' });
		changeId = Number(await listed.getAttribute('data-id'));
		await shot('submitted');
		assert.deepEqual(serious(problems), []);
	});

	const mine = expectJson(await x.client.get('/api/expert/changes'), 200).changes;
	assert.equal(mine[0].id, changeId);
	assert.deepEqual(mine[0].files.map((f) => f.name), ['调动证明.pdf']);

	await withPage(browser, device, `changes-${tag}-manager`, async (page, problems) => {
		await adminLogin(page, manager);
		await page.waitForLoadState('networkidle');
		await page.goto(`/admin/changes/${changeId}`);
		await hook(page, 'change-expert').waitFor({ state: 'visible' });
		const docs = hook(page, 'change-files').locator('[data-test="doc"]');
		await docs.first().waitFor({ state: 'visible' });
		assert.equal(await docs.count(), 1);
		assert.equal(await docs.first().getAttribute('data-type'), 'pdf');
		assert.match(await docs.first().innerText(), /证明材料 1[\s\S]*调动证明\.pdf/);
		const href = await docs.first().locator('[data-test="doc-open"]').getAttribute('href');
		const res = await page.request.get(href);
		assert.equal(res.status(), 200);
		assert.equal(res.headers()['content-type'], 'application/pdf');
		assert.match(res.headers()['content-security-policy'] || '', /(^|;)\s*sandbox\b/);
		await fits(page, device);
		await settle(page);
		await snap(page, `changes-${tag}-case`);
		await checkA11y(page, `change request (${tag}): the manager's case`);
		await hook(page, 'change-approve').click();
		await hook(page, 'confirm-ok').click();
		await toast(page, '已通过');
		await hook(page, 'change-decision').waitFor({ state: 'visible' });
		assert.equal(await hook(page, 'change-files').locator('[data-test="doc"]').count(), 1, 'the letter stays with the decided request');
		await settle(page);
		await snap(page, `changes-${tag}-approved`);
		assert.deepEqual(serious(problems), []);
	});

	const me = expectJson(await x.client.get('/api/expert'), 200).expert;
	assert.equal(me.employer, next);
	assert.deepEqual(me.profile.work.at(-1), { employer: next, position: '副总工程师', from: thisMonth(), to: '' });
	assert.equal(me.profile.work.at(-2).to, thisMonth(), 'the entry at the employer left is closed');
}

test('an employer change with a proof letter, approved by a manager — desktop (1366×768)', { timeout: 150000 }, async () => {
	await employerChange(DESKTOP, 'desktop');
});

test('an employer change with a proof letter, approved by a manager — phone (390×844)', { timeout: 150000 }, async () => {
	await employerChange(PHONE, 'phone');
});
