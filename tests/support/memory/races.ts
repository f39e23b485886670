import { Ballot, Race, type VoterKind } from '@whistle/shared';
import type { RaceRepository, StoredRace } from '../../../functions/src/ports.js';
import { indexKeys, keys, raceIndexAttributes } from '../../../functions/src/store/keys.js';
import { roundTrip, stripKeys, type Item, type MemoryTable } from './table.js';

/**
 * The quarterly races in memory, as functions/src/store/race-store.ts keeps
 * them: the race item under its quarter (created only if absent, listed by
 * quarter through gsi1), one ballot per voter (created only if absent), the
 * voters registered only while the race is open, and the close conditional on
 * the race being open with the voters as read.
 */
export class MemoryRaces implements RaceRepository {
  constructor(private readonly table: MemoryTable) {}

  async create(race: Race): Promise<boolean> {
    const parsed = Race.parse(race);
    await roundTrip();
    return this.table.put({ ...keys.race(parsed.tenantId, parsed.id), entity: 'RACE', ...parsed, ...raceIndexAttributes(parsed) }, (current) => current === undefined);
  }

  async get(tenantId: string, raceId: string): Promise<StoredRace | undefined> {
    await roundTrip();
    const item = this.table.get(keys.race(tenantId, raceId));
    return item ? storedRace(item) : undefined;
  }

  async list(tenantId: string): Promise<Race[]> {
    await roundTrip();
    return this.table.queryAll({ index: 'gsi1', pk: indexKeys.tenantRaces(tenantId), forward: false }).map((i) => storedRace(i).race);
  }

  async putBallot(ballot: Ballot): Promise<boolean> {
    const parsed = Ballot.parse(ballot);
    await roundTrip();
    return this.table.put({ ...keys.raceBallot(parsed.tenantId, parsed.raceId, parsed.voter), entity: 'BALLOT', ...parsed }, (current) => current === undefined);
  }

  async ballot(tenantId: string, raceId: string, voter: { kind: VoterKind; id: string }): Promise<Ballot | undefined> {
    await roundTrip();
    const item = this.table.get(keys.raceBallot(tenantId, raceId, voter));
    return item ? Ballot.parse(stripKeys(item)) : undefined;
  }

  async ballots(tenantId: string, raceId: string): Promise<Ballot[]> {
    await roundTrip();
    return this.table
      .queryAll({ pk: keys.racePk(tenantId, raceId), range: (sk) => sk.startsWith(keys.raceBallotPrefix) })
      .map((i) => Ballot.parse(stripKeys(i)));
  }

  async register(tenantId: string, raceId: string, key: string): Promise<boolean> {
    await roundTrip();
    const out = this.table.update(keys.race(tenantId, raceId), (current) =>
      current && current.status === 'open' ? { ...current, voters: [...new Set([...votersOf(current), key])] } : undefined,
    );
    return out !== undefined;
  }

  async withdraw(ballot: Ballot): Promise<void> {
    const key = keys.raceBallot(ballot.tenantId, ballot.raceId, ballot.voter);
    await roundTrip();
    const current = this.table.get(key);
    if (current && current.castAt === ballot.castAt && (current.castBy as { userId?: unknown } | undefined)?.userId === ballot.castBy.userId) this.table.delete(key);
  }

  async close(closed: Race, readVoters: number): Promise<boolean> {
    const parsed = Race.parse(closed);
    if (parsed.status !== 'closed' || !parsed.tally) throw new Error('close: the race given is not closed with its tally');
    await roundTrip();
    const out = this.table.update(keys.race(parsed.tenantId, parsed.id), (current) =>
      current && current.status === 'open' && votersOf(current).length === readVoters
        ? { ...current, status: 'closed', closedAt: parsed.closedAt, closedBy: parsed.closedBy, tally: parsed.tally }
        : undefined,
    );
    return out !== undefined;
  }
}

const votersOf = (item: Item): string[] => (Array.isArray(item.voters) ? item.voters.map(String) : []);

function storedRace(item: Item): StoredRace {
  const { voters: _voters, ...rest } = stripKeys(item);
  return { race: Race.parse(rest), voters: votersOf(item).sort() };
}
