// Concurrent decisions on one application: a reviewer's approval racing the expert's withdrawal,
// and two reviewers deciding at once (approve vs approve, approve vs reject). Each round exactly
// one request wins (200) and the other gets 409; afterwards every application's history is one
// unbroken chain without double transitions, and the database holds exactly one expert row, one
// certificate, one approval audit record and one approval SMS per approved application.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, expectJson } from '../lib/expect.mjs';
import { resetIpLimits, sql } from '../lib/db.mjs';
import { expertSubmitted, getApplication } from '../lib/apply.mjs';
import { anyId, applicationOf, inBatches, reviewCase, staffSession } from '../lib/staff.mjs';

const ROUNDS = 50;
const BATCH = 20;

let r1, r2;

/** `n` experts with a submitted application each, made BATCH at a time. */
function submittedApplications(n) {
	return inBatches(n, BATCH, async () => {
		const s = await expertSubmitted({ id: anyId() });
		return { ...s, app: await applicationOf(s.client) };
	});
}

before(async () => {
	resetIpLimits();
	[r1, r2] = await Promise.all([
		staffSession(['reviewer'], { department: '竞争一处', name: '竞争审核一' }),
		staffSession(['reviewer'], { department: '竞争二处', name: '竞争审核二' }),
	]);
});

/** One of the pair is 200 and the other 409 conflict; returns the index of the winner. */
function oneWinner(pair, what) {
	const statuses = pair.map((r) => r.status);
	assert.deepEqual([...statuses].sort(), [200, 409], `${what}: ${pair.map((r) => `${r.status} ${r.text.slice(0, 200)}`).join(' | ')}`);
	const loser = pair.find((r) => r.status === 409);
	expectError(loser, 409, 'conflict');
	return statuses.indexOf(200);
}

const chain = (events) => events.map((e) => `${e.from}→${e.to}`);

/** The history is one chain: each event starts where the previous one ended. */
function assertChain(events, what) {
	for (let i = 1; i < events.length; i++) {
		assert.equal(events[i].from, events[i - 1].to, `${what}: broken history ${JSON.stringify(chain(events))}`);
	}
}

/** What the database holds per application: expert rows, certificates, approval audit records. */
function storedPerApplication(appIds) {
	const list = appIds.join(',');
	const count = (q) => new Map(sql(q).map(([id, n]) => [Number(id), Number(n)]));
	return {
		experts: count(`SELECT application_id, COUNT(*) FROM experts WHERE application_id IN (${list}) GROUP BY application_id;`),
		certs: count(`SELECT e.application_id, COUNT(*) FROM certificates c JOIN experts e ON e.id = c.expert_id WHERE e.application_id IN (${list}) GROUP BY e.application_id;`),
		audits: count(`SELECT object_id, COUNT(*) FROM audit_log WHERE action = 'application.approve' AND object_type = 'application' AND object_id IN (${list}) GROUP BY object_id;`),
		rejects: count(`SELECT object_id, COUNT(*) FROM audit_log WHERE action = 'application.reject' AND object_type = 'application' AND object_id IN (${list}) GROUP BY object_id;`),
	};
}

function assertNumbersUnique() {
	assert.deepEqual(sql('SELECT cert_no FROM certificates GROUP BY cert_no HAVING COUNT(*) > 1;'), [], 'certificate numbers are unique');
	assert.deepEqual(sql('SELECT expert_no FROM experts GROUP BY expert_no HAVING COUNT(*) > 1;'), [], 'expert numbers are unique');
	assert.deepEqual(sql('SELECT application_id FROM experts GROUP BY application_id HAVING COUNT(*) > 1;'), [], 'one expert per application');
}

