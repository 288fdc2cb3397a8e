import { createContactScreen } from '../../src/dialer/contact-screening.js';
import type { CampaignSettings } from '../../src/outbound/campaign.js';
import { EmbeddedAbandonedNumbers } from '../../src/outbound/embedded-abandoned-numbers.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import { T0, execution } from '../outbound/campaign-fixtures.js';

const HOUR = 3_600_000;
/** San Francisco: T0 (2026-01-01T00:00Z) is 16:00 there, inside 08:00–21:00. */
const SF = { id: 'c1', phone: '+14155551000', timeZone: 'America/Los_Angeles' };
const LONDON = { id: 'c2', phone: '+442079460000' };
const ALL_DAY = { start: '00:00', end: '24:00' };

describe('screening a contact right before its call', () => {
  let optOuts: EmbeddedOptOutList;
  let abandoned: EmbeddedAbandonedNumbers;
  let screen: ReturnType<typeof createContactScreen>;

  beforeEach(() => {
    optOuts = EmbeddedOptOutList.inMemory();
    abandoned = EmbeddedAbandonedNumbers.inMemory();
    screen = createContactScreen({ optOuts, abandoned });
  });

  const campaign = (settings: Partial<CampaignSettings> = {}) =>
    execution('CE1', { callingWindow: ALL_DAY, ...settings });

  it('a number never abandoned is dialed', async () => {
    expect(await screen(campaign(), SF, T0)).toEqual({ kind: 'dial' });
  });

  it('a number abandoned an hour ago waits until 72 hours after the abandonment', async () => {
    await abandoned.record(SF.phone, T0 - HOUR);

    expect(await screen(campaign(), SF, T0)).toEqual({ kind: 'later', at: T0 + 71 * HOUR });
  });

  it('a UK number as a US one: the rule is applied whatever the country', async () => {
    await abandoned.record(LONDON.phone, T0 - HOUR);

    expect(await screen(campaign({ defaultCountry: 'GB' }), LONDON, T0)).toEqual({
      kind: 'later',
      at: T0 + 71 * HOUR,
    });
  });

  it('an abandonment 72 hours ago no longer holds the number back', async () => {
    await abandoned.record(SF.phone, T0 - 72 * HOUR);

    expect(await screen(campaign(), SF, T0)).toEqual({ kind: 'dial' });
  });

  it('executions written before the setting existed wait the default 72 hours', async () => {
    await abandoned.record(SF.phone, T0 - HOUR);
    const { abandonedCooldownHours, ...older } = campaign({ abandonedCooldownHours: 5 }).settings;
    expect(abandonedCooldownHours).toBe(5);

    expect(await screen({ ...campaign(), settings: older }, SF, T0)).toEqual({
      kind: 'later',
      at: T0 + 71 * HOUR,
    });
  });

  it('the campaign’s own cooldown counts, and 0 turns it off', async () => {
    await abandoned.record(SF.phone, T0 - HOUR);

    expect(await screen(campaign({ abandonedCooldownHours: 24 }), SF, T0)).toEqual({
      kind: 'later',
      at: T0 + 23 * HOUR,
    });
    expect(await screen(campaign({ abandonedCooldownHours: 0 }), SF, T0)).toEqual({
      kind: 'dial',
    });
  });

  it('a cooldown ending outside calling hours waits for the window to open after it', async () => {
    // Abandoned at 22:00 in San Francisco: 72 h later is 22:00 on the third day, past 21:00.
    const at = T0 + 6 * HOUR;
    await abandoned.record(SF.phone, at);
    const nineToNine = campaign({ callingWindow: { start: '08:00', end: '21:00' } });

    // 08:00 the next morning there: 16:00Z, four days after T0 less eight hours.
    expect(await screen(nineToNine, SF, at + 1)).toEqual({ kind: 'later', at: T0 + 88 * HOUR });
  });

  it('an opted-out number is never called, abandoned or not', async () => {
    await abandoned.record(SF.phone, T0 - HOUR);
    await optOuts.add(SF.phone, { source: 'keypress', at: T0 - HOUR });

    expect(await screen(campaign(), SF, T0)).toEqual({
      kind: 'never',
      outcome: 'do-not-call',
      reason: 'on the opt-out list',
    });
  });
});
