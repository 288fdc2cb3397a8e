import { chooseCallerQueue, type QueueRouting } from '../../src/voice/queue-choice.js';

const routing: QueueRouting = {
  queues: ['premium-customers', 'customers'],
  queueByNumber: new Map([
    ['+15551230000', 'premium-customers'],
    ['+15551230001', 'customers'],
  ]),
  premiumCallers: new Set(['+15559990000']),
};

const choose = (input: { requested?: string; to?: string; from?: string }, r = routing) =>
  chooseCallerQueue({ requested: input.requested, to: input.to, from: input.from }, r);

describe('chooseCallerQueue', () => {
  describe('a requested queue', () => {
    it('is joined when it is one of ours', () => {
      expect(choose({ requested: 'premium-customers' })).toEqual({
        queue: 'premium-customers',
        reason: 'requested',
      });
    });

    it('when unknown, sends the caller to the regular queue', () => {
      expect(choose({ requested: 'vip' })).toEqual({
        queue: 'customers',
        reason: 'unknown-requested',
      });
    });

    it('is matched case-sensitively', () => {
      expect(choose({ requested: 'Premium-Customers' })).toEqual({
        queue: 'customers',
        reason: 'unknown-requested',
      });
    });

    it('wins over the called number and the premium list', () => {
      expect(choose({ requested: 'customers', to: '+15551230000', from: '+15559990000' })).toEqual({
        queue: 'customers',
        reason: 'requested',
      });
    });

    it('even when unknown, wins over the called number and the premium list', () => {
      expect(choose({ requested: 'vip', to: '+15551230000', from: '+15559990000' })).toEqual({
        queue: 'customers',
        reason: 'unknown-requested',
      });
    });
  });

  describe('the called number', () => {
    it('picks the queue it is mapped to', () => {
      expect(choose({ to: '+15551230000' })).toEqual({
        queue: 'premium-customers',
        reason: 'called-number',
      });
    });

    it('is normalised before the lookup', () => {
      expect(choose({ to: ' +1 (555) 123-0000 ' })).toEqual({
        queue: 'premium-customers',
        reason: 'called-number',
      });
    });

    it('wins over the premium list', () => {
      expect(choose({ to: '+15551230001', from: '+15559990000' })).toEqual({
        queue: 'customers',
        reason: 'called-number',
      });
    });
  });

  describe('a premium caller', () => {
    it('joins the first queue', () => {
      expect(choose({ to: '+15550000000', from: '+15559990000' })).toEqual({
        queue: 'premium-customers',
        reason: 'premium-caller',
      });
    });

    it('is recognised however the number is written', () => {
      expect(choose({ from: '+1 555-999-0000' })).toEqual({
        queue: 'premium-customers',
        reason: 'premium-caller',
      });
    });
  });

  describe('by default', () => {
    it('a caller joins the regular (last) queue', () => {
      expect(choose({ to: '+15550000000', from: '+15550000001' })).toEqual({
        queue: 'customers',
        reason: 'default',
      });
    });

    it.each(['client:alice', 'anonymous', 'sip:alice@example.test', ''])(
      'a caller from %j joins the regular queue',
      (from) => {
        expect(choose({ from, to: 'client:desk' })).toEqual({
          queue: 'customers',
          reason: 'default',
        });
      },
    );

    it('a caller with neither To nor From joins the regular queue', () => {
      expect(choose({})).toEqual({ queue: 'customers', reason: 'default' });
    });
  });

  describe('with three tiers', () => {
    const three: QueueRouting = {
      queues: ['gold', 'silver', 'bronze'],
      queueByNumber: new Map([['+15551230002', 'silver']]),
      premiumCallers: new Set(['+15559990000']),
    };

    it('sends premium callers to the first, others to the last, mapped numbers to theirs', () => {
      expect(choose({ from: '+15559990000' }, three)).toEqual({
        queue: 'gold',
        reason: 'premium-caller',
      });
      expect(choose({ from: '+15550000001' }, three)).toEqual({
        queue: 'bronze',
        reason: 'default',
      });
      expect(choose({ to: '+15551230002' }, three)).toEqual({
        queue: 'silver',
        reason: 'called-number',
      });
      expect(choose({ requested: 'vip' }, three)).toEqual({
        queue: 'bronze',
        reason: 'unknown-requested',
      });
    });
  });
});
