// Browser test of the application (入库申请), as a person clicks it, on a desktop and on a phone:
// log in → 发起入库申请 → 基本信息 (uploads, the ID number filling 出生日期 / 性别 / 年龄, a row in
// each list, a required field left empty first) → 领域专业 → leave and come back → 工作业绩 → 预览
// → 确认申报 → 查看 → 撤回 (cancelled, then confirmed) → edit and submit again → the reviewer
// rejects (operator tool) → 查看不通过原因 → 修改 → submit a third time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, withPage, serious, field, hook, solveCaptcha, onPath, until, snap, DESKTOP, PHONE } from '../lib/browser.mjs';
import { fits, settle, toast } from '../lib/pages.mjs';
import { checkA11y } from '../lib/a11y.mjs';
import { registerExpert, randomPassword } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import { png, pdf, mainlandId, birthDateForAge, chinaToday, reviewer } from '../lib/apply.mjs';

const STEPS = ['basic', 'domains', 'records', 'preview'];

let browser;
let files; // { dir, photo, front, back, title } paths of files written for this run
before(async () => {
	browser = await launch();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ep-e2e-apply-'));
	const write = (name, bytes) => {
		const p = path.join(dir, name);
		fs.writeFileSync(p, bytes);
		return p;
	};
	files = {
		dir,
		photo: write('证件照.png', png(120, 160)),
		front: write('身份证人像面.png', png(171, 108)),
		back: write('身份证国徽面.pdf', pdf('id back')),
		title: write('职称证书.pdf', pdf('title')),
	};
});
after(async () => {
	await browser?.close();
	if (files) fs.rmSync(files.dir, { recursive: true, force: true });
});

// ---- small steps ---------------------------------------------------------------------------------

/** Opens the select `name` and clicks its option `option` (a full hook, or a prefix ending in '-'
 *  for the first option offered). */
async function choose(page, name, option) {
	await hook(page, name).first().click();
	const sel = option.endsWith('-') ? `[data-test^="${option}"]:visible` : `[data-test="${option}"]:visible`;
	const opt = page.locator(sel).first();
	await opt.click();
	await until(async () => !(await opt.isVisible()), `the options of ${name} to close`, 5000);
}

/** Types a date (YYYY-MM-DD) or month (YYYY-MM) into the picker wrapped by hook `name`. */
async function typeDate(page, name, value) {
	const input = field(page, name);
	await input.click();
	await input.fill(value);
	await input.press('Enter');
	await until(async () => (await input.inputValue()) === value, `${name} to read ${value}`, 5000);
}

/** The step of the wizard shown ('basic', …), or '' while none is. */
async function stepShown(page) {
	const roots = page.locator('[data-test^="apply-step-"]');
	if ((await roots.count()) !== 1) return '';
	return ((await roots.first().getAttribute('data-test')) || '').slice('apply-step-'.length);
}

async function atStep(page, step) {
	await hook(page, `apply-step-${step}`).waitFor({ state: 'visible' });
}

/** 下一页 (or 上一页) until the wizard shows `target`. */
async function walkTo(page, target) {
	for (let i = 0; i < STEPS.length; i++) {
		const now = await until(() => stepShown(page), 'a wizard step');
		if (now === target) return;
		const button = STEPS.indexOf(now) < STEPS.indexOf(target) ? 'apply-next' : 'apply-prev';
		await hook(page, button).click();
		await until(async () => (await stepShown(page)) !== now, `the wizard to leave ${now} (${button})`);
	}
	await atStep(page, target);
}

/** The error shown beside the form item holding the input `name`. */
function fieldError(page, name) {
	return page.locator(`.el-form-item:has([data-test="${name}"]) .el-form-item__error`).first();
}

/** The visible row dialog (新增/编辑 …). */
function rowDialog(page) {
	return page.locator('.el-dialog:visible').first();
}

