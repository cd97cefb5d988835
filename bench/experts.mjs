// Makes N experts with a saved draft each, through the real API (tests/lib helpers), for the
// draft-save benchmark. Prints one line per expert: cookie<TAB>csrf<TAB>version, and writes the
// draft body (with VERSION where the version goes) to the file named by $BENCH_BODY.
import fs from 'node:fs';
import { expertSession } from '../tests/lib/flows.mjs';
import { resetIpLimits } from '../tests/lib/db.mjs';

const n = Number(process.argv[2] || 32);
const form = (leaves) => ({
	name: '测试专家', gender: '男', id_type: '护照', id_number: 'E12345678', birth_date: '1975-06-01',
	employment: '在职', employer: '某某建筑设计研究院有限公司', employer_code: '91350100M000100Y43',
	position: '总工程师', specialty: '建筑结构', specialty_years: 25, honours: ['省级突出贡献专家'],
	residence: '广东省珠海市横琴新区', health: '良好', region: '本级', remote: true, entry_type: '新增',
	education: [
		{ school: '同济大学', major: '结构工程', degree: '硕士研究生', from: '1997-09', to: '2000-07' },
		{ school: '华南理工大学', major: '土木工程', degree: '大学本科', from: '1993-09', to: '1997-07' },
	],
	work: [
		{ employer: '某某建筑设计研究院有限公司', position: '总工程师', from: '2010-03', to: '' },
		{ employer: '某某市政设计院', position: '结构工程师', from: '2000-08', to: '2010-02' },
	],
	avoidance_none: false,
	avoidance: [{ unit: '某某建筑设计研究院有限公司', code: '91350100M000100Y43', reason: '本人工作单位' }],
	specialties: leaves,
	qualifications: [], achievements: [
		{ name: '某某大桥施工图设计', role: '结构负责人', date: '2015-06-01', award: '省优秀工程设计一等奖', description: '负责主桥结构设计与计算。' },
	],
});

const lines = [];
let body = null;
for (let i = 0; i < n; i++) {
	if (i % 10 === 0) resetIpLimits(); // many experts from one address: the per-IP limits are not measured here
	const { client } = await expertSession();
	const opts = (await client.get('/api/apply/options')).body;
	const leaves = opts.taxonomy[3].groups[0].specialties.slice(0, 4).map((l) => l.id);
	const data = form(leaves);
	const res = await client.post('/api/apply/draft', { version: 0, step: 'basic', data });
	if (res.status !== 200) throw new Error(`draft: ${res.status} ${res.text}`);
	if (body === null) body = JSON.stringify({ version: 999999001, step: 'basic', data }).replace('999999001', 'VERSION');
	lines.push(`${client.jar.header()}\t${client.csrf}\t${res.body.version}`);
}
fs.writeFileSync(process.env.BENCH_BODY, body);
console.log(lines.join('\n'));
