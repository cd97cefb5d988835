// ID numbers (证件号码) by document type (证件类型): each type's own format, a 居民身份证 number
// refused under another type (naming the type to choose), and one number one person whatever the
// type it was entered under — at submission, against an expert already in the pool, and after
// `expertpool-admin rehash-ids` has brought hashes stored by the old rule up to date.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { expectError, expectJson } from '../lib/expect.mjs';
import { idHash, resetIpLimits, setIdHash } from '../lib/db.mjs';
import { expertSession } from '../lib/flows.mjs';
import {
	currentVersion, expertSubmitted, expertWithDraft, getApplication, idCheck, mainlandId,
	saveDraft, submit,
} from '../lib/apply.mjs';
import { adminTool, applicationOf, approvedExpert, poolMove, staffSession } from '../lib/staff.mjs';

beforeEach(() => resetIpLimits());

const digits = (n) => Array.from({ length: n }, () => crypto.randomInt(0, 10)).join('');

/** A 港澳居民来往内地通行证 number nobody else uses: H + 8 digits (also a valid passport number). */
const hkmoNumber = () => 'H' + digits(8);

/** A 港澳台居民居住证 number (GB 11643, region 810000) for the birth date and gender of `id`. */
function residencePermit(id) {
	let seq = crypto.randomInt(0, 1000);
	if ((seq % 2 === 1) !== (id.gender === '男')) seq = (seq + 1) % 1000;
	const body = '810000' + id.birth_date.replace(/-/g, '') + String(seq).padStart(3, '0');
	return body + idCheck(body);
}

/** An edit for completeForm: the document type and its number (no back side needed). */
const as = (type, number) => (d) => {
	d.id_type = type;
	d.id_number = number;
	delete d.id_back;
};

