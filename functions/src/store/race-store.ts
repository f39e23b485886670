import { Ballot, Race, type VoterKind } from '@whistle/shared';
import type { RaceRepository, StoredRace } from '../ports.js';
import { stripKeys, type Item, type Store } from './dynamo.js';
import { indexKeys, keys, raceIndexAttributes } from './keys.js';

/**
 * The quarterly races (赛马比拼), each in a partition of its own: the race
 * item (`RACE`, in the tenant's list through gsi1 by quarter) and one ballot
 * per voter (`BALLOT#ENT#<enterprise>`, `BALLOT#UNIT#<unit>`). Every rule that
 * must hold under concurrency is one conditional write:
 *
 * - one race per tenant and quarter: the race is put `attribute_not_exists(pk)`
 *   under the quarter's key;
 * - one ballot per voter: the ballot is put `attribute_not_exists(pk)` under the
 *   voter's key;
 * - a ballot counts only if it came in while the race was open: its voter is
 *   added to the race's `voters` set on the condition that the race is open;
 * - the race closes once, with the tally of exactly the voters it read: the
 *   close is conditional on the race being open and its `voters` as read.
 */
const OPEN = { ':open': 'open' };
const STATUS = { '#status': 'status' };

export class RaceStore implements RaceRepository {
  constructor(private readonly store: Store) {}

  async create(race: Race): Promise<boolean> {
    const parsed = Race.parse(race);
    return this.store.put(
      { ...keys.race(parsed.tenantId, parsed.id), entity: 'RACE', ...parsed, ...raceIndexAttributes(parsed) },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(tenantId: string, raceId: string): Promise<StoredRace | undefined> {
    const item = await this.store.get(keys.race(tenantId, raceId), true);
    return item ? storedRace(item) : undefined;
  }

  async list(tenantId: string): Promise<Race[]> {
    const items = await this.store.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.tenantRaces(tenantId) },
      ScanIndexForward: false,
    });
    return items.map((i) => storedRace(i).race);
  }

  async putBallot(ballot: Ballot): Promise<boolean> {
    const parsed = Ballot.parse(ballot);
    return this.store.put(
      { ...keys.raceBallot(parsed.tenantId, parsed.raceId, parsed.voter), entity: 'BALLOT', ...parsed },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async ballot(tenantId: string, raceId: string, voter: { kind: VoterKind; id: string }): Promise<Ballot | undefined> {
    const item = await this.store.get(keys.raceBallot(tenantId, raceId, voter), true);
    return item ? Ballot.parse(stripKeys(item)) : undefined;
  }

  async ballots(tenantId: string, raceId: string): Promise<Ballot[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.racePk(tenantId, raceId), ':p': keys.raceBallotPrefix },
      ConsistentRead: true,
    });
    return items.map((i) => Ballot.parse(stripKeys(i)));
  }

  async register(tenantId: string, raceId: string, key: string): Promise<boolean> {
    const out = await this.store.update(keys.race(tenantId, raceId), 'ADD voters :v', {
      condition: 'attribute_exists(pk) AND #status = :open',
      names: STATUS,
      values: { ':v': new Set([key]), ...OPEN },
      returns: 'NONE',
    });
    return out !== undefined;
  }

  async withdraw(ballot: Ballot): Promise<void> {
    await this.store.delete(keys.raceBallot(ballot.tenantId, ballot.raceId, ballot.voter), {
      expression: 'castAt = :at AND castBy.userId = :by',
      values: { ':at': ballot.castAt, ':by': ballot.castBy.userId },
    });
  }

  async close(closed: Race, readVoters: number): Promise<boolean> {
    const parsed = Race.parse(closed);
    if (parsed.status !== 'closed' || !parsed.closedAt || !parsed.closedBy || !parsed.tally) throw new Error('close: the race given is not closed with its tally');
    // a string set is never empty: none registered is no set at all
    const voters = readVoters === 0 ? 'attribute_not_exists(voters)' : 'size(voters) = :n';
    const out = await this.store.update(keys.race(parsed.tenantId, parsed.id), 'SET #status = :closed, closedAt = :at, closedBy = :by, tally = :tally', {
      condition: `attribute_exists(pk) AND #status = :open AND ${voters}`,
      names: STATUS,
      values: {
        ':closed': 'closed',
        ':at': parsed.closedAt,
        ':by': parsed.closedBy,
        ':tally': parsed.tally,
        ...OPEN,
        ...(readVoters === 0 ? {} : { ':n': readVoters }),
      },
      returns: 'NONE',
    });
    return out !== undefined;
  }
}

/** The race of a stored item, and its registered voters (a string set, absent while none). */
function storedRace(item: Item): StoredRace {
  const { voters, ...rest } = stripKeys(item);
  return { race: Race.parse(rest), voters: voters instanceof Set ? [...(voters as Set<unknown>)].map(String).sort() : [] };
}
