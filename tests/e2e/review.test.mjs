// Browser test of the review (入库审核) as people click it: an expert's complete application (made
// through the API) is found by a reviewer in the queue, opened and rejected with a reason; the
// expert, on the expert site, reads the department and the reason, changes the form and submits
// again; the reviewer sees both versions and approves; the expert downloads the certificate (PNG
// and PDF), and the manager finds the new expert in the pool. On a phone: the queue and the case
// fit the width while a reviewer accepts (受理) and approves an application.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openPage, serious, field, hook, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { adminLogin, expertLogin, fits, personName, settle, toast } from '../lib/pages.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { expertSubmitted } from '../lib/apply.mjs';
import { anyId, applicationOf, staffSession } from '../lib/staff.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const DEPARTMENT = '建设工程处';
const REASON = '职称证书扫描件不清晰，请重新上传清晰的扫描件';

let browser;
let staff; // one reviewer + manager account for the file
before(async () => {
	browser = await launch();
	resetIpLimits();
	staff = await staffSession(['reviewer', 'manager'], { department: DEPARTMENT, name: '审核员甲' });
});
after(async () => {
	await browser?.close();
});

// ---- small steps -------------------------------------------------------------------------------

function fieldError(page, name) {
	return page.locator(`.el-form-item:has([data-test="${name}"]) .el-form-item__error`).first();
}

/** 入库审核 in the menu, then the queue searched for `name`; returns that row's 审核 button. */
async function findInQueue(page, name, appId) {
	await hook(page, 'nav-review').click();
	await onPath(page, '/admin/review');
	await hook(page, 'queue-table').waitFor({ state: 'visible' });
	await hook(page, 'pager').waitFor({ state: 'visible' });
	await field(page, 'filter-q').fill(name);
	await hook(page, 'filter-search').click();
	await until(() => new URL(page.url()).searchParams.get('q') === name, 'the search in the URL');
	const link = page.locator(`[data-test="queue-name"][data-id="${appId}"]`);
	await link.waitFor({ state: 'visible' });
	assert.equal((await link.innerText()).trim(), name);
	await until(async () => (await page.locator('[data-test="queue-name"]').count()) === 1, 'one row for the name searched');
	assert.match(await hook(page, 'pager-total').innerText(), /共\s*1\s*条/);
	return page.locator(`[data-test="queue-review"][data-id="${appId}"]`);
}

/** The case page's status (the API value), once it shows. */
async function caseStatus(page, status) {
	const tag = hook(page, 'detail-status');
	await until(async () => (await tag.getAttribute('data-status')) === status, `the case to be ${status}`);
}

