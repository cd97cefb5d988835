// Browser test of the unit registry (单位库) as a manager clicks it, on a desktop and on a
// 390×844 phone: 新增单位 with a 统一社会信用代码 (a wrong check character refused under the field
// first); the same name in another spelling refused, naming the unit that holds it; a second unit;
// its dialog: an alias added; merged into the first as a duplicate; the first then lists both
// names and the code. Every state shot is checked with axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serious, field, hook, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { creditCode, badCheck, uniq } from '../lib/units.mjs';
import { staffSession } from '../lib/staff.mjs';
import { adminLogin, fits, settle, toast } from '../lib/pages.mjs';


let browser;
let manager;
before(async () => {
	browser = await launch();
	resetIpLimits();
	manager = await staffSession(['manager'], { name: '单位库管理员' });
});
after(async () => {
	await browser?.close();
});

/** The error message under the form item holding input `name`. */
const fieldError = (page, name) => page.locator(`.el-form-item:has([data-test="${name}"]) .el-form-item__error`);

async function journey(device, label) {
	resetIpLimits();
	const m = await openPage(browser, device);
	const p = m.page;
	const shot = async (what) => {
		await settle(p);
		await snap(p, `${label}-${what}`);
		await checkA11y(p, `${label}-${what}`);
	};
	try {
		await adminLogin(p, manager);
		await hook(p, 'nav-units').click();
		await onPath(p, '/admin/units');
		await hook(p, 'unit-table').waitFor({ state: 'visible' });
		await fits(p, device);

		// 新增单位: a wrong check character first, then the right code
		const base = uniq('温州市');
		const name = `${base}（瓯海）建筑设计有限责任公司`;
		const code = creditCode();
		await hook(p, 'unit-add').click();
		await hook(p, 'unit-add-dialog').waitFor({ state: 'visible' });
		await field(p, 'unit-f-name').fill(name);
		await field(p, 'unit-f-code').fill(badCheck(code));
		await hook(p, 'unit-add-ok').click();
		await until(async () => /校验位不正确/.test(await fieldError(p, 'unit-f-code').innerText().catch(() => '')), 'the check character refused');
		await fits(p, device);
		await shot('add-bad-code');
		await field(p, 'unit-f-code').fill(code.toLowerCase());
		let reply = p.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST');
		await hook(p, 'unit-add-ok').click();
		let res = await reply;
		assert.equal(res.status(), 201, await res.text());
		const first = (await res.json()).unit;
		await toast(p, '单位已加入单位库');
		// the new unit's dialog opens at once
		await hook(p, 'unit-dialog').waitFor({ state: 'visible' });
		assert.equal(await field(p, 'unit-e-code').inputValue(), code);
		await hook(p, 'unit-close').click();
		await hook(p, 'unit-dialog').waitFor({ state: 'hidden' });

		// the same name written otherwise is refused, naming the holder
		await hook(p, 'unit-add').click();
		await field(p, 'unit-f-name').fill(`${base}(瓯海)建筑设计有限公司`);
		await field(p, 'unit-f-code').fill('');
		reply = p.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST');
		await hook(p, 'unit-add-ok').click();
		assert.equal((await reply).status(), 422);
		await until(async () => (await fieldError(p, 'unit-f-name').innerText().catch(() => '')).includes(name), 'the holder named under the field');
		await fits(p, device);
		await shot('add-taken');

		// a second unit, its alias, then merged into the first
		const dupName = uniq('瓯海建筑设计院');
		await field(p, 'unit-f-name').fill(dupName);
		reply = p.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST');
		await hook(p, 'unit-add-ok').click();
		res = await reply;
		assert.equal(res.status(), 201, await res.text());
		const dup = (await res.json()).unit;
		await hook(p, 'unit-dialog').waitFor({ state: 'visible' });
		const alias = uniq('瓯海设计');
		await field(p, 'unit-alias-name').fill(alias);
		await hook(p, 'unit-alias-add').click();
		await toast(p, '别名已添加');
		await until(async () => (await hook(p, 'unit-names').innerText()).includes(alias), 'the alias listed');
		await field(p, 'unit-merge-into').fill(base);
		const choice = p.locator(`[data-test="unit-merge-choice-${first.id}"]:visible`);
		await choice.waitFor({ state: 'visible' });
		await choice.click();
		await until(async () => !(await choice.isVisible()), 'the choices closed');
		await fits(p, device);
		await shot('merge-choice');
		await hook(p, 'unit-merge').click();
		await hook(p, 'confirm-ok').click();
		await toast(p, '已合并');
		// the dialog now shows the unit kept, with the duplicate's names as aliases
		await until(async () => (await hook(p, 'unit-dialog').getAttribute('data-id')) === String(first.id), 'the unit kept shown');
		await until(async () => {
			const t = await hook(p, 'unit-names').innerText();
			return t.includes(dupName) && t.includes(alias);
		}, 'the duplicate\'s names as aliases');
		assert.match(await hook(p, 'unit-merged').innerText(), new RegExp(dupName));
		await fits(p, device);
		await shot('merged');
		await hook(p, 'unit-close').click();

		const kept = expectJson(await manager.client.get(`/api/units/${first.id}`), 200).unit;
		assert.deepEqual(kept.merged, [{ id: dup.id, name: dupName }]);
		assert.equal(expectJson(await manager.client.get(`/api/units/${dup.id}`), 200).unit.merged_into, first.id);

		// the list: searched in another spelling; 已合并 shows the duplicate
		await field(p, 'filter-q').fill(`${base}(瓯海)`);
		await hook(p, 'filter-search').click();
		await until(async () => (await hook(p, 'unit-name').count()) === 1, 'one unit found');
		await fits(p, device);
		await shot('list');
		assert.deepEqual(serious(m.problems), [], 'no console errors, page errors or failed requests');
	} catch (err) {
		await snap(p, `${label}-failed`);
		console.log(`# at ${p.url()}`);
		for (const x of m.problems) console.log(`#   ${x}`);
		throw err;
	} finally {
		await m.context.close();
	}
}

test('unit registry on a desktop (1366×768): add, a spelling refused, alias, merge', { timeout: 180000 }, () => journey(DESKTOP, 'units-desktop'));

test('unit registry on a phone (390×844): the same', { timeout: 180000 }, () => journey(PHONE, 'units-phone'));
