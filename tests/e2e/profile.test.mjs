// Browser test of an expert in the pool, as a person clicks it. An application approved through
// the operator tool makes the expert; then, on a desktop: home shows 我的专家信息 with the
// certificate, 下载图片 / 下载pdf save the files → 个人中心: 基本资料 edited (a bad e-mail refused
// beside its field, a stale version reloaded), a pending request filed through the API cancelled
// (asked first), a 评标地区 request filed (unchanged refused, then changed) and shown 待审核,
// 下载个人信息表. On a phone: the certificate's verification page, logged out and logged in, with
// the right tag (有效) and a forged one (not found); the home card, 个人中心 and a 擅长专业 request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, withPage, serious, field, hook, noHorizontalScroll, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { expertLogin, fits, settle, toast } from '../lib/pages.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { expertSubmitted, proofFile, reviewer } from '../lib/apply.mjs';

let browser;
before(async () => {
	browser = await launch();
});
after(async () => {
	await browser?.close();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// ---- set-up through the API --------------------------------------------------------------------

/** A fresh expert whose application the operator tool approved; { user, client, data, expert }. */
async function approvedExpert(name) {
	resetIpLimits();
	const s = await expertSubmitted({ name });
	reviewer(s.user.phone, 'approve');
	const expert = await currentExpert(s.client);
	assert.ok(expert, 'GET /api/expert names the expert after approval');
	assert.equal(expert.status, 'active');
	assert.equal(expert.certificate_state, 'issued', 'a certificate is issued at approval');
	assert.ok(expert.certificate && expert.certificate.cert_no && expert.certificate.verify_url, 'the certificate has a number and a verify URL');
	return { ...s, expert };
}

async function currentExpert(client) {
	return expectJson(await client.get('/api/expert'), 200).expert;
}

async function changesOf(client) {
	return expectJson(await client.get('/api/expert/changes'), 200).changes;
}

/** The verify page's path and query, taken from the certificate's verify_url (whatever host the
 *  deployment names there, the page is asked of the server under test). */
function verifyPath(expert) {
	const u = new URL(expert.certificate.verify_url);
	assert.equal(u.pathname, `/verify/${encodeURIComponent(expert.certificate.cert_no)}`);
	assert.ok(u.searchParams.get('t'), 'the verify URL carries its tag');
	return `${u.pathname}${u.search}`;
}

// ---- small steps -------------------------------------------------------------------------------

function fieldError(page, name) {
	return page.locator(`.el-form-item:has([data-test="${name}"]) .el-form-item__error`).first();
}

/** Clicks a download link; returns { name, bytes } of the file the browser saved. */
async function download(page, name) {
	const [dl] = await Promise.all([page.waitForEvent('download'), hook(page, name).click()]);
	const file = await dl.path();
	assert.ok(file, `${name}: the download was saved (${await dl.failure()})`);
	return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** The Content-Type of a GET with the page's cookies. */
async function contentType(page, url) {
	const res = await page.request.get(url);
	assert.equal(res.status(), 200, `GET ${url}`);
	return res.headers()['content-type'] || '';
}

/** The row of the 异动申请 list for `kind` (and `status`, when given). */
function changeRow(page, kind, status) {
	const s = status ? `[data-status="${status}"]` : '';
	return page.locator(`[data-test="profile-change-row"][data-kind="${kind}"]${s}`).first();
}

/** Opens the kind chooser and picks `kind`; ends on its form. */
async function startChange(page, kind) {
	await hook(page, 'profile-change-new').click();
	await hook(page, 'profile-change-kinds').waitFor({ state: 'visible' });
	await hook(page, `profile-change-kind-${kind}`).click();
	await onPath(page, `/profile/change/${kind}`);
	const form = hook(page, 'profile-change-form');
	await form.waitFor({ state: 'visible' });
	assert.equal(await form.getAttribute('data-kind'), kind);
}

// ---- desktop: home, downloads, 个人中心 -----------------------------------------------------------

test('expert in the pool: certificate, 个人中心 and change requests on a desktop (1366×768)', { timeout: 150000 }, async () => {
	const s = await approvedExpert('李思远');
	const { expert } = s;
	const cert = expert.certificate;

	await withPage(browser, DESKTOP, 'profile-desktop', async (page, problems) => {
		const shot = async (what) => {
			await settle(page);
			await snap(page, `profile-desktop-${what}`);
			await checkA11y(page, `profile (desktop): ${what}`);
		};
		await expertLogin(page, s.user);

		// ---- home: 我的专家信息 ----
		const card = hook(page, 'expert-card');
		await card.waitFor({ state: 'visible' });
		assert.equal((await hook(page, 'expert-no').innerText()).trim(), expert.expert_no);
		const st = hook(page, 'expert-status');
		assert.equal(await st.getAttribute('data-status'), 'active');
		assert.equal((await st.innerText()).trim(), '在库');
		assert.equal((await hook(page, 'cert-no').innerText()).trim(), cert.cert_no);
		assert.equal(await hook(page, 'cert-status').getAttribute('data-status'), 'valid');
		assert.equal((await hook(page, 'cert-status').innerText()).trim(), '有效');
		assert.match(await hook(page, 'cert-valid').innerText(), new RegExp(`${cert.issued_on}\\s*至\\s*${cert.valid_until}`));
		assert.equal(await hook(page, 'cert-pending').count(), 0, 'no 证书待生成 once issued');
		assert.equal(await hook(page, 'app-status').getAttribute('data-status'), 'approved', 'the application card stays');
		await shot('home');

		// ---- 下载图片 / 下载pdf ----
		const pngFile = await download(page, 'cert-download-png');
		assert.ok(pngFile.bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'the certificate image is a PNG');
		assert.ok(pngFile.bytes.length > 1000, 'the PNG is not empty');
		assert.match(pngFile.name, /\.png$/i);
		assert.match(await contentType(page, '/api/certificate/png'), /^image\/png/);
		const pdfFile = await download(page, 'cert-download-pdf');
		assert.equal(pdfFile.bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the certificate document is a PDF');
		assert.match(pdfFile.name, /\.pdf$/i);
		assert.match(await contentType(page, '/api/certificate/pdf'), /^application\/pdf/);

		// 查看证书: the image in a dialog.
		await hook(page, 'cert-view').click();
		const img = page.locator('[data-test="cert-image"] img');
		await img.waitFor({ state: 'visible' });
		await until(() => img.evaluate((el) => el.complete && el.naturalWidth > 0), 'the certificate image to load');
		await shot('certificate');
		await hook(page, 'cert-view-close').click();
		await img.waitFor({ state: 'hidden' });

		// ---- 个人中心: 基本资料 ----
		await hook(page, 'goto-profile').click();
		await onPath(page, '/profile');
		await hook(page, 'profile-account').waitFor({ state: 'visible' });
		assert.equal((await hook(page, 'profile-expert-no').innerText()).trim(), expert.expert_no);
		assert.equal(await field(page, 'profile-email').inputValue(), expert.email || '');
		assert.equal(await field(page, 'profile-address').inputValue(), expert.address || '');
		await shot('profile');

		// A bad e-mail address: refused beside the field, nothing saved.
		await field(page, 'profile-email').fill('not-an-address');
		await hook(page, 'profile-save').click();
		const emailErr = fieldError(page, 'profile-email');
		await emailErr.waitFor({ state: 'visible' });
		assert.match(await emailErr.innerText(), /邮箱/);
		assert.equal((await currentExpert(s.client)).email, expert.email, 'nothing was saved');

		const email = `li.siyuan.${Date.now()}@example.com`;
		const address = '某市某区解放路 66 号 2 单元 501';
		await field(page, 'profile-email').fill(email);
		await until(async () => (await emailErr.count()) === 0, 'the e-mail message to go once edited');
		await field(page, 'profile-address').fill(address);
		await hook(page, 'profile-save').click();
		await toast(page, '基本资料已保存');
		let now = await currentExpert(s.client);
		assert.equal(now.email, email);
		assert.equal(now.address, address);
		await page.reload();
		await hook(page, 'profile-account').waitFor({ state: 'visible' });
		assert.equal(await field(page, 'profile-email').inputValue(), email, 'the e-mail kept after a reload');
		assert.equal(await field(page, 'profile-address').inputValue(), address, 'the address kept after a reload');
		assert.ok((await hook(page, 'profile-details').innerText()).includes(address), '个人信息 shows the new address');

		// Changed elsewhere meanwhile (the API, as another tab would): the save is refused as
		// stale and the page shows what is saved now.
		const elsewhere = `elsewhere.${Date.now()}@example.com`;
		expectJson(await s.client.post('/api/expert/profile', { version: now.version, email: elsewhere, address }), 200);
		await field(page, 'profile-address').fill('某市某区另一条路 1 号');
		await hook(page, 'profile-save').click();
		await toast(page, '已在其他页面');
		await until(async () => (await field(page, 'profile-email').inputValue()) === elsewhere, 'the page to reload the saved e-mail');
		assert.equal(await field(page, 'profile-address').inputValue(), address, 'the unsaved address is replaced by the saved one');
		now = await currentExpert(s.client);
		assert.equal(now.address, address, 'the stale save changed nothing');

		// ---- 异动申请: cancel one filed elsewhere ----
		const data = {};
		for (const k of ['employment', 'employer', 'employer_code', 'position']) if (now.profile[k]) data[k] = now.profile[k];
		data.position = '副总工程师';
		const made = expectJson(await s.client.post('/api/expert/changes', { kind: 'employer', data, note: '职务调整', files: [await proofFile(s.client)] }), 201);
		await page.reload();
		await hook(page, 'profile-changes').waitFor({ state: 'visible' });
		const employerRow = changeRow(page, 'employer', 'pending');
		await employerRow.waitFor({ state: 'visible' });
		assert.equal(await employerRow.getAttribute('data-id'), String(made.change.id));
		assert.equal((await hook(employerRow, 'profile-change-status').innerText()).trim(), '待审核');
		assert.match(await employerRow.innerText(), /工作单位/);
		// Asked first: 取消 keeps it.
		await hook(employerRow, 'profile-change-cancel').click();
		await hook(page, 'confirm-cancel').waitFor({ state: 'visible' });
		await shot('cancel-confirm');
		await hook(page, 'confirm-cancel').click();
		await page.locator('.el-message-box').waitFor({ state: 'hidden' });
		assert.equal((await changesOf(s.client)).find((c) => c.id === made.change.id).status, 'pending', 'still pending after 取消');
		await hook(employerRow, 'profile-change-cancel').click();
		await hook(page, 'confirm-ok').click();
		await toast(page, '已撤销异动申请');
		const cancelled = changeRow(page, 'employer', 'cancelled');
		await cancelled.waitFor({ state: 'visible' });
		assert.equal((await hook(cancelled, 'profile-change-status').innerText()).trim(), '已撤销');
		assert.equal(await hook(cancelled, 'profile-change-cancel').count(), 0, 'no 撤销 once cancelled');
		assert.equal((await changesOf(s.client)).find((c) => c.id === made.change.id).status, 'cancelled');

		// ---- 异动申请: 评标地区 ----
		await startChange(page, 'region');
		assert.equal(await hook(page, 'f-remote-true').isChecked(), now.profile.remote === true, 'prefilled: 远程评标');
		assert.equal(await hook(page, 'f-remote-false').isChecked(), now.profile.remote === false);
		assert.equal(await hook(page, 'f-employer').count(), 0, 'only the fields of 评标地区');
		assert.equal(await hook(page, 'apply-step-domains').count(), 0);
		// Unchanged: refused here, nothing sent.
		await hook(page, 'profile-change-submit').click();
		await toast(page, '与当前信息相同');
		assert.equal((await changesOf(s.client)).filter((c) => c.kind === 'region').length, 0, 'nothing was filed');
		// Another region when the deployment offers one, and the other answer on 远程评标.
		await hook(page, 'f-region').click();
		const others = page.locator(`[data-test^="f-region-"]:visible:not([data-test="f-region-${now.profile.region}"])`);
		if ((await others.count()) > 0) {
			await others.first().click();
		} else {
			await page.keyboard.press('Escape');
		}
		const remote = now.profile.remote !== true;
		await hook(page, remote ? 'f-remote-true' : 'f-remote-false').click();
		await field(page, 'profile-change-note').fill('常驻地变动，申请调整评标地区');
		await shot('change-region');
		await hook(page, 'profile-change-submit').click();
		await toast(page, '异动申请已提交');
		await onPath(page, '/profile');
		const regionRow = changeRow(page, 'region', 'pending');
		await regionRow.waitFor({ state: 'visible' });
		assert.equal((await hook(regionRow, 'profile-change-status').innerText()).trim(), '待审核');
		assert.equal(await hook(regionRow, 'profile-change-cancel').count(), 1, '撤销 offered while pending');
		const filed = (await changesOf(s.client)).find((c) => c.kind === 'region');
		assert.equal(filed.status, 'pending');
		await shot('profile-changes');

		// A second one of the same kind cannot be started.
		await hook(page, 'profile-change-new').click();
		await hook(page, 'profile-change-kinds').waitFor({ state: 'visible' });
		assert.equal(await hook(page, 'profile-change-kind-region').isDisabled(), true, '评标地区 is busy');
		assert.equal(await hook(page, 'profile-change-kind-employer').isDisabled(), false, '工作单位 is free again');
		await hook(page, 'profile-change-kinds-close').click();
		await page.goto('/profile/change/region');
		await hook(page, 'profile-change-pending').waitFor({ state: 'visible' });
		assert.equal(await hook(page, 'profile-change-submit').isDisabled(), true);
		await hook(page, 'profile-change-back').click();
		await onPath(page, '/profile');

		// ---- 下载个人信息表 ----
		await hook(page, 'profile-details').waitFor({ state: 'visible' });
		const info = await download(page, 'profile-info-pdf');
		assert.equal(info.bytes.subarray(0, 5).toString('latin1'), '%PDF-', '个人信息表 is a PDF');
		assert.match(await contentType(page, '/api/expert/info.pdf'), /^application\/pdf/);

		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	});
});

// ---- phone: the verification page, the home card, 个人中心 ----------------------------------------

test('certificate check and 个人中心 on a phone (390×844)', { timeout: 150000 }, async () => {
	const s = await approvedExpert('欧阳明');
	const { expert } = s;
	const cert = expert.certificate;
	const path = verifyPath(expert);

	// Logged out, as whoever scans the QR code.
	await withPage(browser, PHONE, 'verify-phone', async (page, problems) => {
		await page.goto(path);
		const badge = hook(page, 'verify-status');
		await badge.waitFor({ state: 'visible' });
		assert.equal(new URL(page.url()).pathname, `/verify/${encodeURIComponent(cert.cert_no)}`, 'no redirect to the login page');
		assert.equal(await badge.getAttribute('data-status'), 'valid');
		assert.match(await badge.innerText(), /有效/);
		const name = (await hook(page, 'verify-name').innerText()).trim();
		assert.ok(name.startsWith('欧') && name.includes('*') && !name.includes('阳明'), `the name is masked: ${name}`);
		assert.equal((await hook(page, 'verify-cert-no').innerText()).trim(), cert.cert_no);
		assert.equal((await hook(page, 'verify-expert-no').innerText()).trim(), expert.expert_no);
		assert.match(await hook(page, 'verify-valid').innerText(), new RegExp(cert.valid_until));
		assert.ok((await hook(page, 'verify-specialties').innerText()).trim().length > 1, '擅长专业 listed');
		assert.ok((await hook(page, 'verify-issuer').innerText()).trim().length > 1, '发证单位 shown');
		await noHorizontalScroll(page);
		await settle(page);
		await snap(page, 'profile-phone-verify');

		// A forged tag: nothing about the certificate.
		const forged = new URL(path, 'http://x');
		const t = forged.searchParams.get('t');
		forged.searchParams.set('t', (t[0] === 'a' ? 'b' : 'a') + t.slice(1));
		await page.goto(`${forged.pathname}${forged.search}`);
		const nf = hook(page, 'verify-not-found');
		await nf.waitFor({ state: 'visible' });
		assert.match(await nf.innerText(), /未找到该证书，或链接不完整/);
		assert.equal(await hook(page, 'verify-status').count(), 0, 'no status for a forged tag');
		assert.equal(await hook(page, 'verify-name').count(), 0, 'no name for a forged tag');
		assert.ok(!(await page.locator('body').innerText()).includes(expert.expert_no), 'no details for a forged tag');
		await noHorizontalScroll(page);
		await snap(page, 'profile-phone-verify-forged');

		// No tag at all: the same.
		await page.goto(`/verify/${encodeURIComponent(cert.cert_no)}`);
		await hook(page, 'verify-not-found').waitFor({ state: 'visible' });

		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	});

	// Logged in: the same page opens as it is, then the expert's own pages fit the phone.
	await withPage(browser, PHONE, 'profile-phone', async (page, problems) => {
		const shot = async (what) => {
			await settle(page);
			await snap(page, `profile-phone-${what}`);
			await checkA11y(page, `profile (phone): ${what}`);
		};
		await expertLogin(page, s.user);
		await hook(page, 'expert-card').waitFor({ state: 'visible' });
		assert.equal((await hook(page, 'cert-no').innerText()).trim(), cert.cert_no);
		await noHorizontalScroll(page);
		await shot('home');

		await page.goto(path);
		await hook(page, 'verify-status').waitFor({ state: 'visible' });
		assert.equal(await hook(page, 'verify-status').getAttribute('data-status'), 'valid', 'logged in, the page still shows');
		await page.goto('/');
		await hook(page, 'goto-profile').click();
		await onPath(page, '/profile');
		await hook(page, 'profile-changes-empty').waitFor({ state: 'visible' });
		await noHorizontalScroll(page);
		await shot('profile');

		// 擅长专业: one more leaf from the tree.
		await startChange(page, 'specialties');
		await hook(page, 'apply-step-domains').waitFor({ state: 'visible' });
		const had = (await currentExpert(s.client)).profile.specialties || [];
		const countText = await hook(page, 'specialty-count').innerText();
		assert.match(countText, new RegExp(`已选\\s*${had.length}\\s*项`), 'prefilled with the current specialties');
		const free = page.locator('label[data-test^="leaf-"]:not(.is-checked)').first();
		const leaf = await free.getAttribute('data-test');
		await free.click();
		assert.equal(await hook(page, leaf).isChecked(), true);
		await noHorizontalScroll(page);
		await shot('change-specialties');
		await hook(page, 'profile-change-submit').click();
		await toast(page, '异动申请已提交');
		await onPath(page, '/profile');
		await changeRow(page, 'specialties', 'pending').waitFor({ state: 'visible' });
		await noHorizontalScroll(page);
		const filed = (await changesOf(s.client)).find((c) => c.kind === 'specialties');
		assert.equal(filed && filed.status, 'pending');
		await shot('profile-changes');

		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	});
});
