// Browser test of two review levels (`[review] levels = 2`: 初审 then 终审 by another reviewer), on
// a desktop and on a 390×844 phone: a first reviewer approves (初审通过, the case waits at level 2),
// is refused when trying the final approval too, a second reviewer finds the case as 初审通过 in
// the queue and approves it; the expert sees 待审核, then 初审通过, then 已通过 with the certificate.
// The pages run against the real programs with that configuration the way provincial.test.mjs
// explains (cgiSite: the programs as CGI with the configuration switched, the pages from nginx).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serious, hook, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { cgiSite, configWith } from '../lib/cgi.mjs';
import { expertSubmitted } from '../lib/apply.mjs';
import { anyId, applicationOf, staffSession } from '../lib/staff.mjs';
import { adminLogin, expertLogin, fits, personName, settle, toast, trackRequests } from '../lib/pages.mjs';

let browser, site, first, second;
before(async () => {
	browser = await launch();
	site = await cgiSite(configWith({ review: { levels: 2 } }));
	resetIpLimits();
	[first, second] = await Promise.all([
		staffSession(['reviewer'], { department: '初审科', name: '初审员' }),
		staffSession(['reviewer'], { department: '终审处', name: '终审员' }),
	]);
});
after(async () => {
	await browser?.close();
	await site?.close();
});

/** The case page's status (the API value), once it shows. */
async function caseStatus(page, status) {
	const tag = hook(page, 'detail-status');
	await until(async () => (await tag.getAttribute('data-status')) === status, `the case to be ${status}`);
}

/** The expert's home shows the application as `status` with `label` (reloaded until it does,
 *  once the page's requests have ended: a reload cuts none off). */
async function homeStatus(page, requests, status, label) {
	const tag = hook(page, 'app-status');
	await until(async () => {
		await requests.idle();
		if ((await tag.getAttribute('data-status', { timeout: 5000 })) === status) return true;
		await page.reload();
		return false;
	}, `the expert to see ${label}`, 30000);
	assert.equal((await tag.innerText()).trim(), label);
}

/** 通过 (初审通过 at the first of two levels) on the case, confirmed; the button must say `button`
 *  and the confirmation's text must match `question`. */
async function approve(page, question, button) {
	const b = hook(page, 'review-approve');
	await b.waitFor({ state: 'visible' });
	assert.equal((await b.innerText()).trim(), button);
	await b.click();
	const box = page.locator('.el-message-box:visible');
	await box.waitFor({ state: 'visible' });
	assert.match(await box.innerText(), question);
	await hook(page, 'confirm-ok').click();
}