/** Clicks a download and returns the saved file's bytes and suggested name. */
async function download(page, name) {
	const [dl] = await Promise.all([page.waitForEvent('download'), hook(page, name).first().click()]);
	const file = await dl.path();
	assert.ok(file, `${name}: the download was saved (${await dl.failure()})`);
	return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// ---- the expert's wizard (enough of it to change one field and submit again) ---------------------

const STEPS = ['basic', 'domains', 'records', 'preview'];

async function stepShown(page) {
	const roots = page.locator('[data-test^="apply-step-"]');
	if ((await roots.count()) !== 1) return '';
	return ((await roots.first().getAttribute('data-test')) || '').slice('apply-step-'.length);
}

async function walkTo(page, target) {
	for (let i = 0; i <= STEPS.length; i++) {
		const now = await until(() => stepShown(page), 'a wizard step');
		if (now === target) return;
		const button = STEPS.indexOf(now) < STEPS.indexOf(target) ? 'apply-next' : 'apply-prev';
		await hook(page, button).click();
		await until(async () => (await stepShown(page)) !== now, `the wizard to leave ${now}`);
	}
	assert.equal(await stepShown(page), target);
}

// ---- desktop: reject, resubmit, approve, certificate ------------------------------------------------

test('review on a desktop: reject with a reason, the expert resubmits, approve, certificate downloads', { timeout: 240000 }, async () => {
	resetIpLimits();
	const name = personName('陈');
	const s = await expertSubmitted({ id: anyId(), name });
	const { id: appId } = await applicationOf(s.client);

	const reviewer = await openPage(browser, DESKTOP);
	const expert = await openPage(browser, DESKTOP);
	const shot = async (page, what) => {
		await settle(page);
		await snap(page, `review-desktop-${what}`);
		await checkA11y(page, `review (desktop): ${what}`);
	};
	const pages = { reviewer: reviewer.page, expert: expert.page };
	try {
		const rp = reviewer.page;
		const ep = expert.page;

		// ---- the reviewer finds the application and opens it ----
		await adminLogin(rp, staff);
		for (const nav of ['nav-review', 'nav-experts', 'nav-changes']) assert.equal(await hook(rp, nav).count(), 1, `${nav} in the menu of a reviewer + manager`);
		assert.equal(await hook(rp, 'nav-users').count(), 0, 'no 系统管理 without the super role');
		const open = await findInQueue(rp, name, appId);
		const status = rp.locator(`[data-test="queue-status"][data-id="${appId}"]`);
		assert.equal(await status.getAttribute('data-status'), 'submitted');
		assert.equal((await status.innerText()).trim(), '待审核');
		await shot(rp, 'queue');
		await open.click();
		await onPath(rp, `/admin/review/${appId}`);
		await caseStatus(rp, 'submitted');
		assert.equal((await hook(rp, 'detail-name').innerText()).trim(), name);
		assert.equal((await hook(rp, 'view-name').innerText()).trim(), name, 'the submitted form is shown');
		assert.equal((await hook(rp, 'view-id_number').innerText()).trim(), s.data.id_number, 'the reviewer sees the full ID number');
		assert.equal(await hook(rp, 'rejections').count(), 0, 'no earlier rejections yet');
		await hook(rp, 'review-open').waitFor({ state: 'visible' });

		// 申请材料: every uploaded file, the photo as an image that loads.
		await hook(rp, 'tab-files').click();
		const docs = rp.locator('[data-test="doc"]');
		await until(async () => (await docs.count()) >= 4, 'the documents (photo, both sides of the ID, the title scan)');
		const photo = rp.locator(`[data-test="doc"][data-field="photo"] img`);
		await until(() => photo.evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo to load inline');
		const titleScan = rp.locator(`[data-test="doc"][data-field="titles.0.scan"]`);
		await until(async () => (await titleScan.getAttribute('data-type')) === 'pdf', 'the title scan (a PDF) shown as a link');
		assert.match(await titleScan.locator('[data-test="doc-open"]').getAttribute('href'), /^\/api\/files\/\d+\?inline=1$/);
		await shot(rp, 'files');
		await hook(rp, 'tab-events').click();
		assert.ok((await rp.locator('[data-test="events-item"]').count()) >= 1, 'the submission is in the history');
		await hook(rp, 'tab-content').click();

		// ---- 不通过: the reason is required ----
		await hook(rp, 'review-reject').click();
		await hook(rp, 'reject-dialog').waitFor({ state: 'visible' });
		await hook(rp, 'reject-ok').click();
		const reasonErr = fieldError(rp, 'reject-reason');
		await reasonErr.waitFor({ state: 'visible' });
		assert.match(await reasonErr.innerText(), /请输入不通过原因/);
		await field(rp, 'reject-reason').fill(REASON);
		await shot(rp, 'reject-dialog');
		await hook(rp, 'reject-ok').click();
		await toast(rp, '已审核不通过');
		await caseStatus(rp, 'rejected');
		await hook(rp, 'reject-dialog').waitFor({ state: 'hidden' });
		assert.equal(await hook(rp, 'review-actions').count(), 0, 'no decision buttons once rejected');
		const rejection = hook(rp, 'rejection');
		await rejection.waitFor({ state: 'visible' });
		assert.equal((await hook(rejection, 'rejection-department').innerText()).trim(), DEPARTMENT);
		assert.equal((await hook(rejection, 'rejection-reason').innerText()).trim(), REASON);
		await shot(rp, 'rejected');

		// ---- the expert reads why, changes the form, submits again ----
		await expertLogin(ep, s.user);
		const tag = hook(ep, 'app-status');
		await until(async () => (await tag.getAttribute('data-status')) === 'rejected', 'the expert to see 未通过');
		assert.equal((await tag.innerText()).trim(), '未通过');
		await hook(ep, 'app-reason').click();
		await hook(ep, 'reason-dialog').waitFor({ state: 'visible' });
		assert.equal((await hook(ep, 'reason-department').innerText()).trim(), DEPARTMENT);
		assert.equal((await hook(ep, 'reason-text').innerText()).trim(), REASON);
		await shot(ep, 'expert-reason');
		await hook(ep, 'reason-close').click();
		await hook(ep, 'reason-dialog').waitFor({ state: 'hidden' });
		await hook(ep, 'app-reopen').click();
		await onPath(ep, '/apply');
		await walkTo(ep, 'basic');
		const position = '副院长兼总工程师';
		await field(ep, 'f-position').fill(position);
		await walkTo(ep, 'preview');
		assert.match(await hook(ep, 'apply-details').innerText(), new RegExp(position));
		const decl = hook(ep, 'apply-declaration');
		if (!(await decl.isChecked())) await decl.click();
		await hook(ep, 'apply-submit').click();
		await toast(ep, '入库申请已提交');
		await onPath(ep, '/');
		await until(async () => (await hook(ep, 'app-status').getAttribute('data-status')) === 'submitted', 'the expert to see 待审核 again');

		// ---- the reviewer sees the new version and approves ----
		await rp.reload();
		await caseStatus(rp, 'submitted');
		await hook(rp, 'review-approve').waitFor({ state: 'visible' });
		assert.match(await hook(rp, 'review-meta').innerText(), /第 2 次提交/);
		assert.match(await hook(rp, 'apply-details').innerText(), new RegExp(position), 'the latest version is shown');
		assert.equal(await hook(rp, 'rejection').count(), 1, 'the earlier rejection stays in view');
		await hook(rp, 'tab-versions').click();
		const older = rp.locator('[data-test="version-view"][data-no="1"]');
		await older.click();
		await hook(rp, 'older-version').waitFor({ state: 'visible' });
		assert.doesNotMatch(await hook(rp, 'apply-details').innerText(), new RegExp(position), 'version 1 has the old 职务');
		await shot(rp, 'older-version');
		await hook(rp, 'older-back').click();
		await hook(rp, 'older-version').waitFor({ state: 'hidden' });
		await hook(rp, 'tab-events').click();
		const events = await rp.locator('[data-test="events-item"]').allInnerTexts();
		assert.ok(events.some((e) => e.includes('审核不通过') && e.includes(REASON)), `the history keeps the rejection: ${events.join(' | ')}`);
		await hook(rp, 'review-approve').click();
		await hook(rp, 'confirm-ok').click();
		await toast(rp, '审核通过');
		await caseStatus(rp, 'approved');
		assert.equal(await hook(rp, 'review-actions').count(), 0, 'no decision buttons once approved');
		await shot(rp, 'approved');

		// Back to the list: the search is kept in the URL, and the row now reads 已通过 under 全部.
		await hook(rp, 'detail-back').click();
		await onPath(rp, '/admin/review');
		assert.equal(new URL(rp.url()).searchParams.get('q'), name, 'the search came back with the list');
		assert.equal(await field(rp, 'filter-q').inputValue(), name, 'the search box shows it again');
		// 待处理 no longer holds it; 全部 does, as 已通过.
		await until(async () => (await rp.locator('[data-test="queue-name"]').count()) === 0, 'an empty 待处理 list');
		await hook(rp, 'filter-status').click();
		await rp.locator('[data-test="filter-status-all"]:visible').click();
		await until(() => new URL(rp.url()).searchParams.get('status') === 'all', 'status=all in the URL');
		const row = rp.locator(`[data-test="queue-status"][data-id="${appId}"]`);
		await until(async () => (await row.getAttribute('data-status')) === 'approved', 'the queue to show 已通过');
		assert.equal((await row.innerText()).trim(), '已通过');

		// ---- the manager finds the new expert in the pool ----
		await hook(rp, 'nav-experts').click();
		await onPath(rp, '/admin/experts');
		await field(rp, 'filter-q').fill(name);
		await hook(rp, 'filter-search').click();
		const expertLink = rp.locator('[data-test="expert-name"]', { hasText: name });
		await expertLink.waitFor({ state: 'visible' });
		await expertLink.click();
		await until(() => /^\/admin\/experts\/\d+$/.test(new URL(rp.url()).pathname), 'the expert page');
		await caseStatus(rp, 'active');
		await hook(rp, 'pool-cert-no').first().waitFor({ state: 'visible' });
		assert.equal(await hook(rp, 'pool-cert-no').first().getAttribute('data-status'), 'valid');
		await shot(rp, 'expert');

		// ---- the expert downloads the certificate ----
		await ep.goto('/');
		await hook(ep, 'cert-download-png').waitFor({ state: 'visible' });
		const png = await download(ep, 'cert-download-png');
		assert.ok(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'the certificate image is a PNG');
		assert.ok(png.bytes.length > 1000, 'the PNG is not empty');
		const pdf = await download(ep, 'cert-download-pdf');
		assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the certificate document is a PDF');
		const fromApi = expectJson(await s.client.get('/api/expert'), 200).expert;
		assert.equal(fromApi.status, 'active');
		await shot(ep, 'expert-home');

		for (const [who, p] of Object.entries({ reviewer, expert })) assert.deepEqual(serious(p.problems), [], `${who}: no console errors, page errors or failed requests`);
	} catch (err) {
		for (const [who, p] of Object.entries(pages)) {
			await snap(p, `review-desktop-failed-${who}`);
			console.log(`# ${who} at ${p.url()}`);
		}
		for (const p of [...reviewer.problems, ...expert.problems]) console.log(`#   ${p}`);
		throw err;
	} finally {
		await reviewer.context.close();
		await expert.context.close();
	}
});

// ---- phone: the queue and the case fit; 受理 and 通过 ------------------------------------------------

test('review on a phone (390×844): queue and case without sideways scrolling, 受理 then 通过', { timeout: 180000 }, async () => {
	resetIpLimits();
	const name = personName('林');
	const s = await expertSubmitted({ id: anyId(), name });
	const { id: appId } = await applicationOf(s.client);
	const { context, page, problems } = await openPage(browser, PHONE);
	const shot = async (what) => {
		await settle(page);
		await snap(page, `review-phone-${what}`);
		await checkA11y(page, `review (phone): ${what}`);
	};
	try {
		await adminLogin(page, staff);
		await fits(page, PHONE);
		const open = await findInQueue(page, name, appId);
		await fits(page, PHONE);
		await shot('queue');
		await open.click();
		await onPath(page, `/admin/review/${appId}`);
		await caseStatus(page, 'submitted');
		await hook(page, 'apply-details').waitFor({ state: 'visible' });
		await fits(page, PHONE);
		await shot('case');
		for (const tab of ['files', 'versions', 'events', 'content']) {
			await hook(page, `tab-${tab}`).click();
			await page.waitForTimeout(300);
			await fits(page, PHONE);
		}
		await hook(page, 'review-reject').click();
		await hook(page, 'reject-dialog').waitFor({ state: 'visible' });
		await fits(page, PHONE);
		await shot('reject-dialog');
		await hook(page, 'reject-cancel').click();
		await hook(page, 'reject-dialog').waitFor({ state: 'hidden' });

		// 受理: the expert can no longer withdraw; then 通过.
		await hook(page, 'review-open').click();
		await toast(page, '已受理');
		await caseStatus(page, 'reviewing');
		assert.equal(await hook(page, 'review-open').count(), 0, 'no 受理 once accepted');
		const mine = expectJson(await s.client.get('/api/apply'), 200).application;
		assert.equal(mine.can_withdraw, false, 'the expert cannot withdraw after 受理');
		await hook(page, 'review-approve').click();
		await hook(page, 'confirm-ok').click();
		await toast(page, '审核通过');
		await caseStatus(page, 'approved');
		await fits(page, PHONE);
		await shot('approved');

		// The list with 全部 on a phone, after the decision.
		await page.goto(`/admin/review?status=all&q=${encodeURIComponent(name)}`);
		const row = page.locator(`[data-test="queue-status"][data-id="${appId}"]`);
		await until(async () => (await row.getAttribute('data-status')) === 'approved', 'the queue to show 已通过');
		await fits(page, PHONE);
		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	} catch (err) {
		await snap(page, 'review-phone-failed');
		console.log(`# review-phone failed at ${page.url()}`);
		for (const p of problems) console.log(`#   ${p}`);
		throw err;
	} finally {
		await context.close();
	}
});
