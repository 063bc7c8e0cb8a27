/**
 * A system's pipeline drawn from the running objects: a row of boxes (wrapping to a column on a
 * phone), each with its live figures (counts, timings, the current member's values) and a button that
 * explains the stage in our own words, with the paper it comes from. Controllers call `update` with
 * fresh figures whenever the objects behind them change; the boxes are never a static picture.
 */
import { h } from './dom.ts';
import type { Explanation } from './glossary.ts';
import { renderExplanation } from './help.ts';

/** One box of the pipeline. */
export interface PipelineStage {
  /** Stable key (`data-stage` on the box), so updates find their box. */
  id: string;
  title: string;
  /** The live figures, one short line each (e.g. "412 candidates", "3.1 ms"). Empty = not run yet. */
  figures: string[];
  explain: Explanation;
}

/** A mounted pipeline diagram. */
export interface PipelineView {
  readonly root: HTMLElement;
  /** Redraws the boxes with these stages' figures (same ids keep their place and open state). */
  update(stages: PipelineStage[]): void;
  /** A line under the diagram saying what it shows now (e.g. "for member 17's feed"). */
  caption(text: string): void;
}

/** Mounts an empty diagram labelled `label` into `parent`. */
export function mountPipeline(parent: HTMLElement, label: string): PipelineView {
  const list = h('ol', { class: 'pipeline-stages' });
  const caption = h('p', { class: 'pipeline-caption', 'aria-live': 'polite' });
  const detail = h('div', { class: 'pipeline-detail', hidden: '' });
  const root = h(
    'figure',
    { class: 'pipeline', 'aria-label': label },
    h('figcaption', {}, label),
    list,
    caption,
    detail,
  );
  parent.append(root);
  let open: string | null = null;

  const toggle = (stage: PipelineStage, button: HTMLButtonElement): void => {
    open = open === stage.id ? null : stage.id;
    for (const b of list.querySelectorAll('button'))
      b.setAttribute('aria-expanded', String(b === button && open !== null));
    detail.hidden = open === null;
    if (open) renderExplanation(detail, stage.explain);
  };

  return {
    root,
    update(stages) {
      const boxes = stages.map((stage) => {
        const button = h(
          'button',
          { type: 'button', class: 'stage', 'aria-expanded': String(open === stage.id) },
          h('strong', {}, stage.title),
        );
        for (const line of stage.figures.length ? stage.figures : ['not run yet'])
          button.append(h('span', { class: 'figure' }, line));
        button.addEventListener('click', () => toggle(stage, button));
        return h('li', { 'data-stage': stage.id }, button);
      });
      list.replaceChildren(...boxes);
      const current = stages.find((s) => s.id === open);
      if (current) renderExplanation(detail, current.explain);
      else {
        open = null;
        detail.hidden = true;
      }
    },
    caption(text) {
      caption.textContent = text;
    },
  };
}