async function saveRow(page) {
	const dialog = rowDialog(page);
	await hook(dialog, 'row-save').click();
	await dialog.waitFor({ state: 'hidden' });
}

/** Uploads `file` through the input `upload-<name>` and waits for its preview. */
async function upload(page, name, file) {
	await hook(page, `upload-${name}`).setInputFiles(file);
	await hook(page, `file-${name}`).first().waitFor({ state: 'visible' });
	const id = await hook(page, `file-${name}`).first().getAttribute('data-file-id');
	assert.match(id || '', /^\d+$/, `${name}: the uploaded file has an id`);
	return id;
}

/** The list row's cells on home, by column. */
async function homeRow(page) {
	const row = hook(page, 'app-row');
	await row.waitFor({ state: 'visible' });
	const col = async (key) => (await row.locator(`[data-col="${key}"]`).innerText()).trim();
	const keys = { name: 'name', gender: 'gender', age: 'age', employer: 'employer', school: 'school', major: 'major', applied: 'applied_at', status: 'status' };
	const out = {};
	for (const [k, key] of Object.entries(keys)) out[k] = await col(key);
	return out;
}

/** Waits until home shows the application with API status `status` (label `label`). */
async function homeStatus(page, status, label) {
	await onPath(page, '/');
	const tag = hook(page, 'app-status');
	await until(async () => (await tag.getAttribute('data-status')) === status, `status ${status} on home`);
	assert.equal((await tag.innerText()).trim(), label);
}

/** No English status word anywhere in the page's text. */
async function noEnglishStatus(page) {
	const text = await page.locator('body').innerText();
	assert.doesNotMatch(text, /\b(draft|submitted|reviewing|rejected|approved)\b/i, `English status word on ${page.url()}`);
}

/** 确认申报 on the preview, with the 申报须知 ticked; ends on home with 待审核. */
async function submitFromPreview(page) {
	await atStep(page, 'preview');
	const decl = hook(page, 'apply-declaration');
	if (!(await decl.isChecked())) await decl.click();
	assert.equal(await decl.isChecked(), true);
	await hook(page, 'apply-submit').click();
	await toast(page, '入库申请已提交');
	await homeStatus(page, 'submitted', '待审核');
}

// ---- the journey ----------------------------------------------------------------------------------

