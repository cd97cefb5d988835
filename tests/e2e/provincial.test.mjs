// Browser test of the provincial style (seed 004 §2: `[apply] style = provincial`) against the
// real programs and database, on a desktop and on a 390×844 phone: an expert with a filled-in
// draft walks the six steps; 签署入库承诺书 downloads the commitment letter made out in their name,
// 下一页 is refused until the signed scan is uploaded; 上传申请表 downloads the application form
// with their data and takes the signed, stamped scan; the preview lists both scans; 确认申报
// submits. On the desktop a reviewer then finds both scans among the case's 申请材料.
//
// How the configuration is switched: the run's nginx serves the city style, so the pages here
// come from a small site of the test's own (tests/lib/cgi.mjs cgiSite): every /api/<program>/…
// runs the same cgi-bin program as plain CGI with a copy of the run's configuration that says
// `style = provincial`, and everything else is passed to nginx. Same binaries, same database,
// nothing else to start or stop — and it is how shared hosting runs the programs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, serious, hook, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { cgiSite, configWith } from '../lib/cgi.mjs';
import { expertWithDraft, pdf, pdfText } from '../lib/apply.mjs';
import { anyId, applicationOf, staffSession } from '../lib/staff.mjs';
import { adminLogin, expertLogin, fits, settle, toast, trackRequests, walkTo, stepShown } from '../lib/pages.mjs';

const STEPS = ['basic', 'domains', 'records', 'commitment', 'form', 'preview'];

