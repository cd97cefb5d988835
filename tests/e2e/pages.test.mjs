// Every route of both sites, at desktop and phone size, as the people who use it see it: each page
// loads without console errors, fits a phone's width, and has no serious or critical
// accessibility violation (axe-core, GB/T 37668). The data behind the pages is made through the
// API first: an expert in the pool with a pending change request, an application rejected and
// submitted again (the reviewer's comparison of versions), a draft, staff accounts.
// With E2E_SHOTS=1 every page is also saved as a screenshot (SCREENSHOT_DIR/pages-…).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serious, hook, noHorizontalScroll, snap, until, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { BASE_URL } from '../lib/env.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { registerExpert, loggedIn } from '../lib/flows.mjs';
import { expertSubmitted, expertWithDraft, proofFile, saveDraftOk, submit, currentVersion } from '../lib/apply.mjs';
import { anyId, applicationOf, approvedExpert, staffSession, superAdmin } from '../lib/staff.mjs';

const SHOTS = process.env.E2E_SHOTS === '1';
// E2E_PAGES=<regex>: only the paths matching it (while working on some pages).
const ONLY = process.env.E2E_PAGES ? new RegExp(process.env.E2E_PAGES) : null;

let browser;
let data;

before(async () => {
	browser = await launch();
	resetIpLimits();
	const staff = await staffSession(['reviewer', 'manager', 'super'], { department: '建设工程处', name: '页面巡检员' });
	// a staff account that has not yet changed its initial password: /admin/password
	const admin = await superAdmin();
	const fresh = { username: `np${Date.now().toString(36)}`, password: 'Init' + Date.now().toString(36) + 'x9' };
	expectJson(await admin.post('/api/admin/users', { ...fresh, name: '新账号', roles: ['reviewer'] }), 201);

	// in the pool, with a pending change request (the expert's list, the manager's case)
	const pooled = await approvedExpert({ name: '林页面', reviewer: staff });
	const change = expectJson(await pooled.client.post('/api/expert/changes', {
		kind: 'employer', note: '调动工作',
		data: { employment: '在职', employer: '某市规划设计研究院', position: '副院长' },
		files: [await proofFile(pooled.client)],
	}), 201).change;

	// rejected once, then changed and submitted again (the comparison of versions)
	const twice = await expertSubmitted({ id: anyId(), name: '周两次' });
	const app = await applicationOf(twice.client);
	expectJson(await staff.client.post(`/api/review/${app.id}/reject`, { version: app.version, reason: '工作单位填写不完整' }), 200);
	expectJson(await twice.client.post('/api/apply/reopen', { version: (await applicationOf(twice.client)).version }), 200);
	const edited = { ...twice.data, employer: '某市建筑设计研究院有限公司第二分院', position: '院长',
		education: [...twice.data.education, { school: '清华大学', major: '土木工程', degree: '博士研究生', from: '2001-09', to: '2005-07' }] };
	const v = await saveDraftOk(twice.client, await currentVersion(twice.client), edited);
	expectJson(await submit(twice.client, v), 200);

	const draft = await expertWithDraft({ id: anyId(), name: '吴草稿' });
	const initial = await registerExpert(); // must change its initial password: /password

	data = { staff, fresh, pooled, change, twiceApp: app.id, draft, initial };
});

after(async () => {
	await browser?.close();
});

/** A browser context logged in as the API client's session (its cookies copied over). */
async function asClient(device, client) {
	const { context, page, problems } = await openPage(browser, device);
	const cookies = [...client.jar.cookies].map(([name, c]) => ({ name, value: c.value, url: BASE_URL, httpOnly: !!c.attrs.httponly, sameSite: 'Lax' }));
	await context.addCookies(cookies);
	return { context, page, problems };
}

/** Waits for the page to be done: `ready` visible, no request under way, no loading mask. */
async function settled(page, ready) {
	await hook(page, ready).first().waitFor({ state: 'visible' });
	await page.waitForLoadState('networkidle');
	await until(async () => (await page.locator('.el-loading-mask:visible').count()) === 0, 'the loading masks to go');
}

/**
 * Visits each [path, ready-hook] as one user; collects every problem (console errors, phone
 * overflow, accessibility) and fails once, listing them all.
 */
async function visit(device, who, client, pages) {
	const { context, page, problems } = client ? await asClient(device, client) : await openPage(browser, device);
	const failures = [];
	try {
		for (const [path, ready] of pages) {
			if (ONLY && !ONLY.test(path)) continue;
			const before = problems.length;
			try {
				await page.goto(path);
				await settled(page, ready);
				if (device === PHONE) await noHorizontalScroll(page);
				if (SHOTS) await snap(page, `pages-${device === PHONE ? 'phone' : 'desktop'}-${who}-${path}`);
				await checkA11y(page, `${path} (${device === PHONE ? 'phone' : 'desktop'})`);
			} catch (err) {
				failures.push(`${path}: ${err.message}`);
				await snap(page, `pages-failed-${device === PHONE ? 'phone' : 'desktop'}-${who}-${path}`);
			}
			const bad = serious(problems.slice(before));
			if (bad.length) failures.push(`${path}: ${bad.join('; ')}`);
		}
	} finally {
		await context.close();
	}
	assert.ok(!failures.length, `${failures.length} page(s) with problems:\n${failures.join('\n\n')}`);
}

