// API tests of the apply program, part 2: POST /api/apply/submit — the declaration, the rules
// between fields (ID-derived birth date and gender, age limits, employer, avoidance, ID back), the
// snapshot it makes (GET /api/apply/versions/<no>), and one ID number per active application.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson, expectInvalidOneOf } from '../lib/expect.mjs';
import { expertSession } from '../lib/flows.mjs';
import { resetIpLimits } from '../lib/db.mjs';
import {
	applyOptions, taxonomyLeaves, completeForm, saveDraft, saveDraftOk, getApplication, submit,
	passportNumber, expertWithDraft, expertSubmitted,
} from '../lib/apply.mjs';

beforeEach(() => resetIpLimits());

/** Submits and expects 200; returns the application as GET shows it afterwards. */
async function submitOk(s) {
	const res = await submit(s.client, s.version);
	expectJson(res, 200);
	const a = await getApplication(s.client);
	assert.equal(a.status, 'submitted', JSON.stringify(a).slice(0, 300));
	return a;
}

/** Submits and expects 422 naming `fields` (each a name, or alternatives 'a|b'); the
 *  application stays a draft at the same version. */
async function submitRefused(s, fields) {
	const res = await submit(s.client, s.version);
	for (const f of fields) expectInvalidOneOf(res, f.split('|'));
	const a = await getApplication(s.client);
	assert.equal(a.status, 'draft');
	assert.equal(a.version, s.version);
	return res.body.error;
}

// ---- the declaration ---------------------------------------------------------------------------

test('submit without the declaration → 422 declaration; with declaration false → 422 declaration', async () => {
	const s = await expertWithDraft();
	const res = await s.client.post('/api/apply/submit', { version: s.version });
	const err = expectError(res, 422, 'invalid', ['declaration']);
	assert.deepEqual(Object.keys(err.fields), ['declaration'], 'only the declaration is missing');
	expectError(await submit(s.client, s.version, false), 422, 'invalid', ['declaration']);
	assert.equal((await getApplication(s.client)).status, 'draft');
	await submitOk(s);
});

test('submit an empty draft → 422 with every missing field by path, and the declaration', async () => {
	const { client } = await expertSession();
	const body = expectJson(await saveDraft(client, 0, {}), 200);
	const res = await client.post('/api/apply/submit', { version: body.version });
	const err = expectError(res, 422, 'invalid', ['declaration', 'photo', 'name', 'gender', 'id_type', 'id_number', 'birth_date', 'id_front', 'employment', 'position', 'specialty', 'specialty_years', 'residence', 'region', 'remote', 'entry_type', 'education', 'work', 'specialties', 'titles']);
	// every field `missing` named is in the refusal
	for (const step of Object.values(body.missing)) for (const f of Object.keys(step)) assert.equal(typeof err.fields[f], 'string', `fields.${f}`);
});

test('submit: no application yet, a stale version, or a version from the future → refused, nothing submitted', async () => {
	const { client } = await expertSession();
	const none = await submit(client, 0);
	assert.ok(none.status === 404 || none.status === 409, `no application: ${none.status} ${none.text}`);
	const s = await expertWithDraft({ session: { client } });
	expectError(await submit(client, s.version - 1), 409, 'conflict');
	expectError(await submit(client, s.version + 1), 409, 'conflict');
	const a = await getApplication(client);
	assert.equal(a.status, 'draft');
	assert.equal(a.version, s.version);
});

// ---- a complete submission -----------------------------------------------------------------------

