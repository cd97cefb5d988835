// Browser test of a chunked upload, as a person makes it: a photo of over 128 KiB (more than a
// shared host's mod_fcgid takes in one request) goes up in 64 KiB chunks with a progress bar
// (role progressbar, labelled) and is shown; then the web server's own answers — an HTML 500
// page on a chunk, an empty 502 on the start — come out as one Chinese sentence, never as HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, withPage, serious, hook, onPath, DESKTOP } from '../lib/browser.mjs';
import { expertLogin, toast } from '../lib/pages.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expertSession } from '../lib/flows.mjs';
import { png, KiB } from '../lib/apply.mjs';

let browser, dir;
before(async () => {
	browser = await launch();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-e2e-uploads-'));
});
after(async () => {
	await browser?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('a photo of over 128 KiB goes up in chunks with a progress bar; server errors read as Chinese sentences', async () => {
	resetIpLimits();
	const { user } = await expertSession();
	const photo = path.join(dir, '证件照.png');
	const bytes = png(1000, 800);
	assert.ok(bytes.length > 128 * KiB, `the photo is ${bytes.length} bytes`);
	fs.writeFileSync(photo, bytes);

	await withPage(browser, DESKTOP, 'uploads-chunked', async (page, problems) => {
		await expertLogin(page, user);
		await hook(page, 'apply-start').click();
		await onPath(page, '/apply');

		// every chunk a little slower than loopback, so that a person (and the test) sees the bar
		const chunks = [];
		await page.route('**/api/files/uploads/*/chunk', async (route) => {
			chunks.push(route.request().postDataBuffer()?.length ?? 0);
			await sleep(200);
			await route.continue();
		});
		await hook(page, 'upload-photo').setInputFiles(photo);
		const bar = page.getByRole('progressbar');
		await bar.waitFor({ state: 'visible' });
		assert.match((await bar.getAttribute('aria-label')) || '', /正在(校验|上传)/);
		await hook(page, 'upload-photo-progress').getByText(/正在上传… \d+%/).waitFor({ state: 'visible' });
		await checkA11y(page, 'upload in progress');
		await hook(page, 'file-photo').first().waitFor({ state: 'visible' });
		await toast(page, '上传成功');
		assert.ok(chunks.length >= Math.ceil(bytes.length / (64 * KiB)), `${chunks.length} chunk requests for ${bytes.length} bytes`);
		assert.ok(Math.max(...chunks) < 128 * KiB, `every chunk request under 128 KiB (largest ${Math.max(...chunks)})`);
		assert.equal(await hook(page, 'upload-photo-progress').count(), 0, 'the bar goes when the upload is done');
		await page.unroute('**/api/files/uploads/*/chunk');

		// the web server answers a chunk itself with its HTML 500 page (mod_fcgid over its limit)
		await page.route('**/api/files/uploads/*/chunk', (route) =>
			route.fulfill({ status: 500, contentType: 'text/html', body: '<html><body><h1>Internal Server Error</h1></body></html>' }));
		fs.writeFileSync(photo, png(1000, 800));
		await hook(page, 'upload-photo').setInputFiles(photo);
		const err = page.locator('.upload-error');
		await err.waitFor({ state: 'visible', timeout: 20000 });
		assert.equal((await err.innerText()).trim(), '服务器处理请求时出错，请稍后再试；若一再出现，请联系网站管理员');
		await page.unroute('**/api/files/uploads/*/chunk');

		// … and the start with an empty 502 (a proxy with no upstream)
		await page.route('**/api/files/uploads', (route) => route.fulfill({ status: 502, body: '' }));
		fs.writeFileSync(photo, png(1000, 800));
		await hook(page, 'upload-photo').setInputFiles(photo);
		await page.locator('.upload-error', { hasText: '服务器暂时无法响应，请稍后再试' }).waitFor({ state: 'visible' });
		assert.doesNotMatch(await page.locator('.upload').first().innerText(), /<|html|Internal Server Error/i);
		await page.unroute('**/api/files/uploads');

		// what the injected answers leave in the log (Chromium reports the empty 502 as aborted)
		const injected = [/HTTP 50[02]: POST .*\/api\/files\/uploads/, /status of 50[02]/, /request failed: POST .*\/api\/files\/uploads net::ERR_ABORTED/];
		const left = serious(problems).filter((p) => !injected.some((re) => re.test(p)));
		assert.deepEqual(left, []);
	});
});