test('a 居民身份证 number under 护照 (or any other type) → 422 on id_number, naming 居民身份证; nothing saved', async () => {
	const s = await expertWithDraft();
	const before = await getApplication(s.client);
	const number = mainlandId().number;
	for (const type of ['护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '港澳台居民居住证']) {
		for (const n of [number, number.toLowerCase()]) {
			const err = expectError(await saveDraft(s.client, before.version, { ...s.data, id_type: type, id_number: n }), 422, 'invalid', ['id_number']);
			assert.equal(err.fields.id_number, '该号码是居民身份证号码，请将证件类型选为“居民身份证”', `${type}: ${JSON.stringify(err)}`);
		}
	}
	// a 港澳台居民居住证 number under 居民身份证 or 护照 names its own type
	const permit = residencePermit({ birth_date: s.data.birth_date, gender: s.data.gender });
	for (const type of ['居民身份证', '护照']) {
		const err = expectError(await saveDraft(s.client, before.version, { ...s.data, id_type: type, id_number: permit }), 422, 'invalid', ['id_number']);
		assert.equal(err.fields.id_number, '该号码是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”');
	}
	const after = await getApplication(s.client);
	assert.equal(after.version, before.version, 'nothing saved');
	assert.equal(after.data.id_type, '居民身份证');
	assert.equal(after.data.id_number, s.data.id_number);
});

test('each type\'s own format: its numbers are saved, other shapes → 422 on id_number', async () => {
	const { client } = await expertSession();
	const birth = { birth_date: '1980-05-17', gender: '女' };
	const foreign18 = '911840' + '19800517' + digits(3);
	const permit = residencePermit(birth);
	const spoilt = (n) => n.slice(0, -1) + (n.endsWith('0') ? '1' : '0');
	const cases = [
		['港澳居民来往内地通行证', [hkmoNumber(), 'M' + digits(8), 'h' + digits(8), 'H' + digits(10)],
			['H' + digits(7), 'H' + digits(9), 'X' + digits(8), 'HM' + digits(7), digits(9)]],
		['台湾居民来往大陆通行证', [digits(8), digits(10), 'A' + digits(9)],
			[digits(7), digits(9), digits(8) + 'A', 'T' + digits(7)]],
		['港澳台居民居住证', [permit, '820000' + '19800517' + '002' + idCheck('82000019800517002')],
			[permit.slice(0, 17), '811000' + '19800517' + '001' + idCheck('81100019800517001'), spoilt(permit)]],
		['护照', ['E' + digits(8), 'EA' + digits(7), 'G' + digits(8), 'X1234', 'P' + digits(19)],
			['E123', 'P' + digits(20), 'E-12345678', 'E 12345678', '护照12345']],
		['外国人永久居留身份证', ['USA' + digits(12), foreign18 + idCheck(foreign18)],
			['US' + digits(13), 'USA' + digits(11), '0' + foreign18.slice(1) + idCheck('0' + foreign18.slice(1)),
				spoilt(foreign18 + idCheck(foreign18))]],
	];
	let version = 0;
	for (const [type, good, bad] of cases) {
		for (const n of good) {
			const res = await saveDraft(client, version, { ...birth, id_type: type, id_number: n });
			version = expectJson(res, 200).version;
		}
		for (const n of bad) {
			const res = await saveDraft(client, version, { ...birth, id_type: type, id_number: n });
			const err = expectError(res, 422, 'invalid', ['id_number']);
			assert.ok(/证件号码|号码/.test(err.fields.id_number), `${type} ${n}: ${err.fields.id_number}`);
		}
	}
	assert.equal(await currentVersion(client), version);
});

test('one number under two types: the second submission → 409 on id_number (in either case), whatever the type', async () => {
	const number = hkmoNumber();
	await expertSubmitted({ edit: as('护照', number) });
	for (const [type, n] of [['港澳居民来往内地通行证', number], ['护照', number.toLowerCase()], ['港澳居民来往内地通行证', number.toLowerCase()]]) {
		const second = await expertWithDraft({ edit: as(type, n) });
		const err = expectError(await submit(second.client, second.version), 409, 'conflict', ['id_number']);
		assert.match(err.fields.id_number, /已有入库申请/);
		assert.equal((await getApplication(second.client)).status, 'draft', `${type} ${n}: still a draft`);
	}
	// the same for a 台湾居民来往大陆通行证 number that is also a passport number
	const tw = digits(8);
	await expertSubmitted({ edit: as('台湾居民来往大陆通行证', tw) });
	const again = await expertWithDraft({ edit: as('护照', tw) });
	expectError(await submit(again.client, again.version), 409, 'conflict', ['id_number']);
});

test('an expert in the pool keeps the number: a second application under another type is refused', async () => {
	const number = hkmoNumber();
	const x = await approvedExpert({ edit: as('港澳居民来往内地通行证', number) });
	assert.equal(x.expert.status, 'active');
	const second = await expertWithDraft({ edit: as('护照', number) });
	expectError(await submit(second.client, second.version), 409, 'conflict', ['id_number']);
	// nor once the expert is removed: the application stays approved
	const mgr = (await staffSession(['manager'])).client;
	await poolMove(mgr, x.expertId, 'remove', '测试出库');
	expectError(await submit(second.client, second.version), 409, 'conflict', ['id_number']);
	assert.equal((await getApplication(second.client)).status, 'draft');
});

test('expertpool-admin rehash-ids: hashes stored by the old rule recomputed; a number held twice reported (exit 3); idempotent', async () => {
	const number = hkmoNumber();
	const first = await expertSubmitted({ edit: as('护照', number) });
	const a = await applicationOf(first.client);
	const current = idHash(a.id);
	assert.match(current, /^[0-9A-F]{64}$/);
	// a hash the old rule left (it covered the type as well): the number is not recognised …
	setIdHash(a.id, crypto.randomBytes(32).toString('hex'));
	// … so the same number under another type gets in a second time, as it did before the fix
	const second = await expertSubmitted({ edit: as('港澳居民来往内地通行证', number) });
	const b = await applicationOf(second.client);
	let r = adminTool('rehash-ids');
	assert.equal(r.status, 3, `exit ${r.status}\n${r.stdout}${r.stderr}`);
	assert.match(r.stderr, new RegExp(`applications ${b.id} and ${a.id} hold the same ID number`));
	assert.match(r.stdout, /rehash-ids: 0 recomputed, \d+ already current, 1 clashes, 0 unreadable/);
	assert.notEqual(idHash(a.id), current, 'the one that clashes keeps the hash it had');
	// resolved (the second withdraws): the next run brings the first up to date
	expectJson(await second.client.post('/api/withdraw/', { version: second.version, confirm: true }), 200);
	r = adminTool('rehash-ids');
	assert.equal(r.status, 0, `exit ${r.status}\n${r.stdout}${r.stderr}`);
	assert.match(r.stdout, /rehash-ids: 1 recomputed, \d+ already current, 0 clashes, 0 unreadable/);
	assert.equal(idHash(a.id), current);
	// again: nothing to do
	r = adminTool('rehash-ids');
	assert.equal(r.status, 0, `exit ${r.status}\n${r.stdout}${r.stderr}`);
	assert.match(r.stdout, /rehash-ids: 0 recomputed, /);
	// and the number is taken again
	const back = await getApplication(second.client);
	expectError(await submit(second.client, back.version), 409, 'conflict', ['id_number']);
});
