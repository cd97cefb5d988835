// Browser test of 账号管理 (staff accounts) as the super-admin clicks it, on a desktop and on a
// 390×844 phone: 新建账号 (a taken username refused under its field first), 编辑 (department and
// a second role), 重置密码; then the new account logs in with the reset password and is sent to
// the forced password change. Every state shot is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serious, field, hook, onPath, until, snap, solveCaptcha, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { randomPassword, randomUsername } from '../lib/flows.mjs';
import { staffSession, superAdmin } from '../lib/staff.mjs';
import { adminLogin, fits, settle, toast } from '../lib/pages.mjs';

let browser;
let admin;
before(async () => {
	browser = await launch();
	resetIpLimits();
	admin = await staffSession(['super'], { name: '账号管理员' });
});
after(async () => {
	await browser?.close();
});

const fieldError = (page, name) => page.locator(`.el-form-item:has([data-test="${name}"]) .el-form-item__error`);

/** The account `username` as the API lists it. */
async function account(username) {
	const api = await superAdmin();
	const items = expectJson(await api.get(`/api/admin/users?q=${encodeURIComponent(username)}`), 200).items;
	return items.find((u) => u.username === username);
}

async function journey(device, label) {
	resetIpLimits();
	const m = await openPage(browser, device);
	const u = await openPage(browser, device);
	const p = m.page;
	const shot = async (page, what) => {
		await settle(page);
		await snap(page, `${label}-${what}`);
		await checkA11y(page, `${label}-${what}`);
	};
	try {
		await adminLogin(p, admin);
		await p.goto('/admin/users');
		await hook(p, 'user-table').waitFor({ state: 'visible' });

		// 新建账号: the super-admin's own username is taken
		await hook(p, 'user-create').click();
		await hook(p, 'user-create-form').waitFor({ state: 'visible' });
		await field(p, 'user-f-username').fill(admin.username);
		await field(p, 'user-f-name').fill('审核员丙');
		await field(p, 'user-f-password').fill(randomPassword());
		let reply = p.waitForResponse((r) => r.url().endsWith('/api/admin/users') && r.request().method() === 'POST');
		await hook(p, 'user-create-submit').click();
		assert.equal((await reply).status(), 409);
		await until(async () => (await fieldError(p, 'user-f-username').innerText().catch(() => '')).length > 0, 'the username refused under its field');
		await fits(p, device);
		await shot(p, 'create-taken');
		const username = randomUsername('ui');
		await field(p, 'user-f-username').fill(username);
		reply = p.waitForResponse((r) => r.url().endsWith('/api/admin/users') && r.request().method() === 'POST');
		await hook(p, 'user-create-submit').click();
		assert.equal((await reply).status(), 201);
		await toast(p, '账号已创建');
		await hook(p, 'user-create-form').waitFor({ state: 'hidden' });
		let made = await account(username);
		assert.deepEqual(made.roles, ['reviewer']);

		// 编辑: a department and the manager role as well
		await p.goto(`/admin/users?q=${username}`);
		const edit = hook(p, 'user-edit').and(p.locator(`[data-id="${made.id}"]`));
		await edit.waitFor({ state: 'visible' });
		await edit.click();
		await hook(p, 'user-edit-form').waitFor({ state: 'visible' });
		await field(p, 'user-e-department').fill('建设工程处');
		await hook(p, 'user-e-role-manager').click();
		await fits(p, device);
		await shot(p, 'edit');
		await hook(p, 'user-edit-submit').click();
		await toast(p, '账号已保存');
		await hook(p, 'user-edit-form').waitFor({ state: 'hidden' });
		made = await account(username);
		assert.deepEqual([...made.roles].sort(), ['manager', 'reviewer']);
		assert.equal(made.department, '建设工程处');

		// 重置密码: two different entries refused, then the same twice
		const pw = randomPassword();
		await hook(p, 'user-password').and(p.locator(`[data-id="${made.id}"]`)).click();
		await hook(p, 'user-password-form').waitFor({ state: 'visible' });
		await field(p, 'user-p-password').fill(pw);
		await field(p, 'user-p-password2').fill(`${pw}x`);
		await hook(p, 'user-password-submit').click();
		await until(async () => /不一致/.test(await fieldError(p, 'user-p-password2').innerText().catch(() => '')), 'the mismatch shown');
		await field(p, 'user-p-password2').fill(pw);
		await hook(p, 'user-password-submit').click();
		await toast(p, '密码已重置');
		await hook(p, 'user-password-form').waitFor({ state: 'hidden' });
		await fits(p, device);
		await shot(p, 'list');

		// the account logs in with it and must change it first
		const q = u.page;
		await q.goto('/admin/login');
		await field(q, 'login-account').fill(username);
		await field(q, 'login-password').fill(pw);
		await solveCaptcha(q, 'login-captcha');
		await hook(q, 'login-submit').click();
		await onPath(q, '/admin/password');
		await hook(q, 'password-logout').waitFor({ state: 'visible' });
		for (const [who, x] of Object.entries({ admin: m, account: u })) assert.deepEqual(serious(x.problems), [], `${who}: no console errors, page errors or failed requests`);
	} catch (err) {
		await snap(p, `${label}-failed`);
		console.log(`# at ${p.url()}`);
		for (const x of [...m.problems, ...u.problems]) console.log(`#   ${x}`);
		throw err;
	} finally {
		await m.context.close();
		await u.context.close();
	}
}

test('账号管理 on a desktop (1366×768): create (a taken name refused), edit, reset the password; the account must change it', { timeout: 180000 }, () => journey(DESKTOP, 'users-desktop'));

test('账号管理 on a phone (390×844): the same', { timeout: 180000 }, () => journey(PHONE, 'users-phone'));
