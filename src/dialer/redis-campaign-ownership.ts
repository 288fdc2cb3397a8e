import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CampaignOwnership } from './queue-service.js';

const RENEW_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * One worker runs each campaign: a lease per campaign (SET NX PX with this process's token),
 * renewed while it runs. A worker that dies stops renewing; after `ttlMs` another adopts the
 * campaign and reconciles what the first left unsure.
 */
export class RedisCampaignOwnership implements CampaignOwnership {
  private readonly token = randomBytes(12).toString('hex');

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(campaignId: string): Promise<boolean> {
    return (
      (await this.redis.set(this.key(campaignId), this.token, 'PX', this.ttlMs, 'NX')) === 'OK'
    );
  }

  async renew(campaignId: string): Promise<boolean> {
    return (
      (await this.redis.eval(RENEW_LUA, 1, this.key(campaignId), this.token, this.ttlMs)) === 1
    );
  }

  async release(campaignId: string): Promise<void> {
    await this.redis.eval(RELEASE_LUA, 1, this.key(campaignId), this.token);
  }

  private key(campaignId: string): string {
    return `${this.keyPrefix}campaign_execution:${campaignId}:owner`;
  }
}
