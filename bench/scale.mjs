// The accounts of the scale benchmark (bench/scale), made through the real API before the
// database is filled:
// - one real expert with a complete, submitted application (photo, ID scans, the ID number
//   encrypted with the instance's key): bench/generate.sql copies its encrypted ID number and
//   its photo into the synthetic rows, since SQL alone cannot encrypt with the instance's key;
// - a staff account with the reviewer and manager roles, made by the super-admin, its first-login
//   password change done.
// Prints the staff session's Cookie header, then the super-admin's (staff accounts, audit log).
import { adminSession, loginPassword, newClient, randomPassword, randomUsername } from '../tests/lib/flows.mjs';
import { expertSubmitted } from '../tests/lib/apply.mjs';

const fail = (what, res) => {
	throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
};

await expertSubmitted({ name: '林振华' });

const admin = (await adminSession()).client;
const username = randomUsername('bench');
const first = randomPassword();
let res = await admin.post('/api/admin/users', {
	username, name: '基准测试员', roles: ['reviewer', 'manager'], department: '建设工程处', password: first,
});
if (res.status !== 201) fail('creating the staff account', res);
const staff = await newClient();
res = await loginPassword(staff, username, first, 'admin');
if (res.status !== 200) fail('staff login', res);
res = await staff.post('/api/account/password', { old_password: first, new_password: randomPassword() });
if (res.status !== 200) fail('staff password change', res);
console.log(staff.jar.header());
console.log(admin.jar.header());
