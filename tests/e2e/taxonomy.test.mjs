// Browser test of the taxonomy editor (领域专业) as a manager clicks it, on a desktop and on a
// 390×844 phone: 新增领域, two 专业类别 under it, leaves of both kinds; 重命名 (a taken name first,
// refused under the field); 上移; 移动到… another group; 停用. Then an expert whose draft chose the
// leaf before it was retired finds it marked 已停用 and no longer offered; submission refuses it
// with the message naming it; the expert takes it out and submits. Each run works in a domain of
// its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, serious, field, hook, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { expectJson } from '../lib/expect.mjs';
import { expertWithDraft } from '../lib/apply.mjs';
import { anyId, staffSession } from '../lib/staff.mjs';
import { editTree, nodeIn, uniqueName } from '../lib/taxonomy.mjs';
import { adminLogin, expertLogin, fits, settle, toast, walkTo } from '../lib/pages.mjs';

const STEPS = ['basic', 'domains', 'records', 'preview'];

let browser;
let manager;
const domains = []; // made here, retired at the end
before(async () => {
	browser = await launch();
	resetIpLimits();
	manager = await staffSession(['manager'], { name: '领域专业管理员' });
});
after(async () => {
	await browser?.close();
	for (const id of domains) {
		const d = nodeIn(await editTree(manager.client), id);
		if (d?.active) await manager.client.post(`/api/taxonomy/nodes/${id}/retire`, { version: d.version });
	}
});

/** The name dialog (新增 / 重命名) filled with `name` and confirmed; returns the API's reply. */
async function nameDialog(page, name, url) {
	const dialog = hook(page, 'tax-name-dialog');
	await dialog.waitFor({ state: 'visible' });
	await field(page, 'tax-name-input').fill(name);
	const reply = page.waitForResponse((r) => r.url().includes(url) && r.request().method() === 'POST');
	await hook(page, 'tax-name-ok').click();
	return reply;
}

/** 操作 on node `id`, then the menu's `command` (once no dialog is still fading out over the
 *  page; clicked again if the menu was still opening and stayed). */
async function command(page, id, cmd) {
	await until(async () => (await page.locator('.el-overlay-dialog:visible, .el-overlay-message-box:visible').count()) === 0, 'no dialog over the page');
	const item = page.locator(`[data-test="tax-act-${cmd}"]:visible`).first();
	await until(async () => {
		if (!(await item.isVisible())) await hook(page, `tax-more-${id}`).click();
		await item.click({ timeout: 3000 });
		return until(async () => !(await item.isVisible()), 'the menu to close', 2000).then(() => true, () => false);
	}, `${cmd} from the menu of node ${id}`, 15000);
}

/** Adds a node through the dialog that `open` opens; returns the node the API made. */
async function add(page, open, name) {
	await open();
	const res = await nameDialog(page, name, '/api/taxonomy/nodes');
	assert.equal(res.status(), 201, await res.text());
	const { node } = await res.json();
	await toast(page, '已新增');
	await hook(page, `tax-node-${node.id}`).waitFor({ state: 'visible' });
	assert.equal((await hook(page, `tax-label-${node.id}`).innerText()).trim(), name);
	return node;
}

/** The ids of the leaves of `kind` shown under group `id`, in their order. */
async function leavesShown(page, groupId, kind) {
	const rows = hook(page, `tax-node-${groupId}`).locator(`[data-kind="${kind}"]`);
	return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-test')))).map((t) => Number(t.slice('tax-node-'.length)));
}

