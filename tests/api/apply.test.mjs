// API tests of the apply program, part 1: who may call it, the options, reading the application,
// and saving drafts (versions, format checks, `missing`). docs/API.md, "apply".
// Submission: apply-submit.test.mjs; the life cycle: apply-states.test.mjs; PDFs: apply-pdf.test.mjs.
import { test, describe, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../lib/http.mjs';
import { expectError, expectJson, expectInvalidOneOf, expectSecurityHeaders } from '../lib/expect.mjs';
import { newClient, expertSession, adminSession, registerExpert, loggedIn } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import {
	KiB, applyOptions, taxonomyLeaves, completeForm, formFiles, saveDraft, saveDraftOk, getApplication,
	uploadFile, png, pdf, mainlandId, passportNumber, creditCode, chinaDate, chinaToday, expertWithDraft,
} from '../lib/apply.mjs';

beforeEach(() => resetIpLimits());

const APP_KEYS = ['can_withdraw', 'data', 'id', 'missing', 'rejection', 'row', 'status', 'step', 'submitted_at', 'submitted_version', 'version'];
const ROW_KEYS = ['age', 'applied_at', 'employer', 'gender', 'major', 'name', 'school', 'status'];

// ---- who may call it ---------------------------------------------------------------------------

/** Every apply route with a plausible request. */
const routes = [
	{ method: 'GET', path: '/api/apply/options' },
	{ method: 'GET', path: '/api/apply' },
	{ method: 'POST', path: '/api/apply/draft', body: { version: 0, step: 'basic', data: { name: '张三' } } },
	{ method: 'POST', path: '/api/apply/submit', body: { version: 1, declaration: true } },
	{ method: 'POST', path: '/api/withdraw/', body: { version: 1, confirm: true } },
	{ method: 'POST', path: '/api/apply/reopen', body: { version: 1 } },
	{ method: 'GET', path: '/api/apply/versions/1' },
	{ method: 'GET', path: '/api/apply/history' },
	{ method: 'GET', path: '/api/apply/pdf/commitment' },
	{ method: 'GET', path: '/api/apply/pdf/form' },
];
const call = (c, r, opts = {}) => (r.method === 'GET' ? c.get(r.path, opts) : c.post(r.path, r.body, opts));

test('every apply route without a session → 401 unauthorized', async () => {
	const anon = await newClient(); // holds a CSRF cookie, so POSTs pass the CSRF check
	for (const r of routes) expectError(await call(anon, r), 401, 'unauthorized');
	const bare = new Client();
	for (const r of routes.filter((x) => x.method === 'GET')) expectError(await call(bare, r), 401, 'unauthorized');
});

test('every apply route with an admin-portal session → 403 forbidden, but the options (the admin pages\' filters)', async () => {
	const { client } = await adminSession();
	for (const r of routes) {
		const res = await call(client, r);
		if (r.path === '/api/apply/options') assert.ok(Array.isArray(expectJson(res, 200).taxonomy), res.text.slice(0, 200));
		else expectError(res, 403, 'forbidden');
	}
});

test('every apply POST without X-CSRF-Token, or with a wrong one → 403 csrf, nothing created', async () => {
	const { client } = await expertSession();
	for (const r of routes.filter((x) => x.method === 'POST')) {
		expectError(await call(client, r, { csrf: false }), 403, 'csrf');
		expectError(await call(client, r, { csrf: client.csrf.slice(0, -2) + 'zz' }), 403, 'csrf');
	}
	assert.equal(await getApplication(client), null);
});

test('apply while the initial password is still to be changed → 403 password_change_required', async () => {
	const user = await registerExpert();
	const c = await loggedIn(user);
	expectError(await c.get('/api/apply'), 403, 'password_change_required');
	expectError(await c.post('/api/apply/draft', { version: 0, step: 'basic', data: {} }), 403, 'password_change_required');
});

test('nobody else\'s application is reachable: another expert sees none of it', async () => {
	const a = await expertWithDraft();
	const { client: b } = await expertSession();
	assert.equal(await getApplication(b), null);
	expectError(await b.get('/api/apply/versions/1'), 404, 'not_found');
	// B's own first draft is a new application, not A's
	const v = await saveDraftOk(b, 0, { name: '李四' });
	const mine = await getApplication(b);
	assert.equal(mine.version, v);
	assert.deepEqual(mine.data, { name: '李四' });
	assert.notEqual(mine.id, (await getApplication(a.client)).id);
	assert.equal((await getApplication(a.client)).data.name, a.data.name);
});

// ---- GET /api/apply/options --------------------------------------------------------------------

test('options: the city style, its steps, limits and lists', async () => {
	const { client } = await expertSession();
	const res = await client.get('/api/apply/options');
	expectSecurityHeaders(res, 'options');
	const o = expectJson(res, 200);
	for (const k of ['style', 'steps', 'limits', 'id_types', 'political_statuses', 'honours', 'degrees', 'title_levels', 'regions', 'entry_types', 'taxonomy']) {
		assert.ok(k in o, `options.${k} missing: ${Object.keys(o)}`);
	}
	assert.equal(o.style, 'city');
	assert.deepEqual(o.steps, ['basic', 'domains', 'records', 'preview']);
	assert.deepEqual(o.limits, { max_age: 65, senior_max_age: 70, min_years: 0, require_photo: true, require_id_scans: true });
	assert.deepEqual(o.id_types, ['居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '港澳台居民居住证', '护照', '外国人永久居留身份证']);
	assert.deepEqual(o.title_levels, ['正高级', '副高级', '中级', '初级']);
	assert.deepEqual(o.entry_types, ['新增', '续聘']);
	assert.deepEqual(o.regions, ['本级']);
	for (const k of ['political_statuses', 'honours', 'degrees']) {
		assert.ok(Array.isArray(o[k]) && o[k].length > 0 && o[k].every((s) => typeof s === 'string' && s.length), `options.${k}: ${JSON.stringify(o[k])}`);
		assert.equal(new Set(o[k]).size, o[k].length, `options.${k} has no repeats`);
	}
});

test('options: the taxonomy is domains → groups → specialties/directions, every id unique', async () => {
	const { client } = await expertSession();
	const o = await applyOptions(client);
	assert.ok(Array.isArray(o.taxonomy) && o.taxonomy.length > 0);
	const ids = new Set();
	const seen = (id) => {
		assert.ok(Number.isInteger(id) && id > 0, `id ${id}`);
		assert.ok(!ids.has(id), `id ${id} twice`);
		ids.add(id);
	};
	let leaves = 0;
	for (const d of o.taxonomy) {
		seen(d.id);
		assert.equal(typeof d.name, 'string');
		assert.ok(Array.isArray(d.groups), `groups of ${d.name}`);
		for (const g of d.groups) {
			seen(g.id);
			assert.equal(typeof g.name, 'string');
			assert.ok(Array.isArray(g.specialties) && Array.isArray(g.directions), `specialties/directions of ${g.name}`);
			for (const leaf of [...g.specialties, ...g.directions]) {
				seen(leaf.id);
				assert.equal(typeof leaf.name, 'string');
				assert.ok(leaf.name.length > 0);
				leaves++;
			}
		}
	}
	assert.ok(leaves >= 2, 'some leaves to choose');
	assert.ok(o.taxonomy.some((d) => d.groups.some((g) => g.specialties.length)), 'some 擅长专业 leaves');
	assert.ok(o.taxonomy.some((d) => d.groups.some((g) => g.directions.length)), 'some 擅长方向 leaves');
});

// ---- GET /api/apply ---------------------------------------------------------------------------

test('GET /api/apply before any draft → {"application":null}; no version, no history', async () => {
	const { client } = await expertSession();
	const body = expectJson(await client.get('/api/apply'), 200);
	assert.deepEqual(body, { application: null });
	expectError(await client.get('/api/apply/versions/1'), 404, 'not_found');
});

// ---- POST /api/apply/draft: versions ---------------------------------------------------------

test('draft: version 0 creates the application; GET returns it whole with the ID number in full', async () => {
	const { client } = await expertSession();
	const data = await completeForm(client, { name: '王建华' });
	const res = await saveDraft(client, 0, data, 'records');
	const body = expectJson(res, 200);
	assert.deepEqual(Object.keys(body).sort(), ['missing', 'version']);
	assert.ok(Number.isInteger(body.version) && body.version > 0);
	assert.deepEqual(body.missing, { basic: {}, domains: {}, records: {} });
	const a = await getApplication(client);
	assert.deepEqual(Object.keys(a).sort(), APP_KEYS);
	assert.ok(Number.isInteger(a.id) && a.id > 0);
	assert.equal(a.status, 'draft');
	assert.equal(a.version, body.version);
	assert.equal(a.step, 'records');
	assert.deepEqual(a.data, data);
	assert.equal(a.data.id_number, data.id_number);
	assert.deepEqual(a.missing, { basic: {}, domains: {}, records: {} });
	assert.equal(a.submitted_version, 0);
	assert.equal(a.submitted_at, null);
	assert.equal(a.can_withdraw, false);
	assert.equal(a.rejection, null);
	assert.deepEqual(Object.keys(a.row).sort(), ROW_KEYS);
	assert.deepEqual(a.row, {
		name: '王建华', gender: data.gender, age: 45, employer: data.employer, school: '同济大学', major: '结构工程',
		applied_at: null, status: 'draft',
	});
});

test('draft: each save moves the version on; the step is kept', async () => {
	const { client } = await expertSession();
	const v1 = await saveDraftOk(client, 0, { name: '赵一' }, 'basic');
	const v2 = await saveDraftOk(client, v1, { name: '赵二' }, 'domains');
	assert.ok(v2 > v1);
	const a = await getApplication(client);
	assert.equal(a.version, v2);
	assert.equal(a.step, 'domains');
	assert.deepEqual(a.data, { name: '赵二' }, 'data replaces the saved form whole');
});

test('draft: version 0 when the application exists, or a stale version → 409 conflict, nothing changed', async () => {
	const { client } = await expertSession();
	const v1 = await saveDraftOk(client, 0, { name: '钱一' });
	const v2 = await saveDraftOk(client, v1, { name: '钱二', position: '工程师' }, 'domains');
	expectError(await saveDraft(client, 0, { name: '钱零' }), 409, 'conflict');
	expectError(await saveDraft(client, v1, { name: '钱旧' }), 409, 'conflict');
	expectError(await saveDraft(client, v2 + 1, { name: '钱新' }), 409, 'conflict');
	const a = await getApplication(client);
	assert.equal(a.version, v2);
	assert.equal(a.step, 'domains');
	assert.deepEqual(a.data, { name: '钱二', position: '工程师' });
});

test('draft: two tabs — the second save with the same version loses, the first one\'s data stays', async () => {
	const { client } = await expertSession();
	const v = await saveDraftOk(client, 0, { name: '孙一' });
	const tab2 = client.clone();
	const [r1, r2] = await Promise.all([saveDraft(client, v, { name: '孙甲' }), saveDraft(tab2, v, { name: '孙乙' })]);
	const ok = [r1, r2].filter((r) => r.status === 200);
	const lost = [r1, r2].filter((r) => r.status === 409);
	assert.equal(ok.length, 1, `one wins: ${r1.status} ${r2.status}`);
	assert.equal(lost.length, 1, `one loses: ${r1.status} ${r2.status}`);
	expectError(lost[0], 409, 'conflict');
	const a = await getApplication(client);
	assert.equal(a.version, ok[0].body.version);
	assert.equal(a.data.name, ok[0] === r1 ? '孙甲' : '孙乙');
});

test('draft: a body over 256 KiB → 413 too_large', async () => {
	const { client } = await expertSession();
	const res = await saveDraft(client, 0, { name: '周一', health: 'x'.repeat(260 * KiB) });
	expectError(res, 413, 'too_large');
	assert.equal(await getApplication(client), null);
});

// ---- `missing` --------------------------------------------------------------------------------

const REQUIRED = {
	basic: ['photo', 'name', 'gender', 'id_type', 'id_number', 'birth_date', 'id_front', 'employment', 'position', 'specialty', 'specialty_years', 'residence', 'region', 'remote', 'entry_type', 'education', 'work'],
	domains: ['specialties'],
	records: ['titles'],
};
const OPTIONAL = ['email', 'political_status', 'employer_code', 'honours', 'health', 'qualifications', 'achievements'];

test('missing: an empty draft lists every required field of each step (and nothing optional)', async () => {
	const { client } = await expertSession();
	const body = expectJson(await saveDraft(client, 0, {}), 200);
	assert.deepEqual(Object.keys(body.missing).sort(), ['basic', 'domains', 'records'], 'the city style\'s steps');
	for (const [step, fields] of Object.entries(REQUIRED)) {
		for (const f of fields) {
			assert.equal(typeof body.missing[step][f], 'string', `missing.${step}.${f}: ${JSON.stringify(body.missing)}`);
			assert.ok(body.missing[step][f].length > 0);
		}
	}
	// avoidance: neither 无回避单位 nor a unit
	assert.ok(typeof body.missing.basic.avoidance === 'string' || typeof body.missing.basic.avoidance_none === 'string', `avoidance in ${JSON.stringify(body.missing.basic)}`);
	for (const step of Object.values(body.missing)) for (const f of OPTIONAL) assert.equal(step[f], undefined, `optional ${f} is not missing`);
	// GET says the same
	assert.deepEqual((await getApplication(client)).missing, body.missing);
});

test('missing: follows what is filled in; employer and id_back once 在职 and 居民身份证 are chosen', async () => {
	const { client } = await expertSession();
	const full = await completeForm(client);
	const v1 = await saveDraftOk(client, 0, { name: full.name, id_type: '居民身份证', employment: '在职' });
	const a = await getApplication(client);
	assert.equal(a.missing.basic.name, undefined);
	assert.equal(a.missing.basic.id_type, undefined);
	assert.equal(typeof a.missing.basic.employer, 'string', `employer: ${JSON.stringify(a.missing.basic)}`);
	assert.equal(typeof a.missing.basic.id_back, 'string', `id_back: ${JSON.stringify(a.missing.basic)}`);
	assert.equal(typeof a.missing.domains.specialties, 'string');
	// everything but the titles
	const noTitles = { ...full, titles: [] };
	const body = expectJson(await saveDraft(client, v1, noTitles), 200);
	assert.deepEqual(body.missing.basic, {});
	assert.deepEqual(body.missing.domains, {});
	assert.deepEqual(Object.keys(body.missing.records), ['titles']);
	// a title without its scan
	const noScan = { ...full, titles: [{ ...full.titles[0], scan: null }] };
	const body2 = expectJson(await saveDraft(client, body.version, noScan), 200);
	assert.deepEqual(Object.keys(body2.missing.records), ['titles.0.scan']);
	// 退休: no employer needed
	const retired = { ...full, employment: '退休', employer: '' };
	const body3 = expectJson(await saveDraft(client, body2.version, retired), 200);
	assert.deepEqual(body3.missing, { basic: {}, domains: {}, records: {} });
});

test('missing: an incomplete entry of an optional list names its fields', async () => {
	const { client } = await expertSession();
	const full = await completeForm(client);
	const data = {
		...full,
		qualifications: [{ name: '一级注册结构工程师' }],
		achievements: [{ role: '项目负责人' }],
	};
	const body = expectJson(await saveDraft(client, 0, data), 200);
	for (const f of ['qualifications.0.number', 'qualifications.0.date', 'qualifications.0.scan', 'achievements.0.name', 'achievements.0.date']) {
		assert.equal(typeof body.missing.records[f], 'string', `missing.records.${f}: ${JSON.stringify(body.missing)}`);
	}
});

// ---- format errors (drafts are checked for type and format only) ---------------------------------

describe('draft format errors → 422 invalid by path, nothing saved', () => {
	let s; // { client, data, version }
	let foreignPhoto;
	let foreignScan;
	let ownScan;
	let leaves;
	let inner;
	before(async () => {
		resetIpLimits();
		s = await expertWithDraft();
		const other = await expertSession();
		foreignPhoto = (await uploadFile(other.client, 'photo', png())).id;
		foreignScan = (await uploadFile(other.client, 'scan', pdf())).id;
		ownScan = (await uploadFile(s.client, 'scan', png())).id;
		({ leaves, inner } = taxonomyLeaves(await applyOptions(s.client)));
	});

	const future = () => chinaDate(400);
	const nextYearMonth = () => `${chinaToday().y + 1}-01`;
	const bad21 = (item) => Array.from({ length: 21 }, () => ({ ...item }));
	/** The same code with another check character. */
	const spoilt = (code) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
	const badId = () => {
		const id = mainlandId();
		const last = id.number[17] === '1' ? '2' : '1';
		return id.number.slice(0, 17) + last;
	};
	/** [what, path, change(data) → data] */
	const cases = [
		['a date that does not exist', 'birth_date', (d) => ({ ...d, birth_date: '1981-02-30' })],
		['a date in another format', 'birth_date', (d) => ({ ...d, birth_date: '1981/02/03' })],
		['a date in the future', 'birth_date', (d) => ({ ...d, birth_date: future() })],
		['a title date in the future', 'titles.0.date', (d) => ({ ...d, titles: [{ ...d.titles[0], date: future() }] })],
		['a title date that is not a date', 'titles.0.date', (d) => ({ ...d, titles: [{ ...d.titles[0], date: '2010-12' }] })],
		['month 13', 'education.0.from', (d) => ({ ...d, education: [{ ...d.education[0], from: '1998-13' }] })],
		['month 00', 'work.1.from', (d) => ({ ...d, work: [d.work[0], { ...d.work[1], from: '2009-00' }] })],
		['a month with a day', 'education.0.to', (d) => ({ ...d, education: [{ ...d.education[0], to: '2001-07-01' }] })],
		['a month in the future', 'work.0.to', (d) => ({ ...d, work: [{ ...d.work[0], to: nextYearMonth() }, d.work[1]] })],
		['a gender not in the list', 'gender', (d) => ({ ...d, gender: '男性' })],
		['an ID type not in the list', 'id_type', (d) => ({ ...d, id_type: '军官证' })],
		['a degree not in the list', 'education.0.degree', (d) => ({ ...d, education: [{ ...d.education[0], degree: '博士后' }] })],
		['a title level not in the list', 'titles.0.level', (d) => ({ ...d, titles: [{ ...d.titles[0], level: '高级' }] })],
		['a region not in the list', 'region', (d) => ({ ...d, region: '外地' })],
		['a political status not in the list', 'political_status', (d) => ({ ...d, political_status: '无' })],
		['an employment state not in the list', 'employment', (d) => ({ ...d, employment: '兼职' })],
		['an entry type not in the list', 'entry_type', (d) => ({ ...d, entry_type: '调入' })],
		['an honour not in the list', 'honours', (d) => ({ ...d, honours: ['其他', '诺贝尔奖'] })],
		['honours not an array', 'honours', (d) => ({ ...d, honours: '其他' })],
		['non-integer years', 'specialty_years', (d) => ({ ...d, specialty_years: 3.5 })],
		['years as a string', 'specialty_years', (d) => ({ ...d, specialty_years: '20' })],
		['negative years', 'specialty_years', (d) => ({ ...d, specialty_years: -1 })],
		['years over 70', 'specialty_years', (d) => ({ ...d, specialty_years: 71 })],
		['21 education entries', 'education', (d) => ({ ...d, education: bad21(d.education[0]) })],
		['21 work entries', 'work', (d) => ({ ...d, work: bad21(d.work[0]) })],
		['21 titles', 'titles', (d) => ({ ...d, titles: bad21(d.titles[0]) })],
		['21 avoidance units', 'avoidance', (d) => ({ ...d, avoidance_none: false, avoidance: bad21({ unit: '某公司', reason: '曾任职' }) })],
		['a list that is not a list', 'education', (d) => ({ ...d, education: { school: '同济大学' } })],
		['a list entry that is not an object', 'work.0|work', (d) => ({ ...d, work: ['某公司'] })],
		['a bad credit code (check character)', 'employer_code', (d) => ({ ...d, employer_code: spoilt(d.employer_code) })],
		['a credit code of 17 characters', 'employer_code', (d) => ({ ...d, employer_code: d.employer_code.slice(0, 17) })],
		['a credit code with I/O/Z/S/V', 'employer_code', (d) => ({ ...d, employer_code: 'IOZSV' + d.employer_code.slice(5) })],
		['a bad credit code of an avoidance unit', 'avoidance.0.code', (d) => ({ ...d, avoidance_none: false, avoidance: [{ unit: '某公司', code: spoilt(creditCode()), reason: '曾任职' }] })],
		['居民身份证: a wrong check character', 'id_number', (d) => ({ ...d, id_number: badId() })],
		['居民身份证: 17 digits', 'id_number', (d) => ({ ...d, id_number: d.id_number.slice(0, 17) })],
		['居民身份证: 19 characters', 'id_number', (d) => ({ ...d, id_number: d.id_number + '1' })],
		['居民身份证: a birth date that does not exist', 'id_number', (d) => {
			const body = '11010519810230' + '123';
			return { ...d, id_number: body + 'X' };
		}],
		['居民身份证: a letter inside', 'id_number', (d) => ({ ...d, id_number: 'A' + d.id_number.slice(1) })],
		['护照: a hyphen', 'id_number', (d) => ({ ...d, id_type: '护照', id_number: 'E-1234567' })],
		['护照: 4 characters', 'id_number', (d) => ({ ...d, id_type: '护照', id_number: 'E123' })],
		['护照: 31 characters', 'id_number', (d) => ({ ...d, id_type: '护照', id_number: 'E' + '1'.repeat(30) })],
		['护照: a space', 'id_number', (d) => ({ ...d, id_type: '护照', id_number: 'E 1234567' })],
		['remote as a string', 'remote', (d) => ({ ...d, remote: 'true' })],
		['remote as a number', 'remote', (d) => ({ ...d, remote: 1 })],
		['avoidance_none as a string', 'avoidance_none', (d) => ({ ...d, avoidance_none: 'yes' })],
		['a duplicated taxonomy id', 'specialties', (d) => ({ ...d, specialties: [leaves[0].id, leaves[1].id, leaves[0].id] })],
		['a taxonomy id as a string', 'specialties', (d) => ({ ...d, specialties: [String(leaves[0].id)] })],
		['another expert\'s photo', 'photo', (d) => ({ ...d, photo: foreignPhoto })],
		['another expert\'s scan as a title scan', 'titles.0.scan', (d) => ({ ...d, titles: [{ ...d.titles[0], scan: foreignScan }] })],
		['another expert\'s scan as the ID front', 'id_front', (d) => ({ ...d, id_front: foreignScan })],
		['a scan used as the photo (kind photo only)', 'photo', (d) => ({ ...d, photo: ownScan })],
		['a photo used as the ID back (kind scan only)', 'id_back', (d) => ({ ...d, id_back: d.photo })],
		['a file id that does not exist', 'id_front', (d) => ({ ...d, id_front: 999999999 })],
		['a file id as a string', 'photo', (d) => ({ ...d, photo: String(d.photo) })],
		['an e-mail address without @', 'email', (d) => ({ ...d, email: 'zhang.example.com' })],
		['a name of 31 characters', 'name', (d) => ({ ...d, name: '张'.repeat(31) })],
		['a name that is a number', 'name', (d) => ({ ...d, name: 42 })],
		['a position of 51 characters', 'position', (d) => ({ ...d, position: 'x'.repeat(51) })],
		['an employer of 101 characters', 'employer', (d) => ({ ...d, employer: '某'.repeat(101) })],
		['a description of 1001 characters', 'achievements.0.description', (d) => ({ ...d, achievements: [{ name: '某大桥', date: '2015-06-01', description: '述'.repeat(1001) }] })],
		['another expert\'s file as an achievement attachment', 'achievements.0.attachment', (d) => ({ ...d, achievements: [{ name: '某大桥', date: '2015-06-01', attachment: foreignScan }] })],
		// keys the form does not define: a user's "resolved" would pass for the server's in the
		// submitted snapshot (the phone and age reviewers see)
		['a key the form does not define: resolved', 'resolved', (d) => ({ ...d, resolved: { phone: '+8613800000000', age: 30, specialties: [] } })],
		['a key the form does not define, even null', 'note', (d) => ({ ...d, note: null })],
		['a key the form does not define in a list row', 'education.0.note', (d) => ({ ...d, education: [{ ...d.education[0], note: '备注' }] })],
		['a form key inside a list row', 'titles.0.photo', (d) => ({ ...d, titles: [{ ...d.titles[0], photo: d.photo }] })],
		['the declaration, which belongs to the submission', 'declaration', (d) => ({ ...d, declaration: true })],
	];

	for (const [what, path, change] of cases) {
		test(`${what} → 422 ${path}`, async () => {
			const before = await getApplication(s.client);
			const res = await saveDraft(s.client, before.version, change(structuredClone(s.data)));
			expectInvalidOneOf(res, path.split('|'));
			const after = await getApplication(s.client);
			assert.equal(after.version, before.version, 'nothing saved');
			assert.deepEqual(after.data, before.data, 'nothing saved');
		});
	}

	test('several errors at once are all reported', async () => {
		const d = structuredClone(s.data);
		d.gender = 'x';
		d.education[0].from = '1998-13';
		d.titles[0].level = 'x';
		d.specialties = ['x'];
		expectError(await saveDraft(s.client, s.version, d), 422, 'invalid', ['gender', 'education.0.from', 'titles.0.level', 'specialties']);
	});

	test('a taxonomy id that is no leaf (unknown, a domain, a group) is kept in a draft but refused at submission', async () => {
		// whether ids are leaves is asked of the database at submission and when the application
		// is read, not on every save (docs/API.md, draft)
		for (const bad of [99999999, inner[0], inner[1]]) {
			const v = await saveDraftOk(s.client, (await getApplication(s.client)).version,
				{ ...structuredClone(s.data), specialties: [leaves[0].id, bad] });
			const a = await getApplication(s.client);
			assert.equal(typeof a.missing.domains.specialties, 'string', `missing for ${bad}`);
			expectError(await s.client.post('/api/apply/submit', { version: v, declaration: true }), 422, 'invalid', ['specialties']);
			assert.equal((await getApplication(s.client)).status, 'draft');
		}
		await saveDraftOk(s.client, (await getApplication(s.client)).version, s.data);
	});

	test('the saved complete form itself is still valid (control)', async () => {
		const a = await getApplication(s.client);
		const v = await saveDraftOk(s.client, a.version, s.data);
		assert.equal(v > a.version, true);
	});
});

test('draft: a half-filled form with a passport number and no ID back is a valid draft', async () => {
	const { client } = await expertSession();
	const body = expectJson(await saveDraft(client, 0, { id_type: '护照', id_number: passportNumber(), employer_code: creditCode(), remote: false }), 200);
	assert.equal(body.missing.basic.id_type, undefined);
	assert.equal(body.missing.basic.id_number, undefined);
	assert.equal(body.missing.basic.remote, undefined, 'false is an answer');
	assert.equal(body.missing.basic.id_back, undefined, 'no ID back for a passport');
});

test('draft: the files of a form may be reused in a later save', async () => {
	const { client } = await expertSession();
	const data = await completeForm(client);
	const v = await saveDraftOk(client, 0, data);
	const again = await completeForm(client, { files: formFiles(data), name: '吴二' });
	await saveDraftOk(client, v, again);
	assert.equal((await getApplication(client)).data.photo, data.photo);
});