test(`races: ${ROUNDS} rounds of a reviewer approving while the expert withdraws — exactly one wins each time`, async (t) => {
	const apps = await submittedApplications(ROUNDS);
	const won = { approve: [], withdraw: [] };
	for (const s of apps) {
		const pair = await Promise.all([
			r1.client.post(`/api/review/${s.app.id}/approve`, { version: s.app.version }),
			s.client.post('/api/withdraw/', { version: s.app.version, confirm: true }),
		]);
		const w = oneWinner(pair, `application ${s.app.id}`);
		if (w === 0) {
			assert.equal(pair[0].body.status, 'approved');
			assert.match(pair[0].body.expert.expert_no, /^ZJ/);
			won.approve.push(s);
		} else {
			assert.equal(pair[1].body.status, 'draft');
			won.withdraw.push(s);
		}
	}
	t.diagnostic(`approval won ${won.approve.length}, withdrawal won ${won.withdraw.length}`);
	const stored = storedPerApplication(apps.map((s) => s.app.id));
	for (const s of apps) {
		const approved = won.approve.includes(s);
		const a = await reviewCase(r1.client, s.app.id);
		assertChain(a.events, `application ${s.app.id}`);
		assert.deepEqual(chain(a.events), approved
			? ['draft→submitted', 'submitted→reviewing', 'reviewing→approved']
			: ['draft→submitted', 'submitted→draft'], `application ${s.app.id}`);
		assert.equal(a.status, approved ? 'approved' : 'draft');
		assert.equal((await getApplication(s.client)).status, approved ? 'approved' : 'draft');
		const expert = expectJson(await s.client.get('/api/expert'), 200).expert;
		assert.equal(expert !== null, approved, `GET /api/expert of application ${s.app.id}`);
		assert.equal(stored.experts.get(s.app.id) ?? 0, approved ? 1 : 0, `expert rows of application ${s.app.id}`);
		assert.equal(stored.certs.get(s.app.id) ?? 0, approved ? 1 : 0, `certificates of application ${s.app.id}`);
		assert.equal(stored.audits.get(s.app.id) ?? 0, approved ? 1 : 0, `approval audit records of application ${s.app.id}`);
	}
	// one approval SMS per approved expert, none to the others
	const phones = apps.map((s) => `'${s.user.phone}'`).join(',');
	const sms = new Map(sql(`SELECT phone, COUNT(*) FROM sms_outbox WHERE phone IN (${phones}) AND body LIKE '%审核通过%' GROUP BY phone;`).map(([p, n]) => [p, Number(n)]));
	for (const s of apps) assert.equal(sms.get(s.user.phone) ?? 0, won.approve.includes(s) ? 1 : 0, `approval SMS to ${s.user.phone}`);
	assertNumbersUnique();
});

test(`races: ${ROUNDS} rounds of two reviewers deciding at once (approve vs approve, approve vs reject) — exactly one wins each time`, async (t) => {
	const apps = await submittedApplications(ROUNDS);
	const outcome = new Map();
	for (const [i, s] of apps.entries()) {
		const rejecting = i % 2 === 1;
		const second = rejecting
			? r2.client.post(`/api/review/${s.app.id}/reject`, { version: s.app.version, reason: '并发不通过' })
			: r2.client.post(`/api/review/${s.app.id}/approve`, { version: s.app.version });
		const pair = await Promise.all([r1.client.post(`/api/review/${s.app.id}/approve`, { version: s.app.version }), second]);
		const w = oneWinner(pair, `application ${s.app.id} (${rejecting ? 'approve vs reject' : 'approve vs approve'})`);
		const result = w === 1 && rejecting ? 'rejected' : 'approved';
		assert.equal(pair[w].body.status, result);
		outcome.set(s.app.id, { result, by: w === 0 ? '竞争审核一' : '竞争审核二', department: w === 0 ? '竞争一处' : '竞争二处' });
	}
	const firstWon = [...outcome.values()].filter((o) => o.by === '竞争审核一').length;
	t.diagnostic(`the first reviewer won ${firstWon}, the second ${ROUNDS - firstWon}`);
	const stored = storedPerApplication(apps.map((s) => s.app.id));
	for (const s of apps) {
		const { result, by, department } = outcome.get(s.app.id);
		const approved = result === 'approved';
		const a = await reviewCase(r1.client, s.app.id);
		assertChain(a.events, `application ${s.app.id}`);
		assert.deepEqual(chain(a.events), ['draft→submitted', 'submitted→reviewing', `reviewing→${result}`], `application ${s.app.id}`);
		// the winner made both transitions (opening on the way, then the decision)
		assert.deepEqual(a.events.slice(1).map((e) => e.actor_name), [by, by], `application ${s.app.id}`);
		assert.equal(a.events[2].department, department);
		assert.equal(a.status, result);
		assert.equal(stored.experts.get(s.app.id) ?? 0, approved ? 1 : 0, `expert rows of application ${s.app.id}`);
		assert.equal(stored.certs.get(s.app.id) ?? 0, approved ? 1 : 0, `certificates of application ${s.app.id}`);
		assert.equal(stored.audits.get(s.app.id) ?? 0, approved ? 1 : 0, `approval audit records of application ${s.app.id}`);
		assert.equal(stored.rejects.get(s.app.id) ?? 0, approved ? 0 : 1, `rejection audit records of application ${s.app.id}`);
		const mine = await getApplication(s.client);
		assert.equal(mine.status, result);
		if (!approved) assert.equal(mine.rejection.department, department);
	}
	assertNumbersUnique();
});
