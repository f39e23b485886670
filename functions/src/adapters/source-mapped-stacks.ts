import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces of the minified bundles, mapped to the sources when a stack is
 * first read (an error being logged), from the `index.mjs.map` beside the
 * bundle. `NODE_OPTIONS=--enable-source-maps` does the same but parses the map
 * of every module as it loads: ~5-15 ms of every cold start
 * (tests/bench/lambda.ts --cpu-prof), paid for the rare request that fails.
 *
 * Frames read as Node's own source-mapped ones: `at fn (functions/src/x.ts:12:5)`.
 */
const maps = new Map<string, SourceMap | undefined>();

function mapOf(file: string | null | undefined): SourceMap | undefined {
  if (!file || file.startsWith('node:')) return undefined;
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      const path = file.startsWith('file:') ? fileURLToPath(file) : file;
      map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      map = undefined; // no map beside it (or unreadable): the frame stays as V8 wrote it
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

interface Origin {
  name?: string | undefined;
  fileName: string;
  lineNumber: number;
  columnNumber: number;
}

function originOf(site: NodeJS.CallSite): Origin | undefined {
  const map = mapOf(site.getFileName() ?? site.getScriptNameOrSourceURL());
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!map || line === null || column === null) return undefined;
  const origin = map.findOrigin(line, column);
  return 'fileName' in origin ? origin : undefined;
}

/** `../../functions/src/x.ts` (relative to the map) → `functions/src/x.ts` */
const sourcePath = (fileName: string) => fileName.replace(/^(?:\.\.\/)+/, '').replace(/^webpack:\/\/\//, '');

/** One frame as `at …`: mapped when its file has a map, as V8 wrote it otherwise. */
function frame(site: NodeJS.CallSite, origin: Origin | undefined, callerOrigin: Origin | undefined): string {
  if (!origin) return `    at ${String(site)}`;
  // the minified function's own name is meaningless; its source name is the name its caller called it by
  const name = callerOrigin?.name ?? site.getFunctionName();
  const where = `${sourcePath(origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`;
  const prefix = site.isAsync() ? 'async ' : '';
  return `    at ${prefix}${name ? `${name} (${where})` : where}`;
}

function header(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

/** Formats every stack read from now on with the bundles' source maps. */
export function installSourceMappedStacks(): void {
  Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) => {
    const origins = sites.map(originOf);
    return [header(error), ...sites.map((site, i) => frame(site, origins[i], origins[i + 1]))].join('\n');
  };
}
