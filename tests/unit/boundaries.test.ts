import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rule in eslint.config.js: each forbidden import is reported, each allowed one is not. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['functions/src/services/x.ts', "import { Store } from '../store/dynamo.js';"],
    ['functions/src/services/x.ts', "import { SqsQueue } from '../adapters/sqs-queue.js';"],
    ['functions/src/services/x.ts', "import { wire } from '../wiring.js';"],
    ['functions/src/services/x.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';"],
    ['functions/src/store/x.ts', "import { intake } from '../services/tickets.js';"],
    ['functions/src/store/x.ts', "import { wire } from '../wiring.js';"],
    ['functions/src/adapters/x.ts', "import { startLocalStack } from '../local/stack.js';"],
    ['functions/src/handlers/x.ts', "import { registerLocalRuntime } from '../local/stack.js';"],
    ['functions/src/handlers/x.ts', "import { keys } from '../store/keys.js';"],
    ['functions/src/services/x.ts', "import { writeWorkbook } from '../export/workbook.js';"],
    ['functions/src/services/x.ts', "import writeXlsxFile from 'write-excel-file/node';"],
    ['functions/src/export/x.ts', "import { exportSheets } from '../services/exports.js';"],
    ['functions/src/export/x.ts', "import type { Ports } from '../ports.js';"],
    ['shared/src/x.ts', "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';"],
    ['shared/src/ticket/x.ts', "import { readFile } from 'node:fs';"],
  ])('%s may not: %s', async (file, source) => {
    expect(await restricted(file, source)).toHaveLength(1);
  });

  it.each([
    ['functions/src/services/x.ts', "import type { Ports } from '../ports.js';"],
    ['functions/src/services/x.ts', "import { finishEffects } from './effects.js';"],
    ['functions/src/handlers/x.ts', "import { intake } from '../services/tickets.js';"],
    ['functions/src/handlers/x.ts', "import { wire } from '../wiring.js';"],
    ['functions/src/handlers/x.ts', "import { writeWorkbook } from '../export/workbook.js';"],
    ['functions/src/export/x.ts', "import writeXlsxFile from 'write-excel-file/node';"],
    ['functions/src/store/x.ts', "import type { TicketRepository } from '../ports.js';"],
    ['functions/src/wiring.ts', "import { TicketStore } from './store/ticket-store.js';"],
    ['functions/src/local/x.ts', "import { wire } from '../wiring.js';"],
  ])('%s may: %s', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});