test('submit a complete form → 200; submitted, version 1 holds the whole form, the ID number for its owner and the specialties\' paths', async () => {
	const { client } = await expertSession();
	const options = await applyOptions(client);
	const { leaves } = taxonomyLeaves(options);
	const chosen = [leaves[0], leaves[leaves.length - 1]];
	const data = await completeForm(client, { leaves: chosen.map((l) => l.id), name: '陈志远' });
	const version = await saveDraftOk(client, 0, data);
	const res = await submit(client, version);
	expectJson(res, 200);
	const a = await getApplication(client);
	assert.equal(a.status, 'submitted');
	assert.ok(a.version > version, 'the version moved on');
	assert.equal(a.submitted_version, 1);
	assert.match(a.submitted_at || '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
	assert.equal(a.can_withdraw, true);
	assert.equal(a.rejection, null);
	assert.deepEqual(a.data, data, 'the form is unchanged');
	assert.equal(a.row.status, 'submitted');
	assert.equal(a.row.applied_at, a.submitted_at);
	assert.equal(a.row.name, '陈志远');

	const vres = await client.get('/api/apply/versions/1');
	const vb = expectJson(vres, 200);
	assert.deepEqual(Object.keys(vb), ['version']);
	const v = vb.version;
	assert.deepEqual(Object.keys(v).sort(), ['data', 'no', 'submitted_at']);
	assert.equal(v.no, 1);
	assert.equal(v.submitted_at, a.submitted_at);
	assert.equal(v.data.id_number, data.id_number, 'the ID number, for its owner');
	for (const [k, val] of Object.entries(data)) assert.deepEqual(v.data[k], val, `version 1 data.${k}`);
	// what the chosen leaves resolved to when submitted
	const resolved = v.data.resolved?.specialties;
	assert.ok(Array.isArray(resolved) && resolved.length === 2, `resolved.specialties: ${JSON.stringify(v.data.resolved)}`);
	for (const [i, leaf] of chosen.entries()) {
		assert.equal(resolved[i].id, leaf.id);
		assert.equal(typeof resolved[i].path, 'string');
		for (const part of [leaf.domain, leaf.group, leaf.name]) assert.ok(resolved[i].path.includes(part), `"${resolved[i].path}" names ${part}`);
	}
	expectError(await client.get('/api/apply/versions/2'), 404, 'not_found');
});

test('submit twice → 409; drafts are refused once submitted', async () => {
	const s = await expertWithDraft();
	const a = await submitOk(s);
	expectError(await submit(s.client, a.version), 409, 'conflict');
	expectError(await submit(s.client, s.version), 409, 'conflict');
	expectError(await saveDraft(s.client, a.version, { ...s.data, name: '改名' }), 409, 'conflict');
	const b = await getApplication(s.client);
	assert.equal(b.status, 'submitted');
	assert.equal(b.version, a.version);
	assert.equal(b.data.name, s.data.name);
	assert.equal(b.submitted_version, 1);
});

// ---- rules from the ID number -----------------------------------------------------------------

test('submit: a birth date that does not match the ID number → 422 birth_date', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			const [y, m, day] = d.birth_date.split('-').map(Number);
			d.birth_date = `${y}-${String(m).padStart(2, '0')}-${String(day === 1 ? 2 : day - 1).padStart(2, '0')}`;
		},
	});
	await submitRefused(s, ['birth_date']);
});

test('submit: a gender that does not match the ID number → 422 gender (both ways)', async () => {
	const man = await expertWithDraft({ gender: '男', edit: (d) => (d.gender = '女') });
	await submitRefused(man, ['gender']);
	const woman = await expertWithDraft({ gender: '女', edit: (d) => (d.gender = '男') });
	await submitRefused(woman, ['gender']);
	// and matching, a woman's ID passes
	const ok = await expertWithDraft({ gender: '女' });
	await submitOk(ok);
});

test('submit: age 66 without a 正高级 title → 422 birth_date', async () => {
	const s = await expertWithDraft({ age: 66, level: '副高级' });
	await submitRefused(s, ['birth_date']);
});

test('submit: age 66 with a 正高级 title passes (senior limit 70)', async () => {
	const s = await expertWithDraft({ age: 66, level: '正高级' });
	const a = await submitOk(s);
	assert.equal(a.row.age, 66);
});

test('submit: age 65 passes (the limit is inclusive)', async () => {
	const s = await expertWithDraft({ age: 65 });
	await submitOk(s);
});

test('submit: age 71 even with a 正高级 title → 422 birth_date', async () => {
	const s = await expertWithDraft({ age: 71, level: '正高级' });
	await submitRefused(s, ['birth_date']);
});

test('submit: a 正高级 title among others counts', async () => {
	const s = await expertWithDraft({
		age: 68,
		edit: (d) => d.titles.push({ ...d.titles[0], name: '正高级工程师', level: '正高级', date: '2018-12-01' }),
	});
	await submitOk(s);
});

// ---- employer, avoidance, ID back ----------------------------------------------------------

test('submit: 在职 without an employer → 422 employer', async () => {
	const s = await expertWithDraft({ edit: (d) => (d.employer = '') });
	await submitRefused(s, ['employer']);
	const t = await expertWithDraft({ edit: (d) => delete d.employer });
	await submitRefused(t, ['employer']);
});

test('submit: 退休 without an employer passes', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			d.employment = '退休';
			delete d.employer;
			delete d.employer_code;
		},
	});
	await submitOk(s);
});

test('submit: neither 无回避单位 nor a unit → refused on avoidance', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			d.avoidance_none = false;
			d.avoidance = [];
		},
	});
	await submitRefused(s, ['avoidance|avoidance_none']);
	const t = await expertWithDraft({
		edit: (d) => {
			delete d.avoidance_none;
			delete d.avoidance;
		},
	});
	await submitRefused(t, ['avoidance|avoidance_none']);
});

