// Browser-test helpers: Debian's Chromium through playwright-core, the test hooks of the front end
// (data-test attributes, see web/TESTHOOKS.md), captchas read from CAPTCHA_LOG, and a screenshot
// plus the page's console errors when a test fails.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_URL, SCREENSHOT_DIR } from './env.mjs';
import { captchaAnswer } from './captcha.mjs';

// The sizes of the walk-through: a common office laptop and a common phone.
export const DESKTOP = { viewport: { width: 1366, height: 768 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

export function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; returns it, or throws `what` after `timeout` ms. */
export async function until(fn, what, timeout = 10000) {
	const end = Date.now() + timeout;
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last) return last;
		} catch (e) {
			last = e;
		}
		if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
		await sleep(100);
	}
}

/**
 * Opens a page in a new context (`device`: DESKTOP or PHONE) and records what goes wrong in it:
 * console errors, page errors, failed requests, and API replies of 500 or more. `base`: the site
 * (another one than the run's, e.g. a cgiSite of another configuration).
 */
export async function openPage(browser, device, base = BASE_URL) {
	const context = await browser.newContext({ ...device, locale: 'zh-CN', baseURL: base });
	const page = await context.newPage();
	page.setDefaultTimeout(15000);
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
	page.on('response', (r) => {
		if (r.status() >= 500) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
	});
	return { context, page, problems };
}

/**
 * Runs `body(page)` in a fresh page; on failure saves $SCREENSHOT_DIR/<name>.png, prints the
 * page's URL and recorded problems, and rethrows.
 */
export async function withPage(browser, device, name, body, base = BASE_URL) {
	const { context, page, problems } = await openPage(browser, device, base);
	try {
		await body(page, problems);
	} catch (err) {
		await snap(page, name);
		console.log(`# ${name} failed at ${page.url()}`);
		for (const p of problems) console.log(`#   ${p}`);
		throw err;
	} finally {
		await context.close();
	}
}

/** The recorded problems that matter: a 4xx the page expects (401 from `me` before login, 422 on a
 *  form) is logged by Chromium as a console error too, and is left out here. */
export function serious(problems) {
	return problems.filter((p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p) && !/favicon/.test(p));
}

/** Saves a full-page screenshot as $SCREENSHOT_DIR/<name>.png. */
export async function snap(page, name) {
	try {
		fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
		const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
		await page.screenshot({ path: file, fullPage: true, timeout: 10000 });
		console.log(`# screenshot: ${file}`);
	} catch (e) {
		console.log(`# screenshot failed: ${e.message}`);
	}
}

/** The input carrying data-test=`name` (on the native input, or on a wrapper around it). */
export function field(scope, name) {
	return scope.locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input`).first();
}

/** An element by its data-test hook. */
export function hook(scope, name) {
	return scope.locator(`[data-test="${name}"]`);
}

/**
 * Solves the image captcha that goes with the input `name`: reads the id the visible captcha image
 * shows (data-captcha-id), looks its answer up in CAPTCHA_LOG and types it. `scope` narrows the
 * search (a pane: the login page holds two captchas once the SMS tab was opened; the hidden one
 * is skipped anyway).
 */
export async function solveCaptcha(scope, name) {
	const input = field(scope, name);
	await input.waitFor({ state: 'visible' });
	const img = scope.locator('img[data-test="captcha-img"]:visible').first();
	const id = await until(async () => {
		const v = await img.getAttribute('data-captcha-id', { timeout: 2000 });
		return v && v.length ? v : null;
	}, `a captcha image with an id near ${name}`);
	await input.fill(await captchaAnswer(id));
	return id;
}

/** Picks a country code in the phone-cc select of `scope` ('86', '852', …). */
export async function pickCountry(page, scope, cc) {
	await hook(scope, 'phone-cc').first().click();
	const opt = page.locator(`[data-test="phone-cc-${cc}"]:visible`).first();
	await opt.click();
	await until(async () => !(await opt.isVisible()), 'the country list to close', 5000);
}

/** True when the page does not scroll sideways. */
export async function noHorizontalScroll(page) {
	const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
	if (r.sw > r.iw) throw new Error(`horizontal scroll on ${page.url()}: scrollWidth ${r.sw} > innerWidth ${r.iw}`);
	return true;
}

/** Waits until the page's path (without the query) is `pathname`. */
export async function onPath(page, pathname, timeout = 15000) {
	await until(() => new URL(page.url()).pathname === pathname, `path ${pathname} (now ${page.url()})`, timeout);
}