async function journey(device, label) {
	resetIpLimits();
	const name = personName('周');
	const s = await expertSubmitted({ id: anyId(), name });
	const { id: appId } = await applicationOf(s.client);
	const pages = {};
	for (const who of ['first', 'second', 'expert']) pages[who] = await openPage(browser, device, site.url);
	const [fp, sp, ep] = [pages.first.page, pages.second.page, pages.expert.page];
	// a navigation waits for the page's own requests (the admin home's counts, …) to end
	const [fr, sr, requests] = [trackRequests(fp), trackRequests(sp), trackRequests(ep)];
	// each state shot is also checked with axe-core (no serious or critical violation)
	const shot = async (page, what) => {
		await settle(page);
		await snap(page, `${label}-${what}`);
		await checkA11y(page, `${label}-${what}`);
	};
	try {
		await expertLogin(ep, s.user);
		await homeStatus(ep, requests, 'submitted', '待审核');

		// ---- 初审: the first reviewer, from the queue ----
		await adminLogin(fp, first);
		await fr.idle();
		await fp.goto(`/admin/review?q=${encodeURIComponent(name)}`);
		const row = fp.locator(`[data-test="queue-status"][data-id="${appId}"]`);
		await until(async () => (await row.getAttribute('data-status')) === 'submitted', 'the queue row');
		await fp.locator(`[data-test="queue-review"][data-id="${appId}"]`).click();
		await onPath(fp, `/admin/review/${appId}`);
		await caseStatus(fp, 'submitted');
		assert.match(await hook(fp, 'review-meta').innerText(), /第 1 级 \/ 共 2 级/);
		await fits(fp, device);
		await shot(fp, 'first-case');
		await approve(fp, /初审通过.*等待终审/, '初审通过');
		await toast(fp, '初审通过，等待终审');
		await caseStatus(fp, 'passed');
		assert.match(await hook(fp, 'review-meta').innerText(), /第 2 级 \/ 共 2 级/);
		assert.equal((await hook(fp, 'detail-status').innerText()).trim(), '初审通过');

		// the same reviewer cannot make the final decision too
		await approve(fp, /审核通过/, '通过');
		await fp.locator('.el-message-box:visible, .el-message--error', { hasText: '终审须由另一名审核员进行' }).first().waitFor({ state: 'visible' });
		await fits(fp, device);
		await shot(fp, 'first-refused');
		const okButton = fp.locator('.el-message-box:visible [data-test="confirm-ok"]');
		if (await okButton.count()) await okButton.click();
		await caseStatus(fp, 'passed'); // the page reloads the case by itself
		await fp.waitForLoadState('networkidle');

		// ---- the expert: 初审通过 ----
		await homeStatus(ep, requests, 'passed', '初审通过');
		await fits(ep, device);
		await shot(ep, 'expert-passed');

		// ---- 终审: the second reviewer finds it as 初审通过 and approves ----
		await adminLogin(sp, second);
		await sr.idle();
		await sp.goto(`/admin/review?q=${encodeURIComponent(name)}`);
		const row2 = sp.locator(`[data-test="queue-status"][data-id="${appId}"]`);
		await until(async () => (await row2.getAttribute('data-status')) === 'passed', 'the queue to show 初审通过');
		assert.equal((await row2.innerText()).trim(), '初审通过');
		await fits(sp, device);
		await shot(sp, 'second-queue');
		await sp.locator(`[data-test="queue-review"][data-id="${appId}"]`).click();
		await onPath(sp, `/admin/review/${appId}`);
		await caseStatus(sp, 'passed');
		await approve(sp, /通过后专家即入库/, '通过');
		await toast(sp, '审核通过');
		await caseStatus(sp, 'approved');
		assert.equal(await hook(sp, 'review-actions').count(), 0, 'no decision buttons once approved');
		await hook(sp, 'tab-events').click();
		const events = await sp.locator('[data-test="events-item"]').allInnerTexts();
		assert.ok(events.some((x) => x.includes('初审通过') && x.includes('初审员')), `the first level in the history: ${events.join(' | ')}`);
		assert.ok(events.some((x) => x.includes('终审员')), `the final decision in the history: ${events.join(' | ')}`);
		await fits(sp, device);
		await shot(sp, 'second-approved');

		// ---- the expert: 已通过, with the certificate ----
		await homeStatus(ep, requests, 'approved', '已通过');
		await hook(ep, 'cert-download-png').waitFor({ state: 'visible' });
		await fits(ep, device);
		await shot(ep, 'expert-approved');
		const expert = expectJson(await s.client.get('/api/expert'), 200).expert;
		assert.equal(expert.status, 'active');
		for (const [who, p] of Object.entries(pages)) assert.deepEqual(serious(p.problems), [], `${who}: no console errors, page errors or failed requests`);
	} catch (err) {
		for (const [who, p] of Object.entries(pages)) {
			await snap(p.page, `${label}-failed-${who}`);
			console.log(`# ${who} at ${p.page.url()}`);
			for (const x of p.problems) console.log(`#   ${x}`);
		}
		throw err;
	} finally {
		for (const p of Object.values(pages)) await p.context.close();
	}
}

test('two review levels on a desktop (1366×768): 初审 by one reviewer, 终审 by another; the expert follows', { timeout: 240000 }, () => journey(DESKTOP, 'levels-desktop'));

test('two review levels on a phone (390×844): the same', { timeout: 240000 }, () => journey(PHONE, 'levels-phone'));