let browser, site, reviewer, dir, scan;
before(async () => {
	browser = await launch();
	site = await cgiSite(configWith({ apply: { style: 'provincial' } }));
	resetIpLimits();
	reviewer = await staffSession(['reviewer'], { department: '评标专家管理处', name: '省级审核员' });
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-e2e-provincial-'));
	scan = path.join(dir, '签字扫描件.pdf');
	fs.writeFileSync(scan, pdf('signed and stamped'));
});
after(async () => {
	await browser?.close();
	await site?.close();
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const squeeze = (s) => s.replace(/\s+/g, '');

/** Clicks a download button and returns the saved file's bytes. */
async function download(page, name) {
	const [dl] = await Promise.all([page.waitForEvent('download'), hook(page, name).click()]);
	const file = await dl.path();
	assert.ok(file, `${name}: the download was saved (${await dl.failure()})`);
	return fs.readFileSync(file);
}

/** The signed scan into the upload field `name`; waits for its file. */
async function uploadScan(page, name) {
	await hook(page, `upload-${name}`).setInputFiles(scan);
	await hook(page, `file-${name}`).first().waitFor({ state: 'visible' });
}

/** 下一页 on a signing step without its scan: refused with the field's message, stays. */
async function refusedWithout(page, step, field, message) {
	await hook(page, 'apply-next').click();
	const err = hook(page, `error-${field}`);
	await err.waitFor({ state: 'visible' });
	assert.match(await err.innerText(), message);
	assert.equal(await stepShown(page), step, `the wizard stays on ${step}`);
}

async function journey(device, label) {
	resetIpLimits();
	const s = await expertWithDraft({ id: anyId(), name: '赵省级' });
	const e = await openPage(browser, device, site.url);
	const page = e.page;
	// each state shot is also checked with axe-core (no serious or critical violation)
	const shot = async (what) => {
		await settle(page);
		await snap(page, `${label}-${what}`);
		await checkA11y(page, `${label}-${what}`);
	};
	try {
		await expertLogin(page, s.user);
		await hook(page, 'app-edit').click();
		await onPath(page, '/apply');
		await until(() => stepShown(page), 'the wizard');
		if (device === DESKTOP) {
			const titles = await page.locator('[data-test^="step-"]').allInnerTexts();
			assert.deepEqual(titles.map((t) => t.trim()), ['基本信息', '领域专业', '工作业绩', '签署入库承诺书', '上传申请表', '预览']);
		} else {
			assert.match(await hook(page, 'apply-steps').innerText(), /共 6 步/);
		}
		await walkTo(page, 'commitment', STEPS);
		await fits(page, device);
		await shot('commitment');

		// 签署入库承诺书: the letter in the applicant's name; 上传申请表: the form with the draft's
		// data. Each: downloaded as a PDF, no 下一页 without its signed scan, then 下一页.
		const signing = [
			{ step: 'commitment', scan: 'commitment_scan', refused: /请上传.*承诺书扫描件/, holds: ['赵省级', '承诺'], next: 'form' },
			{ step: 'form', scan: 'form_scan', refused: /请上传.*申请表扫描件/, holds: ['赵省级', s.data.id_number], next: 'preview' },
		];
		for (const x of signing) {
			const doc = await download(page, `download-${x.step}`);
			assert.equal(doc.subarray(0, 5).toString('latin1'), '%PDF-');
			const text = squeeze(pdfText(doc));
			assert.ok(x.holds.every((t) => text.includes(t)), `the ${x.step} PDF: ${text.slice(0, 200)}`);
			await refusedWithout(page, x.step, x.scan, x.refused);
			await uploadScan(page, x.scan);
			await fits(page, device);
			await shot(`${x.step}-uploaded`);
			await hook(page, 'apply-next').click();
			await hook(page, `apply-step-${x.next}`).waitFor({ state: 'visible' });
		}

		// 预览: both scans listed; 确认申报
		await hook(page, 'file-view-commitment_scan').waitFor({ state: 'visible' });
		await hook(page, 'file-view-form_scan').waitFor({ state: 'visible' });
		assert.equal(await hook(page, 'missing-summary').count(), 0, 'nothing missing');
		await fits(page, device);
		await shot('preview');
		const decl = hook(page, 'apply-declaration');
		if (!(await decl.isChecked())) await decl.click();
		await hook(page, 'apply-submit').click();
		await toast(page, '入库申请已提交');
		await onPath(page, '/');
		const tag = hook(page, 'app-status');
		await until(async () => (await tag.getAttribute('data-status')) === 'submitted', 'home to show 待审核');
		await shot('submitted');

		// what was submitted holds both scans
		const mine = expectJson(await s.client.get('/api/apply'), 200).application;
		assert.equal(mine.status, 'submitted');
		assert.ok(Number.isInteger(mine.data.commitment_scan) && Number.isInteger(mine.data.form_scan), JSON.stringify(mine.data));
		assert.deepEqual(serious(e.problems), [], 'no console errors, page errors or failed requests');
		return { s, app: await applicationOf(s.client), scans: [mine.data.commitment_scan, mine.data.form_scan] };
	} catch (err) {
		await snap(page, `${label}-failed`);
		console.log(`# ${label} failed at ${page.url()}`);
		for (const p of e.problems) console.log(`#   ${p}`);
		throw err;
	} finally {
		await e.context.close();
	}
}

test('provincial style on a desktop (1366×768): sign, upload, submit; the reviewer sees both scans', { timeout: 240000 }, async () => {
	const { app, scans } = await journey(DESKTOP, 'provincial-desktop');
	const r = await openPage(browser, DESKTOP, site.url);
	const requests = trackRequests(r.page);
	try {
		await adminLogin(r.page, reviewer);
		await requests.idle(); // the home's own requests end before the page is left
		await r.page.goto(`/admin/review/${app.id}`);
		await hook(r.page, 'tab-files').click();
		for (const [field, id] of [['commitment_scan', scans[0]], ['form_scan', scans[1]]]) {
			const doc = r.page.locator(`[data-test="doc"][data-field="${field}"]`);
			await doc.waitFor({ state: 'visible' });
			assert.equal(await doc.getAttribute('data-file-id'), String(id));
			assert.equal(await doc.getAttribute('data-type'), 'pdf');
		}
		await settle(r.page);
		await snap(r.page, 'provincial-desktop-review-files');
		await checkA11y(r.page, 'provincial-desktop-review-files');
		assert.deepEqual(serious(r.problems), [], 'no console errors, page errors or failed requests');
	} catch (err) {
		await snap(r.page, 'provincial-desktop-review-failed');
		throw err;
	} finally {
		await r.context.close();
	}
});

test('provincial style on a phone (390×844): sign, upload, submit', { timeout: 240000 }, () => journey(PHONE, 'provincial-phone'));