async function applyJourney(device, name) {
	resetIpLimits();
	const user = await registerExpert({ password: randomPassword(), name: '王立新' });
	const national = user.phone.slice(3);
	// Born around 1980, never on a birthday today (whatever the time zone of the browser).
	const age = chinaToday().y - 1980;
	const id = mainlandId({ birth: birthDateForAge(age), gender: '男' });
	const person = {
		name: '王立新',
		employer: '某市建筑设计研究院有限公司',
		position: '总工程师',
		specialty: '结构工程',
		residence: '某市某区滨江路 18 号',
		school: '同济大学',
		major: '土木工程',
	};
	const shot = async (page, what) => {
		await settle(page);
		await snap(page, `${name}-${what}`);
		await checkA11y(page, `${name}: ${what}`);
	};

	await withPage(browser, device, name, async (page, problems) => {
		// Log in with the password, as a person does.
		await page.goto('/login');
		await field(page, 'login-account').fill(national);
		await field(page, 'login-password').fill(user.password);
		await solveCaptcha(hook(page, 'pane-password'), 'login-captcha');
		await hook(page, 'login-submit').click();
		await onPath(page, '/');

		// Home: no application yet.
		const start = hook(page, 'apply-start');
		await start.waitFor({ state: 'visible' });
		assert.match(await start.innerText(), /发起入库申请/);
		await fits(page, device);
		await shot(page, 'home-empty');
		await start.click();
		await onPath(page, '/apply');
		await atStep(page, 'basic');
		await fits(page, device);

		// ---- 基本信息 ----
		assert.equal(await field(page, 'f-name').inputValue(), user.name, 'a new application starts with the account name');
		assert.equal(await field(page, 'f-phone').inputValue(), user.phone, 'the account phone is shown');
		assert.equal(await hook(page, 'apply-prev').isDisabled(), true, '上一页 is disabled on the first step');
		await upload(page, 'photo', files.photo);
		await toast(page, '上传成功');
		await field(page, 'f-name').fill(person.name);
		await choose(page, 'f-id_type', 'f-id_type-居民身份证');
		// The ID number fills 出生日期, 性别 and 年龄 by itself.
		assert.equal(await field(page, 'f-birth_date').inputValue(), '', 'no birth date before the ID number');
		assert.equal(await hook(page, 'f-gender-男').isChecked(), false, 'no gender before the ID number');
		await field(page, 'f-id_number').fill(id.number);
		await field(page, 'f-id_number').press('Tab');
		await until(async () => (await field(page, 'f-birth_date').inputValue()) === id.birth_date, `出生日期 ${id.birth_date} from the ID number`);
		assert.equal(await hook(page, 'f-gender-男').isChecked(), true, '性别 男 from the ID number');
		assert.equal(await hook(page, 'f-gender-女').isChecked(), false);
		assert.equal(await field(page, 'f-age').inputValue(), String(age), '年龄 from the birth date');
		assert.equal(await fieldError(page, 'f-id_number').count(), 0, 'the ID number is accepted');
		await hook(page, 'f-gender-男').click();
		await upload(page, 'id_front', files.front);
		await upload(page, 'id_back', files.back);
		await field(page, 'f-email').fill('wang.lixin@example.com');
		await hook(page, 'f-employment-在职').click();
		await field(page, 'f-employer').fill(person.employer);
		await field(page, 'f-position').fill(person.position);
		await field(page, 'f-specialty').fill(person.specialty);
		await field(page, 'f-specialty_years').fill('18');
		await field(page, 'f-specialty_years').press('Tab');
		assert.equal(await field(page, 'f-specialty_years').inputValue(), '18');
		// 常住地 stays empty for now.
		await choose(page, 'f-region', 'f-region-');
		await hook(page, 'f-remote-true').click();
		await hook(page, 'f-entry_type-新增').click();

		// 毕业院校, through its dialog.
		await hook(page, 'add-education').click();
		await rowDialog(page).waitFor({ state: 'visible' });
		await field(page, 'f-education-0-school').fill(person.school);
		await field(page, 'f-education-0-major').fill(person.major);
		await choose(page, 'f-education-0-degree', 'f-education-0-degree-');
		await typeDate(page, 'f-education-0-from', '1998-09');
		await typeDate(page, 'f-education-0-to', '2002-07');
		await fits(page, device);
		await shot(page, 'education-dialog');
		await saveRow(page);
		const eduRow = hook(page, 'row-education-0');
		await eduRow.waitFor({ state: 'visible' });
		assert.match(await eduRow.innerText(), new RegExp(`${person.school}[\\s\\S]*1998-09 ~ 2002-07`));

		// 工作履历, until now.
		await hook(page, 'add-work').click();
		await rowDialog(page).waitFor({ state: 'visible' });
		await field(page, 'f-work-0-employer').fill(person.employer);
		await field(page, 'f-work-0-position').fill('结构工程师');
		await typeDate(page, 'f-work-0-from', '2002-08');
		await hook(page, 'f-work-0-now').click();
		await saveRow(page);
		const workRow = hook(page, 'row-work-0');
		await workRow.waitFor({ state: 'visible' });
		assert.match(await workRow.innerText(), /2002-08 ~ 至今/);

		await hook(page, 'avoidance-none').click();
		assert.equal(await hook(page, 'avoidance-none').isChecked(), true);
		assert.equal(await hook(page, 'add-avoidance').isDisabled(), true, '无回避单位 disables the list');
		await fits(page, device);

		// 下一页 with 常住地 empty: the page stays, the message is beside that field.
		await hook(page, 'apply-next').click();
		const resErr = fieldError(page, 'f-residence');
		await resErr.waitFor({ state: 'visible' });
		assert.match(await resErr.innerText(), /常住地|请输入/);
		assert.equal(await stepShown(page), 'basic', 'the wizard stays on 基本信息');
		assert.equal(await page.locator('[data-test="apply-step-basic"] .el-form-item__error').count(), 1, 'only 常住地 is missing');
		await fits(page, device);
		await shot(page, 'basic-missing');
		await field(page, 'f-residence').fill(person.residence);
		await until(async () => (await resErr.count()) === 0, 'the 常住地 message to go once it is filled');
		await shot(page, 'basic');
		await hook(page, 'apply-next').click();

		// ---- 领域专业 ----
		await atStep(page, 'domains');
		await fits(page, device);
		assert.match(await hook(page, 'specialty-count').innerText(), /已选\s*0\s*项/);
		const leaves = page.locator('label[data-test^="leaf-"]');
		assert.ok((await leaves.count()) >= 2, 'the taxonomy offers at least two leaves');
		const leafIds = [];
		const leafNames = [];
		for (let i = 0; i < 2; i++) {
			const leaf = leaves.nth(i);
			leafIds.push(await leaf.getAttribute('data-test'));
			leafNames.push((await leaf.innerText()).trim());
			await leaf.click();
			assert.equal(await leaf.isChecked(), true, `${leafIds[i]} is ticked`);
		}
		assert.match(await hook(page, 'specialty-count').innerText(), /已选\s*2\s*项/);
		const chosen = await hook(page, 'specialty-chosen').innerText();
		for (const n of leafNames) assert.ok(chosen.includes(n), `the chosen tags show ${n}`);
		assert.equal(await hook(page, 'apply-unsaved').isVisible(), true, 'unsaved changes are marked');
		await hook(page, 'apply-save').click();
		await toast(page, '已保存');
		await until(async () => (await hook(page, 'apply-unsaved').count()) === 0, 'the unsaved mark to go after 保存');
		await fits(page, device);
		await shot(page, 'domains');

		// ---- leave and come back ----
		if (device === PHONE) {
			// The phone reloads the page.
			await page.reload();
			await onPath(page, '/apply');
		} else {
			// The desktop goes home and opens the draft again (编辑).
			await hook(page, 'apply-back').click();
			await homeStatus(page, 'draft', '草稿');
			await shot(page, 'home-draft');
			await hook(page, 'app-edit').click();
			await onPath(page, '/apply');
		}
		await atStep(page, 'domains');
		for (const l of leafIds) assert.equal(await hook(page, l).isChecked(), true, `${l} still ticked`);
		assert.match(await hook(page, 'specialty-count').innerText(), /已选\s*2\s*项/);
		await shot(page, 'domains-resumed');
		await hook(page, 'apply-prev').click();
		await atStep(page, 'basic');
		assert.equal(await field(page, 'f-name').inputValue(), person.name, '姓名 kept');
		assert.equal(await field(page, 'f-id_number').inputValue(), id.number, 'the ID number kept');
		assert.equal(await field(page, 'f-residence').inputValue(), person.residence, '常住地 kept');
		assert.equal(await hook(page, 'avoidance-none').isChecked(), true, '无回避单位 kept');
		await hook(page, 'file-photo').first().waitFor({ state: 'visible' });
		await hook(page, 'apply-next').click();
		await atStep(page, 'domains');
		await hook(page, 'apply-next').click();

		// ---- 工作业绩 ----
		await atStep(page, 'records');
		await fits(page, device);
		await hook(page, 'add-titles').click();
		await rowDialog(page).waitFor({ state: 'visible' });
		await field(page, 'f-titles-0-name').fill('高级工程师');
		await choose(page, 'f-titles-0-level', 'f-titles-0-level-副高级');
		await field(page, 'f-titles-0-specialty').fill('结构工程');
		await field(page, 'f-titles-0-authority').fill('某省人力资源和社会保障厅');
		await typeDate(page, 'f-titles-0-date', '2012-12-01');
		await upload(page, 'titles-0-scan', files.title);
		await fits(page, device);
		await shot(page, 'title-dialog');
		await saveRow(page);
		const titleRow = hook(page, 'row-titles-0');
		await titleRow.waitFor({ state: 'visible' });
		assert.match(await titleRow.innerText(), /高级工程师[\s\S]*副高级[\s\S]*2012-12-01/);
		await fits(page, device);
		await shot(page, 'records');
		await hook(page, 'apply-next').click();

		// ---- 预览 ----
		await atStep(page, 'preview');
		await fits(page, device);
		const details = hook(page, 'apply-details');
		assert.equal(await hook(details, 'view-name').innerText(), person.name);
		assert.equal(await hook(details, 'view-id_number').innerText(), id.number);
		const previewText = await details.innerText();
		for (const n of leafNames) assert.ok(previewText.includes(n), `the preview shows the specialty ${n}`);
		assert.ok(previewText.includes(person.residence) && previewText.includes('高级工程师'), 'the preview shows the form');
		assert.equal(await details.locator('input, textarea').count(), 0, 'the preview is read-only');
		assert.equal(await hook(page, 'missing-summary').count(), 0, 'nothing is missing');
		// 确认申报 without the 申报须知: refused.
		const decl = hook(page, 'apply-declaration');
		assert.equal(await decl.isChecked(), false);
		await hook(page, 'apply-submit').click();
		const declErr = fieldError(page, 'apply-declaration');
		await declErr.waitFor({ state: 'visible' });
		assert.match(await declErr.innerText(), /请阅读申报须知并勾选确认/);
		assert.equal(await stepShown(page), 'preview', 'still on the preview');
		await shot(page, 'preview-refused');
		await decl.click();
		await until(async () => (await declErr.count()) === 0, 'the 申报须知 message to go once ticked');
		await shot(page, 'preview');
		await submitFromPreview(page);

		// ---- home: 待审核 ----
		let row = await homeRow(page);
		assert.equal(row.name, person.name);
		assert.equal(row.gender, '男');
		assert.equal(row.age, String(age));
		assert.equal(row.employer, person.employer);
		assert.equal(row.school, person.school);
		assert.equal(row.major, person.major, '专业 is the major of the school');
		assert.equal(row.status, '待审核');
		assert.match(row.applied, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, '申请时间 is shown');
		await noEnglishStatus(page);
		await fits(page, device);
		await shot(page, 'home-submitted');

		// ---- 查看 ----
		await hook(page, 'app-view').click();
		await onPath(page, '/apply/view');
		await hook(page, 'apply-view').waitFor({ state: 'visible' });
		assert.equal((await hook(page, 'view-status').innerText()).trim(), '待审核');
		assert.match(await hook(page, 'apply-view').innerText(), /第 1 次提交/);
		assert.equal(await hook(page, 'view-name').innerText(), person.name);
		const viewText = await hook(page, 'apply-details').innerText();
		for (const n of leafNames) assert.ok(viewText.includes(n), `查看 shows the specialty ${n}`);
		assert.equal(await hook(page, 'apply-details').locator('input, textarea').count(), 0, '查看 is read-only');
		assert.equal(await hook(page, 'apply-save').count(), 0, 'no 保存 on 查看');
		await noEnglishStatus(page);
		await fits(page, device);
		await shot(page, 'view');
		await hook(page, 'view-back').click();

		// ---- 撤回: cancel first, then confirm ----
		await homeStatus(page, 'submitted', '待审核');
		await hook(page, 'app-withdraw').click();
		await hook(page, 'confirm-cancel').waitFor({ state: 'visible' });
		await fits(page, device);
		await shot(page, 'withdraw-confirm');
		await hook(page, 'confirm-cancel').click();
		await page.locator('.el-message-box').waitFor({ state: 'hidden' });
		await homeStatus(page, 'submitted', '待审核');
		assert.equal(await hook(page, 'app-edit').count(), 0, 'no 编辑 while submitted');
		await hook(page, 'app-withdraw').click();
		await hook(page, 'confirm-ok').click();
		await toast(page, '已撤回');
		await homeStatus(page, 'draft', '草稿');
		await hook(page, 'app-edit').waitFor({ state: 'visible' });
		assert.equal(await hook(page, 'app-withdraw').count(), 0, 'no 撤回 on a draft');
		await noEnglishStatus(page);
		await shot(page, 'home-withdrawn');

		// ---- edit 职务, submit again ----
		await hook(page, 'app-edit').click();
		await onPath(page, '/apply');
		await until(() => stepShown(page), 'the wizard');
		if (device === DESKTOP && (await stepShown(page)) !== 'basic') {
			await hook(page, 'step-basic').click(); // the steps bar: earlier steps are links
			await atStep(page, 'basic');
		} else {
			await walkTo(page, 'basic');
		}
		await field(page, 'f-position').fill('副院长兼总工程师');
		await hook(page, 'apply-unsaved').waitFor({ state: 'visible' });
		await walkTo(page, 'preview');
		assert.match(await hook(page, 'apply-details').innerText(), /副院长兼总工程师/);
		await submitFromPreview(page);

		// ---- the reviewer rejects ----
		reviewer(user.phone, 'open');
		reviewer(user.phone, 'reject', { department: '建设工程处', reason: '职称证书扫描件不清晰' });
		await page.reload();
		await homeStatus(page, 'rejected', '未通过');
		assert.equal(await hook(page, 'app-withdraw').count(), 0, 'no 撤回 once rejected');
		await noEnglishStatus(page);
		await fits(page, device);
		await shot(page, 'home-rejected');
		await hook(page, 'app-reason').click();
		await hook(page, 'reason-dialog').waitFor({ state: 'visible' });
		assert.equal((await hook(page, 'reason-department').innerText()).trim(), '建设工程处');
		assert.equal((await hook(page, 'reason-text').innerText()).trim(), '职称证书扫描件不清晰');
		await fits(page, device);
		await shot(page, 'reason');
		await hook(page, 'reason-close').click();
		await hook(page, 'reason-dialog').waitFor({ state: 'hidden' });

		// ---- 修改, change, submit a third time ----
		await hook(page, 'app-reopen').click();
		await onPath(page, '/apply');
		await until(() => stepShown(page), 'the wizard');
		await walkTo(page, 'basic');
		assert.equal(await field(page, 'f-position').isEditable(), true, 'the wizard is editable again');
		await field(page, 'f-specialty').fill('结构工程（高层建筑）');
		await walkTo(page, 'preview');
		assert.match(await hook(page, 'apply-details').innerText(), /结构工程（高层建筑）/);
		await fits(page, device);
		await submitFromPreview(page);
		row = await homeRow(page);
		assert.equal(row.status, '待审核');
		await shot(page, 'home-final');
		await hook(page, 'app-view').click();
		await hook(page, 'apply-view').waitFor({ state: 'visible' });
		assert.match(await hook(page, 'apply-view').innerText(), /第 3 次提交/);
		assert.match(await hook(page, 'apply-details').innerText(), /结构工程（高层建筑）/);
		await fits(page, device);
		await shot(page, 'view-final');

		assert.deepEqual(serious(problems), [], 'no console errors, page errors or failed requests');
	});
}

test('application wizard on a desktop (1366×768)', { timeout: 150000 }, () => applyJourney(DESKTOP, 'apply-desktop'));

test('application wizard on a phone (390×844)', { timeout: 150000 }, () => applyJourney(PHONE, 'apply-phone'));
