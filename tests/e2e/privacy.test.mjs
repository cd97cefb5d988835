// Browser test of 个人信息与账号 (/privacy) as a person clicks it. Desktop: an expert whose
// application is being reviewed sees what closing keeps and erases, downloads the copy as PDF and
// JSON, and cannot close yet. Phone: an expert with a draft closes the account (a wrong
// confirmation is refused beside its field, the question is asked first), lands on the login
// page and can no longer log in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, withPage, serious, field, hook, solveCaptcha, noHorizontalScroll, onPath, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { expertSubmitted, expertWithDraft } from '../lib/apply.mjs';

let browser;
before(async () => {
	browser = await launch();
});
after(async () => {
	await browser?.close();
});

/** Logs in through the login page (opened first unless `here`: the page is already there). */
async function login(page, user, { here = false } = {}) {
	if (!here) await page.goto('/login');
	await field(page, 'login-account').fill(user.phone.slice(3));
	await field(page, 'login-password').fill(user.password);
	await solveCaptcha(hook(page, 'pane-password'), 'login-captcha');
	await hook(page, 'login-submit').click();
}

async function download(page, name) {
	const [dl] = await Promise.all([page.waitForEvent('download'), hook(page, name).click()]);
	const file = await dl.path();
	assert.ok(file, `${name}: the download was saved (${await dl.failure()})`);
	return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

test('desktop: the copy downloads as PDF and JSON; closing waits for the review', async () => {
	resetIpLimits();
	const s = await expertSubmitted({ name: '隐私测试' });
	await withPage(browser, DESKTOP, 'privacy-desktop', async (page, problems) => {
		await login(page, s.user);
		await onPath(page, '/');
		await hook(page, 'user-menu').click();
		await hook(page, 'menu-privacy').click();
		await onPath(page, '/privacy');
		await hook(page, 'privacy-copy').waitFor();
		await checkA11y(page);
		assert.ok((await hook(page, 'privacy-erased').locator('li').count()) >= 2);
		assert.ok((await hook(page, 'privacy-kept').locator('li').count()) >= 2);
		await hook(page, 'privacy-blocked').waitFor();
		assert.match(await hook(page, 'privacy-blocked').innerText(), /审核/);
		assert.equal(await hook(page, 'privacy-submit').isDisabled(), true);
		const pdf = await download(page, 'privacy-pdf');
		assert.match(pdf.name, /^个人信息副本-\d{4}-\d{2}-\d{2}\.pdf$/);
		assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
		const json = await download(page, 'privacy-json');
		const o = JSON.parse(json.bytes.toString('utf8'));
		assert.equal(o.account.phone, s.user.phone);
		assert.equal(o.application.form.name, '隐私测试');
		await snap(page, 'privacy-desktop');
		assert.deepEqual(serious(problems), []);
	});
});

test('phone: an expert closes the account, asked first, and cannot log in again', async () => {
	resetIpLimits();
	const s = await expertWithDraft({ name: '注销测试' });
	await withPage(browser, PHONE, 'privacy-phone', async (page, problems) => {
		await login(page, s.user);
		await onPath(page, '/');
		await hook(page, 'user-menu').click();
		await hook(page, 'menu-privacy').click();
		await onPath(page, '/privacy');
		await hook(page, 'privacy-close').waitFor();
		await noHorizontalScroll(page);
		await checkA11y(page);
		await field(page, 'privacy-password').fill(s.user.password);
		await field(page, 'privacy-confirm').fill('注销');
		await hook(page, 'privacy-submit').click();
		await page.locator('.el-form-item__error', { hasText: '注销账号' }).waitFor();
		await field(page, 'privacy-confirm').fill('注销账号');
		await snap(page, 'privacy-phone');
		await hook(page, 'privacy-submit').click();
		// asked first: cancel keeps the account, OK closes it
		await hook(page, 'confirm-cancel').click();
		assert.equal(new URL(page.url()).pathname, '/privacy');
		await hook(page, 'privacy-submit').click();
		await hook(page, 'confirm-ok').click();
		await onPath(page, '/login');
		await login(page, s.user, { here: true });
		await page.locator('.el-message, .el-form-item__error, .el-alert', { hasText: /错误|不正确/ }).first().waitFor();
		assert.equal(new URL(page.url()).pathname, '/login');
		assert.deepEqual(serious(problems), []);
	});
});