for (const device of [DESKTOP, PHONE]) {
	const size = device === PHONE ? 'phone' : 'desktop';

	test(`public pages: login, register, certificate check (${size})`, { timeout: 180000 }, async () => {
		const verify = new URL(data.pooled.expert.certificate.verify_url);
		await visit(device, 'public', null, [
			['/login', 'login-account'],
			['/register', 'reg-code'],
			[`${verify.pathname}${verify.search}`, 'verify-card'],
			['/admin/login', 'login-account'],
		]);
	});

	test(`the expert site of an expert in the pool (${size})`, { timeout: 180000 }, async () => {
		await visit(device, 'expert', data.pooled.client, [
			['/', 'apply-card'],
			['/apply/view', 'apply-view'],
			['/reviews', 'reviews-page'],
			['/profile', 'profile-changes'],
			['/privacy', 'privacy-close'],
			['/profile/change/specialties', 'profile-change-form'],
			['/profile/change/employer', 'profile-change-pending'],
		]);
	});

	test(`the application wizard and the forced password change (${size})`, { timeout: 180000 }, async () => {
		await visit(device, 'draft', data.draft.client, [['/apply', 'apply-steps'], ['/', 'app-row']]);
		await visit(device, 'initial', await loggedIn(data.initial), [['/password', 'password-logout']]);
	});

	test(`the admin site, every page (${size})`, { timeout: 240000 }, async () => {
		await visit(device, 'admin', data.staff.client, [
			['/admin/', 'admin-welcome'],
			['/admin/review?status=all', 'queue-table'],
			[`/admin/review/${data.twiceApp}`, 'review-meta'],
			['/admin/experts', 'expert-list'],
			[`/admin/experts/${data.pooled.expertId}`, 'expert-summary'],
			['/admin/changes', 'change-table'],
			[`/admin/changes/${data.change.id}`, 'change-expert'],
			['/admin/users', 'user-table'],
			['/admin/audit', 'audit-table'],
			['/admin/taxonomy', 'taxonomy-editor'],
			['/admin/units', 'unit-table'],
		]);
		const c = await loggedIn({ phone: data.fresh.username, password: data.fresh.password }, 'admin');
		await visit(device, 'admin-initial', c, [['/admin/password', 'password-logout']]);
	});
}

/** Presses Tab until the element with data-test `name` has the focus; returns how it looks then. */
async function tabTo(page, name, max = 40) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const at = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el) return null;
			const hooked = el.closest('[data-test]');
			const s = getComputedStyle(el);
			return { test: hooked && hooked.getAttribute('data-test'), outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none' };
		});
		if (at && at.test === name) return at;
	}
	throw new Error(`${name} is not reached with the Tab key within ${max} presses`);
}

test('keyboard only: the menus, a list\'s rows and the user menu are reached with Tab, with the focus visible, and Enter opens them', { timeout: 120000 }, async () => {
	const { context, page } = await asClient(DESKTOP, data.staff.client);
	try {
		await page.goto('/admin/');
		await settled(page, 'admin-welcome');
		const nav = await tabTo(page, 'nav-review');
		assert.ok(nav.outline || nav.shadow, 'the focused menu entry shows its focus');
		await page.keyboard.press('Enter');
		await settled(page, 'queue-table');
		assert.equal(new URL(page.url()).pathname, '/admin/review');
		const row = await tabTo(page, 'queue-name');
		assert.ok(row.outline || row.shadow, 'the focused link shows its focus');
		await page.keyboard.press('Enter');
		await settled(page, 'review-meta');
		assert.match(new URL(page.url()).pathname, /^\/admin\/review\/\d+$/);
	} finally {
		await context.close();
	}
	const expert = await asClient(DESKTOP, data.pooled.client);
	try {
		const p = expert.page;
		await p.goto('/');
		await settled(p, 'apply-card');
		const menu = await tabTo(p, 'user-menu');
		assert.ok(menu.outline || menu.shadow, 'the user menu shows its focus');
		await p.keyboard.press('Enter');
		await hook(p, 'menu-profile').waitFor({ state: 'visible' });
		// the menu's first entry has the focus: Enter opens 个人中心
		await until(async () => (await p.evaluate(() => document.activeElement?.getAttribute('data-test'))) === 'menu-profile', 'the focus on 个人中心');
		await p.keyboard.press('Enter');
		await settled(p, 'profile-changes');
		assert.equal(new URL(p.url()).pathname, '/profile');
		const reviews = await tabTo(p, 'nav-reviews');
		assert.ok(reviews.outline || reviews.shadow);
		await p.keyboard.press('Enter');
		await settled(p, 'reviews-page');
	} finally {
		await expert.context.close();
	}
});
