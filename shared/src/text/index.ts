/** Free text, pure: Chinese word segmentation for matching (common issues; later the policy supermarket's search). */
export * from './segment.js';
export * from './lexicon.js';
