/**
 * Plain-words definitions of the terms the lab uses, for tooltips and the glossary popover.
 * Pure data: no React.
 */
export const GLOSSARY = {
  'order parameter':
    'p, how much of a teacher feature the network has learned: 0 = nothing (the trivial state), η/a = all of it. It is what jumps at a phase transition.',
  coexistence:
    'γc, the coexistence point: the learned and the trivial state have exactly the same loss. Below γc learning wins, above it the trivial state does.',
  spinodal: 'γsp, the spinodal: the point where a state stops being a minimum at all. Past it the network must leave, so the jump happens here, not at γc.',
  metastable:
    'A local minimum that is not the lowest one: the network can sit there for a long time, but a lower state exists (e.g. the learned state between γc and γsp).',
  censored: 'A run that had not escaped by the end of the time allowed: we only know its escape time is longer than that, so it is counted as “still trapped”.',
  'balanced direction':
    'Scaling every layer’s weights together (each by the same factor). Along it a deep linear net’s loss depends only on the product of the layers.',
} as const;

export type GlossaryTerm = keyof typeof GLOSSARY;

export const GLOSSARY_TERMS = Object.keys(GLOSSARY) as GlossaryTerm[];
