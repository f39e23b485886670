/**
 * Stands in for a handler module that does not exist yet, and only when
 * bundling is skipped (tests, `-c skipBundling=true`): NodejsFunction insists
 * that its entry file exists even then. A template synthesized without
 * bundling points its code assets at the source tree and is not deployable
 * anyway; with bundling on, a missing entry fails synth and names the file.
 */
export const handler = (): never => {
  throw new Error('placeholder handler: the real handler module was missing when this was synthesized');
};
