// Accessibility check of the page shown (GB/T 37668, WCAG 2.1 AA): axe-core, injected from
// node_modules, run on the whole document; a serious or critical violation fails the test with
// each rule, its help text and the elements concerned.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol rather than added as a <script>: the pages' CSP
// (script-src 'self') refuses inline scripts, and rightly so.
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING = new Set(['serious', 'critical']);

/** The serious and critical violations of the page as it is now (after `settle`). */
export async function axeViolations(page) {
	// Animations (a tag zooming in, a dialog fading) give false colour-contrast results.
	await page.evaluate(() =>
		Promise.race([
			Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => {}))),
			new Promise((resolve) => setTimeout(resolve, 1000)),
		]),
	);
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
	const result = await page.evaluate(async (tags) => {
		const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
		}));
	}, TAGS);
	return result.filter((v) => FAILING.has(v.impact));
}

/** Fails when the page has a serious or critical violation; `where` names the page in the message. */
export async function checkA11y(page, where = page.url()) {
	const bad = await axeViolations(page);
	if (!bad.length) return;
	const lines = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 8).map((n) => `      ${n}`).join('\n')}${v.nodes.length > 8 ? `\n      … ${v.nodes.length - 8} more` : ''}`);
	throw new Error(`accessibility (axe-core) on ${where}: ${bad.length} serious/critical violation(s)\n${lines.join('\n')}`);
}
