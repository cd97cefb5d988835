// Browser test of the admin site: the super-admin logs in at /admin/ (changing the initial
// password first when the run has not done so yet) and sees the admin shell.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage, serious, field, hook, solveCaptcha, onPath, until, snap, noHorizontalScroll, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { adminPassword, saveAdminPassword, randomPassword } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { need } from '../lib/env.mjs';

let browser;
before(async () => {
	browser = await launch();
});
after(async () => {
	await browser?.close();
});

/** Fills the admin login form and submits; returns where the app went: 'password', 'home' or 'failed'. */
async function submitLogin(page, account, password) {
	await field(page, 'login-account').fill(account);
	await field(page, 'login-password').fill(password);
	await solveCaptcha(page, 'login-captcha');
	const reply = page.waitForResponse((r) => r.url().endsWith('/api/login/password') && r.request().method() === 'POST');
	await hook(page, 'login-submit').click();
	const res = await reply;
	if (res.status() !== 200) return 'failed';
	return until(() => {
		const p = new URL(page.url()).pathname;
		return p === '/admin/password' ? 'password' : p === '/admin/' ? 'home' : null;
	}, 'the page after the admin login');
}

async function adminJourney(device, name) {
	resetIpLimits();
	await withPage(browser, device, name, async (page, problems) => {
		const account = need('ADMIN_ACCOUNT');
		await page.goto('/admin/');
		await onPath(page, '/admin/login');
		await field(page, 'login-account').waitFor({ state: 'visible' });
		await checkA11y(page, `${name}: login`);

		let password = adminPassword();
		let where = await submitLogin(page, account, password);
		if (where === 'failed' && password !== need('ADMIN_PASSWORD')) {
			// The cached password is from an earlier database; this one has the initial password.
			password = need('ADMIN_PASSWORD');
			where = await submitLogin(page, account, password);
		}
		assert.notEqual(where, 'failed', 'the admin login was refused');

		if (where === 'password') {
			// Forced change of the initial password.
			const next = randomPassword();
			await field(page, 'pw-old').fill(password);
			await field(page, 'pw-new').fill(next);
			await field(page, 'pw-new2').fill(next);
			const reply = page.waitForResponse((r) => r.url().endsWith('/api/account/password'));
			await hook(page, 'pw-submit').click();
			assert.equal((await reply).status(), 200, 'the password change was accepted');
			saveAdminPassword(next);
			await onPath(page, '/admin/');
		}

		// The shell: the menu, and the super-admin role.
		await hook(page, 'nav-home').first().waitFor({ state: 'visible' });
		await hook(page, 'admin-welcome').waitFor({ state: 'visible' });
		const roles = await hook(page, 'admin-role').allInnerTexts();
		assert.ok(roles.some((r) => r.includes('超级管理员')), `roles shown: ${roles.join(', ')}`);
		await hook(page, 'user-menu').waitFor({ state: 'visible' });
		if (device === PHONE) await noHorizontalScroll(page);
		await snap(page, `${name}-shell`);
		await checkA11y(page, `${name}: home`);
		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	});
}

test('admin logs in at /admin/ and sees the shell (desktop)', { timeout: 120000 }, () => adminJourney(DESKTOP, 'admin-desktop'));

test('admin logs in at /admin/ and sees the shell (phone)', { timeout: 120000 }, () => adminJourney(PHONE, 'admin-phone'));
