#!/usr/bin/env node
// Writes share/common-passwords.txt: the passwords people choose most, made from the patterns
// everybody knows (no leaked list is used): words and Chinese pinyin favourites with the usual
// digits, numbers like 5201314, keyboard walks, years and birthdays, and their l33t spellings.
// Only entries the form rules would let through are kept (8–64 characters, a letter and a
// digit): the others are refused anyway. The server compares without regard to case, so the
// entries are lower case. Run `node share/common-passwords.mjs` after editing this file.
import fs from 'node:fs';

const out = new Set();
const ok = (s) => s.length >= 8 && s.length <= 64 && /[a-z]/.test(s) && /[0-9]/.test(s);
const add = (s) => {
	s = s.toLowerCase();
	if (ok(s)) out.add(s);
};

// Words people start a password with: English favourites, roles and things, and pinyin.
const words = [
	'password', 'passwd', 'pass', 'admin', 'administrator', 'root', 'user', 'test', 'guest', 'login',
	'welcome', 'letmein', 'master', 'hello', 'love', 'iloveyou', 'monkey', 'dragon', 'shadow',
	'sunshine', 'princess', 'football', 'baseball', 'superman', 'batman', 'michael', 'charlie',
	'freedom', 'computer', 'internet', 'secret', 'changeme', 'default', 'system', 'server',
	'manager', 'qwerty', 'abc', 'abcd', 'abcdef', 'asdf', 'asdfgh', 'zxcvbn', 'zxcvbnm', 'qwer',
	'qazwsx', 'apple', 'tiger', 'hunter', 'summer', 'flower', 'angel', 'lovely', 'baby', 'happy',
	'lucky', 'money', 'google', 'windows', 'oracle', 'mysql', 'student', 'china', 'beijing',
	'shanghai', 'qq', 'wechat', 'weixin', 'taobao', 'baidu', 'huawei', 'xiaomi', 'iphone', 'ilove',
	'loveyou', 'forever', 'mylove', 'hellokitty', 'expert', 'zhuanjia', 'zhuanjiaku',
	'woaini', 'woaiwojia', 'aini', 'nihao', 'laopo', 'laogong', 'baobao', 'baobei', 'tiantian',
	'mima', 'zhongguo', 'zhonghua', 'woai', 'xingfu', 'kuaile', 'jiayou',
];
// The commonest family names, and given names, in pinyin.
const surnames = [
	'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma',
	'zhu', 'hu', 'guo', 'he', 'lin', 'gao', 'luo',
];
const given = ['wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang'];

// Digits people end (or start) a password with.
const tails = ['1', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789',
	'000', '111', '666', '888', '999', '007', '520', '521', '1314', '5201314', '2008', '2020', '01'];
const years = [];
for (let y = 1970; y <= 2025; y++) years.push(String(y));

// 1. words with the usual digits after them (and the commonest before them)
for (const w of words) {
	for (const d of tails) add(w + d);
	for (const d of ['123', '1234', '123456', '888']) add(w + '@' + d);
	for (const d of ['123', '123456', '520', '1314']) add(d + w);
	add(w + '123!');
	add(w + '!@#123');
}
// years after the favourites
for (const w of ['password', 'admin', 'woaini', 'iloveyou', 'love', 'qwerty', 'abc', 'china', 'qq', 'hello', 'welcome', 'baobei']) {
	for (const y of years) add(w + y);
}

// 2. family names, alone and with a given name, with digits or a birth year (zhangwei123, liming1988)
for (const s of surnames) {
	for (const d of ['123', '1234', '12345', '123456', '888', '666', '520', '1314']) add(s + d);
	for (const y of years) if (y <= '2005') add(s + y);
	for (const g of given) {
		for (const d of ['123', '123456', '888']) add(s + g + d);
	}
}

// 3. letters before or after the usual numbers (a123456, aa123456, abc123456, 123456a …)
const prefixes = ['a', 'aa', 'aaa', 'abc', 'q', 'qq', 'qwe', 'asd', 'zxc', 'z', 'w', 'wo', 'ai', 'www', 'my', 'p', 'ab'];
const numbers = ['123456', '1234567', '12345678', '123456789', '1234567890', '5201314', '1314520',
	'888888', '666666', '111111', '000000', '112233', '123123', '147258', '147258369', '987654321',
	'654321', '11111111', '88888888', '12341234', '11223344', '123321', '520520'];
