/** axe-core for the demo's e2e tests (playwright-core pages). */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core on `selector` and the page header and tab bar around it: the serious and critical
 * violations, one line each with the rule, its impact and the elements it names.
 */
export async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .include(selector)
    .include('.app-header')
    .include('.tabs')
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
