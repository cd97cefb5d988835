// Steps of the browser tests that several of them take as a person would: logging in on either
// site, waiting for a toast, letting animations end before a screenshot, walking the wizard.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { field, hook, noHorizontalScroll, onPath, solveCaptcha, until, PHONE } from './browser.mjs';

/** Logs in at /admin/login as a staff account ({ username, password }); ends on the admin home. */
export async function adminLogin(page, account) {
	await page.goto('/admin/login');
	await field(page, 'login-account').fill(account.username);
	await field(page, 'login-password').fill(account.password);
	await solveCaptcha(page, 'login-captcha');
	await hook(page, 'login-submit').click();
	await onPath(page, '/admin/');
	await hook(page, 'admin-welcome').waitFor({ state: 'visible' });
}

/** Logs in on the expert site with the national phone number and the password; ends on home. */
export async function expertLogin(page, user) {
	await page.goto('/login');
	await field(page, 'login-account').fill(user.phone.slice(3));
	await field(page, 'login-password').fill(user.password);
	await solveCaptcha(hook(page, 'pane-password'), 'login-captcha');
	await hook(page, 'login-submit').click();
	await onPath(page, '/');
}

/** Waits for a toast whose text contains `text`. */
export async function toast(page, text) {
	await page.locator('.el-message .el-message__content', { hasText: text }).first().waitFor({ state: 'visible' });
}

/** Lets the finite animations of the page end (tags zoom in, masks fade out) before a
 *  screenshot; at most a second. */
export async function settle(page) {
	await page.evaluate(() =>
		Promise.race([
			Promise.all(
				document
					.getAnimations()
					.filter((a) => a.effect?.getTiming().iterations !== Infinity)
					.map((a) => a.finished.catch(() => {})),
			),
			new Promise((resolve) => setTimeout(resolve, 1000)),
		]),
	);
}

/** On a phone, the page does not scroll sideways (no-op on the desktop). */
export async function fits(page, device) {
	if (device === PHONE) await noHorizontalScroll(page);
}

/** The step of the application wizard shown ('basic', …), or '' while none is. */
export async function stepShown(page) {
	const roots = page.locator('[data-test^="apply-step-"]');
	if ((await roots.count()) !== 1) return '';
	return ((await roots.first().getAttribute('data-test')) || '').slice('apply-step-'.length);
}

/** 下一页 (or 上一页) until the wizard shows `target`; `steps` in their order. */
export async function walkTo(page, target, steps) {
	for (let i = 0; i <= steps.length; i++) {
		const now = await until(() => stepShown(page), 'a wizard step');
		if (now === target) return;
		const button = steps.indexOf(now) < steps.indexOf(target) ? 'apply-next' : 'apply-prev';
		await hook(page, button).click();
		await until(async () => (await stepShown(page)) !== now, `the wizard to leave ${now} (${button})`);
	}
	assert.equal(await stepShown(page), target);
}

/** A person's name nobody else in the run has (the surname and four random characters), so that
 *  a list's search finds one row. */
export function personName(surname) {
	const chars = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';
	let s = surname;
	for (let i = 0; i < 4; i++) s += chars[crypto.randomInt(0, chars.length)];
	return s;
}

/** Counts the requests of `page` in flight from now on; `idle()` resolves once none has been for
 *  `quiet` ms (so that a reload cuts nothing off). Call before the page's first navigation. */
export function trackRequests(page, quiet = 300) {
	let inFlight = 0;
	let since = Date.now();
	const done = () => {
		inFlight = Math.max(0, inFlight - 1);
		if (inFlight === 0) since = Date.now();
	};
	page.on('request', () => inFlight++);
	page.on('requestfinished', done);
	page.on('requestfailed', done);
	return {
		idle: (timeout = 15000) => until(() => inFlight === 0 && Date.now() - since >= quiet, 'the page\'s requests to end', timeout),
	};
}