for (const p of prefixes) {
	for (const n of numbers) {
		add(p + n);
		add(n + p);
	}
}
for (const n of ['123456', '12345678', '123456789', '5201314', '888888', '111111']) {
	for (const c of 'abcdefghijklmnopqrstuvwxyz') add(n + c);
}

// 4. keyboard walks, and what people add to them
const walks = [
	'1qaz2wsx', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', '1qazxsw2', '2wsx3edc', '3edc4rfv', 'zaq12wsx',
	'zaq1xsw2', 'qazwsx123', 'qazwsxedc123', 'qaz123wsx', '1q2w3e4r', '1q2w3e', '1q2w3e4r5t',
	'1q2w3e4r5t6y', 'q1w2e3r4', 'q1w2e3r4t5', 'q1w2e3', 'a1s2d3f4', 'z1x2c3v4', '1a2s3d4f',
	'qwe123', 'qwe123456', 'qweasd123', 'qweasdzxc123', 'qweasdzxc1', 'qwerty123', 'qwerty1234',
	'qwerty12345', 'qwertyuiop1', 'qwertyuiop123', 'qwer1234', 'qwert12345', 'asdf1234', 'asdfgh123',
	'asd123456', 'asdfghjkl1', 'zxcv1234', 'zxcvbnm1', 'zxcvbnm123', 'zxc123456', '1234qwer',
	'1234asdf', '1234zxcv', '123qwe', '123qweasd', '123qweasdzxc', '123asd', '123zxc', '1234abcd',
	'abcd1234', 'a1b2c3d4', 'a1b2c3d4e5', 'a1b2c3', '1a2b3c4d', 'aa123123', 'abc123abc', 'qwe123qwe',
	'asd123asd', '1qaz1qaz', '2wsx2wsx', 'q1q1q1q1', 'a1a1a1a1', 'qaz123456', 'wsx123456',
	'poiuytrewq1', '0987poiu', 'poiu0987', 'mnbvcxz1', '1qw23er4', 'ewq321', '1a2b3c', 'abc123',
	'abc1234', 'abc12345', '123abc', '1234abc', '12345abc', '123456abc', 'abc123456', 'abcd123456',
];
for (const w of walks) {
	for (const m of ['', '!', '.', '@', '!@#', '1', '123', '666', '888']) add(w + m);
	add('!' + w);
}

// 5. l33t spellings of the favourites
const spellings = (w) => [
	w.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1').replace(/s/g, '$'),
	w.replace(/o/g, '0'), w.replace(/a/g, '4'), w.replace(/a/g, '@'), w.replace(/o/g, '0').replace(/a/g, '@'),
	w.replace(/s/g, '5'), w.replace(/i/g, '1'), w.replace(/e/g, '3'),
];
for (const w of ['password', 'passwd', 'admin', 'administrator', 'welcome', 'iloveyou', 'monkey',
	'dragon', 'master', 'letmein', 'hello', 'superman', 'computer', 'secret', 'changeme', 'love',
	'football', 'shadow', 'sunshine', 'princess', 'qwerty', 'woaini', 'root', 'system', 'login']) {
	for (const v of spellings(w)) {
		for (const d of ['', '1', '12', '123', '1234', '123456', '!', '@123', '888', '2024', '2025']) add(v + d);
	}
}

// 6. love numbers spelled with words (520: I love you; 1314: for a lifetime …)
for (const w of ['iloveyou', 'loveyou', 'woaini', 'aini', 'love', 'wo', 'ai', 'baobei', 'laopo', 'laogong']) {
	for (const d of ['520', '521', '1314', '5201314', '1314520', '3344', '9420', '584520', '1314521', '5211314']) {
		add(w + d);
		add(d + w);
	}
}

const list = [...out].sort();
const header = [
	'# The most common passwords, lower case (compared without regard to case): see',
	'# share/common-passwords.mjs, which writes this file from well-known patterns. Do not edit.',
];
fs.writeFileSync(new URL('./common-passwords.txt', import.meta.url), header.concat(list).join('\n') + '\n');
console.log(`${list.length} entries`);