async function journey(device, label) {
	resetIpLimits();
	const m = await openPage(browser, device);
	const e = await openPage(browser, device);
	const mp = m.page;
	const ep = e.page;
	// each state shot is also checked with axe-core (no serious or critical violation)
	const shot = async (page, what) => {
		await settle(page);
		await snap(page, `${label}-${what}`);
		await checkA11y(page, `${label}-${what}`);
	};
	try {
		// ---- the manager: 领域专业 in the menu ----
		await adminLogin(mp, manager);
		await hook(mp, 'nav-taxonomy').click();
		await onPath(mp, '/admin/taxonomy');
		await hook(mp, 'taxonomy-editor').waitFor({ state: 'visible' });
		await hook(mp, 'tax-expand-all').waitFor({ state: 'visible' });
		await fits(mp, device);

		// 新增领域, then under it two 专业类别, then leaves
		const dName = uniqueName('测试领域');
		const d = await add(mp, () => hook(mp, 'tax-add-domain').click(), dName);
		domains.push(d.id);
		const g1 = await add(mp, () => command(mp, d.id, 'add-group'), uniqueName('结构'));
		const g2 = await add(mp, () => command(mp, d.id, 'add-group'), uniqueName('岩土'));
		const l1 = await add(mp, () => command(mp, g1.id, 'add-specialty'), uniqueName('桩基'));
		const l2 = await add(mp, () => command(mp, g1.id, 'add-specialty'), uniqueName('幕墙'));
		const l3 = await add(mp, () => command(mp, g1.id, 'add-direction'), uniqueName('检测'));
		assert.deepEqual(await leavesShown(mp, g1.id, 'specialty'), [l1.id, l2.id]);
		assert.deepEqual(await leavesShown(mp, g1.id, 'direction'), [l3.id]);
		await fits(mp, device);
		await shot(mp, 'added');

		// 重命名: a name its sibling has is refused under the field, then a free one
		await command(mp, l1.id, 'rename');
		assert.equal(await field(mp, 'tax-name-input').inputValue(), l1.name, 'the dialog starts with the name');
		let res = await nameDialog(mp, l2.name, `/api/taxonomy/nodes/${l1.id}/rename`);
		assert.equal(res.status(), 422);
		const err = mp.locator('.el-form-item:has([data-test="tax-name-input"]) .el-form-item__error');
		await err.waitFor({ state: 'visible' });
		assert.match(await err.innerText(), new RegExp(`同一级已有名为「${l2.name}」的擅长专业`));
		await fits(mp, device);
		await shot(mp, 'rename-taken');
		const renamed = uniqueName('桩基础');
		res = await nameDialog(mp, renamed, `/api/taxonomy/nodes/${l1.id}/rename`);
		assert.equal(res.status(), 200, await res.text());
		await toast(mp, '已重命名');
		await hook(mp, 'tax-name-dialog').waitFor({ state: 'hidden' });
		await until(async () => (await hook(mp, `tax-label-${l1.id}`).innerText()).trim() === renamed, 'the new name in the tree');

		// 上移: the second specialty comes first
		assert.equal(await hook(mp, `tax-up-${l1.id}`).isDisabled(), true, 'the first one cannot go up');
		await hook(mp, `tax-up-${l2.id}`).click();
		await toast(mp, '已上移');
		await until(async () => JSON.stringify(await leavesShown(mp, g1.id, 'specialty')) === JSON.stringify([l2.id, l1.id]), 'the new order');

		// 移动到… the other 专业类别
		await command(mp, l1.id, 'move');
		await hook(mp, 'tax-move-dialog').waitFor({ state: 'visible' });
		await hook(mp, 'tax-move-target').click();
		await mp.locator(`[data-test="tax-move-opt-${g2.id}"]:visible`).click();
		await fits(mp, device);
		await shot(mp, 'move-dialog');
		await hook(mp, 'tax-move-ok').click();
		await toast(mp, '已移动');
		await hook(mp, `tax-node-${g2.id}`).locator(`[data-test="tax-node-${l1.id}"]`).waitFor({ state: 'visible' });
		assert.deepEqual(await leavesShown(mp, g1.id, 'specialty'), [l2.id]);

		// an expert chooses both specialties in a draft (through the API) …
		const s = await expertWithDraft({ id: anyId(), leaves: [l1.id, l2.id] });

		// … and then the manager retires one
		await command(mp, l2.id, 'retire');
		await hook(mp, 'confirm-ok').click();
		await toast(mp, '已停用');
		await until(async () => (await hook(mp, `tax-node-${l2.id}`).getAttribute('data-retired')) === 'true', 'the leaf marked retired');
		assert.match(await hook(mp, `tax-node-${l2.id}`).innerText(), /已停用/);
		await fits(mp, device);
		await shot(mp, 'retired');
		const api = nodeIn(await editTree(manager.client), l2.id);
		assert.deepEqual([api.active, api.retired], [false, true]);

		// ---- the expert: the retired leaf is no longer offered, and the draft's one is named ----
		await expertLogin(ep, s.user);
		await hook(ep, 'app-edit').click();
		await onPath(ep, '/apply');
		await walkTo(ep, 'domains', STEPS);
		await hook(ep, `leaf-${l1.id}`).waitFor({ state: 'visible' });
		assert.equal(await hook(ep, `leaf-${l2.id}`).count(), 0, 'the retired leaf is not offered');
		assert.equal(await hook(ep, `leaf-${l3.id}`).count(), 1, 'its active sibling is');
		const gone = hook(ep, 'specialty-chosen').locator('[data-retired="true"]');
		await gone.waitFor({ state: 'visible' });
		assert.equal((await gone.innerText()).trim(), `${l2.name}（已停用）`);
		const path = `「${dName} / ${g1.name} / ${l2.name}」`;
		assert.match(await hook(ep, 'specialty-retired').innerText(), new RegExp(`${path}已停用`));
		await fits(ep, device);
		await shot(ep, 'expert-domains');
		// 确认申报 as it is: refused, naming the leaf; its link leads back to 领域专业
		await walkTo(ep, 'preview', STEPS);
		const decl = hook(ep, 'apply-declaration');
		if (!(await decl.isChecked())) await decl.click();
		await hook(ep, 'apply-submit').click();
		const refused = hook(ep, 'submit-errors');
		await refused.waitFor({ state: 'visible' });
		assert.match(await refused.locator('li[data-path="specialties"]').innerText(), new RegExp(`${path}已停用，不能再选择`));
		await fits(ep, device);
		await shot(ep, 'expert-refused');
		await hook(ep, 'goto-step-domains').click();
		const msg = hook(ep, 'error-specialties');
		await msg.waitFor({ state: 'visible' });
		assert.match(await msg.innerText(), new RegExp(`${path}已停用`));
		await gone.locator('.el-tag__close').click();
		await until(async () => (await hook(ep, 'specialty-chosen').locator('[data-retired="true"]').count()) === 0, 'the retired leaf taken out');
		await walkTo(ep, 'preview', STEPS);
		if (!(await decl.isChecked())) await decl.click();
		await hook(ep, 'apply-submit').click();
		await toast(ep, '入库申请已提交');
		await onPath(ep, '/');
		const mine = expectJson(await s.client.get('/api/apply'), 200).application;
		assert.equal(mine.status, 'submitted');
		assert.deepEqual(mine.data.specialties, [l1.id]);

		for (const [who, p] of Object.entries({ manager: m, expert: e })) assert.deepEqual(serious(p.problems), [], `${who}: no console errors, page errors or failed requests`);
	} catch (err) {
		for (const [who, p] of Object.entries({ manager: mp, expert: ep })) {
			await snap(p, `${label}-failed-${who}`);
			console.log(`# ${who} at ${p.url()}`);
		}
		for (const p of [...m.problems, ...e.problems]) console.log(`#   ${p}`);
		throw err;
	} finally {
		await m.context.close();
		await e.context.close();
	}
}

test('taxonomy editor on a desktop (1366×768): add, rename, reorder, move, retire; the expert no longer chooses it', { timeout: 240000 }, () => journey(DESKTOP, 'taxonomy-desktop'));

test('taxonomy editor on a phone (390×844): the same with buttons only', { timeout: 240000 }, () => journey(PHONE, 'taxonomy-phone'));
