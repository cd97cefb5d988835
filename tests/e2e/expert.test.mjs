// Browser test of the expert's first steps, as a person clicks them: register → forced password
// change → change it again from the user menu → log out → SMS login. On a desktop and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage, serious, field, hook, solveCaptcha, pickCountry, noHorizontalScroll, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { smsOffset, waitCode, waitPassword } from '../lib/sms.mjs';
import { randomDigits, randomPassword, newClient, loginPassword } from '../lib/flows.mjs';
import { resetIpLimits, allowResend } from '../lib/db.mjs';

let browser;
before(async () => {
	browser = await launch();
});
after(async () => {
	await browser?.close();
});

/** Asserts the phone layout does not scroll sideways (no-op on the desktop). */
async function fits(page, device) {
	if (device === PHONE) await noHorizontalScroll(page);
	await checkA11y(page);
}

/** Waits for the SMS-code button to count down after a send. */
async function expectCountdown(button) {
	await until(async () => /\d+\s*秒后重发/.test(await button.innerText()), 'the 获取验证码 button to count down');
	assert.equal(await button.isDisabled(), true, 'the button is disabled during the countdown');
}

async function expertJourney(device, name) {
	resetIpLimits();
	await withPage(browser, device, name, async (page, problems) => {
		const national = '139' + randomDigits(8);
		const phone = '+86' + national;

		// The site sends a visitor who is not logged in to the login page.
		await page.goto('/');
		await onPath(page, '/login');
		await fits(page, device);

		// 专家注册
		await hook(page, 'goto-register').click();
		await onPath(page, '/register');
		await fits(page, device);
		await pickCountry(page, page, '86');
		await field(page, 'reg-phone').fill(national);
		await solveCaptcha(page, 'reg-captcha');
		let off = smsOffset();
		const send = hook(page, 'reg-send');
		await send.click();
		await expectCountdown(send);
		const regCode = await waitCode(phone, off);
		await field(page, 'reg-code').fill(regCode);
		off = smsOffset();
		await hook(page, 'reg-submit').click();
		const done = hook(page, 'reg-done');
		await done.waitFor({ state: 'visible' });
		assert.match(await done.innerText(), /注册成功/);
		await fits(page, device);
		const initial = await waitPassword(phone, off);

		// Log in with the initial password: the password change is forced first.
		await hook(page, 'goto-login').click();
		await onPath(page, '/login');
		await field(page, 'login-account').fill(national);
		await field(page, 'login-password').fill(initial);
		await solveCaptcha(hook(page, 'pane-password'), 'login-captcha');
		await hook(page, 'login-submit').click();
		await onPath(page, '/password');
		await fits(page, device);
		const first = randomPassword();
		await field(page, 'pw-old').fill(initial);
		await field(page, 'pw-new').fill(first);
		await field(page, 'pw-new2').fill(first);
		await hook(page, 'pw-submit').click();

		// Home.
		await onPath(page, '/');
		const apply = hook(page, 'apply-start');
		await apply.waitFor({ state: 'visible' });
		assert.match(await apply.innerText(), /发起入库申请/);
		await fits(page, device);

		// 修改密码 from the user menu.
		await hook(page, 'user-menu').click();
		await hook(page, 'menu-password').click();
		const dialog = page.locator('.el-dialog', { has: field(page, 'pw-old') });
		await dialog.waitFor({ state: 'visible' });
		await fits(page, device);
		const second = randomPassword();
		await field(dialog, 'pw-old').fill(first);
		await field(dialog, 'pw-new').fill(second);
		await field(dialog, 'pw-new2').fill(second);
		await hook(dialog, 'pw-submit').click();
		await dialog.waitFor({ state: 'hidden' });
		await apply.waitFor({ state: 'visible' });

		// 退出
		await hook(page, 'user-menu').click();
		await hook(page, 'menu-logout').click();
		await onPath(page, '/login');

		// 短信登录 (a code went to this phone less than a minute ago: whatever that minute covers, let it pass)
		allowResend(phone);
		await hook(page, 'tab-sms').click();
		await field(page, 'sms-phone').waitFor({ state: 'visible' });
		await field(page, 'sms-phone').fill(national);
		await solveCaptcha(hook(page, 'pane-sms'), 'sms-captcha');
		off = smsOffset();
		const smsSend = hook(page, 'sms-send');
		await smsSend.click();
		await expectCountdown(smsSend);
		const loginCode = await waitCode(phone, off);
		await field(page, 'sms-code').fill(loginCode);
		await hook(page, 'sms-submit').click();
		await onPath(page, '/');
		await hook(page, 'apply-start').waitFor({ state: 'visible' });
		assert.match(await page.locator('main').innerText(), new RegExp(phone.replace('+', '\\+')), 'home shows the phone number');
		await fits(page, device);
		await snap(page, `${name}-home`);

		// What the browser did is what the server holds: the second password is the one that works.
		const c = await newClient();
		assert.equal((await loginPassword(c, phone, second)).status, 200, 'the password set from the menu works');
		assert.equal((await loginPassword(c, phone, first)).status, 401, 'the first changed password no longer works');

		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	});
}

test('expert journey on a desktop (1366×768)', { timeout: 180000 }, () => expertJourney(DESKTOP, 'expert-desktop'));

test('expert journey on a phone (390×844)', { timeout: 180000 }, () => expertJourney(PHONE, 'expert-phone'));