test('submit: an avoidance unit (with or without its credit code) instead of 无回避单位 passes', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			delete d.avoidance_none;
			d.avoidance = [{ unit: '某某建设集团有限公司', reason: '近三年曾在该单位任职' }];
		},
	});
	await submitOk(s);
	const t = await expertWithDraft({
		edit: (d) => {
			d.avoidance_none = false;
			d.avoidance = [{ unit: '某某建设集团有限公司', code: d.employer_code, reason: '配偶在该单位任职' }];
		},
	});
	await submitOk(t);
});

test('submit: an avoidance unit without its name or reason → refused on that entry', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			d.avoidance_none = false;
			d.avoidance = [{ unit: '', reason: '近三年曾在该单位任职' }];
		},
	});
	await submitRefused(s, ['avoidance.0.unit']);
});

test('submit: 居民身份证 without the ID back → 422 id_back', async () => {
	const s = await expertWithDraft({ edit: (d) => delete d.id_back });
	await submitRefused(s, ['id_back']);
});

test('submit: 护照 without an ID back passes (no ID-derived checks)', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			d.id_type = '护照';
			d.id_number = passportNumber();
			delete d.id_back;
			d.birth_date = '1979-03-15';
			d.gender = '女';
		},
	});
	await submitOk(s);
	const v = expectJson(await s.client.get('/api/apply/versions/1'), 200).version;
	assert.equal(v.data.id_type, '护照');
	assert.equal(v.data.id_number, s.data.id_number);
});

test('submit: an entry of an optional list that is incomplete → refused on its fields', async () => {
	const s = await expertWithDraft({ edit: (d) => (d.qualifications = [{ name: '一级注册结构工程师', number: 'S123456', date: '2012-05-01' }]) });
	await submitRefused(s, ['qualifications.0.scan']);
});

test('submit: a title without its scan → 422 titles.0.scan', async () => {
	const s = await expertWithDraft({ edit: (d) => delete d.titles[0].scan });
	await submitRefused(s, ['titles.0.scan']);
});

test('submit: a form complete but for several fields of several steps → each one by path', async () => {
	const s = await expertWithDraft({
		edit: (d) => {
			delete d.photo;
			d.specialties = [];
			d.titles = [];
			d.education[0].school = '';
		},
	});
	const err = await submitRefused(s, ['photo', 'specialties', 'titles', 'education.0.school']);
	assert.equal(err.fields.name, undefined, 'nothing filled in is named');
});

// ---- one ID number, one active application -----------------------------------------------------

test('the same ID number in a second expert\'s application: the draft is allowed, submission → 409 on id_number', async () => {
	const first = await expertSubmitted();
	const id = { number: first.data.id_number, birth_date: first.data.birth_date, gender: first.data.gender };
	const second = await expertWithDraft({ id });
	const res = await submit(second.client, second.version);
	expectError(res, 409, 'conflict', ['id_number']);
	const a = await getApplication(second.client);
	assert.equal(a.status, 'draft');
	assert.equal(a.submitted_version, 0);
	expectError(await second.client.get('/api/apply/versions/1'), 404, 'not_found');
	// the ID number typed in lower case (a trailing x) is the same number
	if (id.number.endsWith('X')) {
		const lower = await expertWithDraft({ id: { ...id, number: id.number.slice(0, 17) + 'x' } });
		expectError(await submit(lower.client, lower.version), 409, 'conflict', ['id_number']);
	}
	// once the first withdraws (back to a draft), the second may submit
	expectJson(await first.client.post('/api/withdraw/', { version: first.version, confirm: true }), 200);
	expectJson(await submit(second.client, a.version), 200);
	// and now the first cannot
	const back = await getApplication(first.client);
	expectError(await submit(first.client, back.version), 409, 'conflict', ['id_number']);
});

test('a passport number in a second expert\'s application → submission 409 on id_number', async () => {
	const number = passportNumber();
	const asPassport = (d) => {
		d.id_type = '护照';
		d.id_number = number;
		delete d.id_back;
	};
	await expertSubmitted({ edit: asPassport });
	const second = await expertWithDraft({ edit: asPassport });
	expectError(await submit(second.client, second.version), 409, 'conflict', ['id_number']);
});

test('a period that ends before it starts is refused on its path (at the draft or at submission)', async () => {
	for (const [list, change] of [
		['education', (d) => (d.education[0] = { ...d.education[0], from: '2001-07', to: '1998-09' })],
		['work', (d) => (d.work[0] = { ...d.work[0], from: '2008-12', to: '2001-08' })],
	]) {
		const { client } = await expertSession();
		const data = await completeForm(client);
		change(data);
		const res = await saveDraft(client, 0, data);
		if (res.status === 422) {
			expectInvalidOneOf(res, [`${list}.0.to`, `${list}.0.from`]);
			continue;
		}
		const version = expectJson(res, 200).version;
		await submitRefused({ client, version }, [`${list}.0.to|${list}.0.from`]);
	}
});
