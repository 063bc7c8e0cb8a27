/**
 * "Read as": how the search form was understood (title, seniority, skills found, city, years,
 * companies) and the typed skills the model does not know, so a recruiter sees what was searched.
 */
import type { TalentQueryReading } from '../../src/talent.ts';
import { h } from './dom.ts';

const FROM = { picker: 'picked', text: 'from the text' } as const;

/** Renders `r` into `el` (a list, one line per field, `data-field` naming it). */
export function renderReading(el: HTMLElement, r: TalentQueryReading): void {
  const line = (field: string, label: string, value: string): HTMLLIElement =>
    h('li', { 'data-field': field }, h('span', { class: 'echo-label' }, `${label}: `), value);
  const items = [
    line('title', 'Title', r.title ? `${r.title} (${FROM[r.titleFrom ?? 'text']})` : 'any'),
    line('seniority', 'Seniority', r.seniority ?? 'not stated (mid-level assumed)'),
    line('skills', 'Skills found', r.skills.length ? r.skills.join(', ') : 'none'),
    line('location', 'Location', r.location ? `${r.location} (${FROM[r.locationFrom ?? 'text']})` : 'anywhere'),
    line('years', 'Years', r.minYears > 0 ? `at least ${r.minYears}` : 'any'),
  ];
  if (r.companies.length) items.push(line('companies', 'Companies', r.companies.join(', ')));
  if (r.unknownSkills.length)
    items.push(
      line('unknown', 'Unknown skills (not in this model, left out)', r.unknownSkills.map((s) => `“${s}”`).join(', ')),
    );
  el.replaceChildren(...items);
}
