// The 核验 page's recomputation of a draw, written from docs/DRAW.md alone (not from the C code):
// the snapshot's digest (section 2), the stream (3), below(m) (4), the selection with skips (5)
// and the panel across requirements (6). WebCrypto (crypto.subtle) and BigInt only; runs in the
// browser and under node.

const enc = new TextEncoder();
const SNAPSHOT_TAG = enc.encode('expertpool/draw/snapshot/v1');
const STREAM_TAG = enc.encode('expertpool/draw/v1');
const TWO64 = 1n << 64n;

export function hexToBytes(hex) {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error('不是十六进制: ' + hex);
  return Uint8Array.from(hex.match(/../g) || [], (b) => parseInt(b, 16));
}

export function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function u32(v) {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, Number(v));
  return b;
}

function u64(v) {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v));
  return b;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// Candidates as [id, employer, relation] with BigInt fields; ids ≥ 1, strictly ascending.
function candidates(list) {
  const out = list.map(([id, employer, relation]) => ({ id: BigInt(id), employer: BigInt(employer), relation: BigInt(relation) }));
  out.forEach((c, i) => {
    if (c.id < 1n || (i > 0 && c.id <= out[i - 1].id)) throw new Error('候选名单的编号须从小到大且不为 0');
  });
  return out;
}

// Section 2: tag, 0x00, u32(index), u32(n), then u64 id, employer, relation per entry.
export async function snapshotDigest(index, list) {
  const c = candidates(list);
  const parts = [SNAPSHOT_TAG, new Uint8Array([0]), u32(index), u32(c.length)];
  for (const e of c) parts.push(u64(e.id), u64(e.employer), u64(e.relation));
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', concat(parts))));
}

// Section 3: words of HMAC-SHA-256(seed, tag || 0x00 || u32(index) || u64(block)), in order.
class Stream {
  constructor(key, index) { this.key = key; this.index = index; this.block = 0n; this.words = []; this.used = 0; }
  async next() {
    if (this.words.length === 0) {
      const msg = concat([STREAM_TAG, new Uint8Array([0]), u32(this.index), u64(this.block)]);
      const mac = new DataView(await crypto.subtle.sign('HMAC', this.key, msg));
      this.block += 1n;
      for (let i = 0; i < 4; i++) this.words.push(mac.getBigUint64(8 * i));
    }
    this.used += 1;
    return this.words.shift();
  }
}

// Section 4: x accepted when x < 2^64 − (2^64 mod m).
export function accepts(x, m) {
  return BigInt(x) < TWO64 - (TWO64 % BigInt(m));
}

async function below(stream, m) {
  const big = BigInt(m);
  for (;;) {
    const x = await stream.next();
    if (accepts(x, big)) return Number(x % big);
  }
}

// Sections 5 and 6: one requirement with the panel the earlier ones left (mutated).
async function selectOne(key, index, req, panel) {
  const snapshot = candidates(req.candidates);
  const a = snapshot.filter((c) => !panel.taken.has(c.id));
  const removed = snapshot.length - a.length;
  const k = req.members + req.backups;
  const stream = new Stream(key, index);
  const taken = [], skipped = [];
  let n = a.length, i = 0;
  while (taken.length < k && i < n) {
    const j = i + await below(stream, n - i);
    [a[i], a[j]] = [a[j], a[i]];
    const c = a[i];
    const why = c.employer !== 0n && panel.employers.has(c.employer) ? 'employer'
      : c.relation !== 0n && panel.relations.has(c.relation) ? 'relation' : null;
    if (why) {
      skipped.push([c.id, why]);
      [a[i], a[n - 1]] = [a[n - 1], a[i]];
      n -= 1;
      continue;
    }
    taken.push(c.id);
    panel.taken.add(c.id);
    if (c.employer !== 0n) panel.employers.add(c.employer);
    if (c.relation !== 0n) panel.relations.add(c.relation);
    i += 1;
  }
  const m = Math.min(taken.length, req.members);
  return { members: taken.slice(0, m), backups: taken.slice(m), full: taken.length === k, removed, skipped, words: stream.used };
}

// A round: { seed: hex, requirements: [{ members, backups, candidates }] } → one result per
// requirement, in order, each with its snapshot's digest. Ids come back as BigInt.
export async function recompute(round) {
  const seed = hexToBytes(round.seed);
  if (seed.length !== 32) throw new Error('种子须为 32 字节');
  const key = await crypto.subtle.importKey('raw', seed, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const panel = { taken: new Set(), employers: new Set(), relations: new Set() };
  const out = [];
  for (const [index, req] of round.requirements.entries()) {
    const digest = await snapshotDigest(index, req.candidates);
    out.push({ snapshot_sha256: digest, ...await selectOne(key, index, req, panel) });
  }
  return out;
}
